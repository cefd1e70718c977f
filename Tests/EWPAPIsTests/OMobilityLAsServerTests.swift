import EWPAPIs
import EWPCore
import EWPModel
import EWPStore
import EWPTestSupport
import EWPXML
import Foundation
import Testing

/// `OMobilityLAsServer` over a real SQLite store: access rules (OMobility LAs API v1
/// endpoints/get.md, index.md, update.md and stats.md), filters, the update transitions with their
/// CNR and history, stats, and answers valid against the official XSDs.
@Suite("OMobility LAs v1: server")
struct OMobilityLAsServerTests {
    let served = LAFixture.sendingHEI
    let receiving = [LAFixture.receivingHEI]

    private func ids(_ element: XElement) -> [String] { element.children.map(\.text) }

    private func laIDs(_ element: XElement) -> [String] {
        element.children.compactMap { $0.element("omobility-id", namespace: LADocuments.namespace)?.text }
    }

    private func get(_ server: OMobilityLAsServer, _ requester: [String], _ ids: [String]) async throws -> XElement {
        try SplicedAnswer.read(try await server.get(servedHEI: HEIID(served), requesterHEIs: requester.map(HEIID.init),
                                                    parameters: LAFixture.parameters([("sending_hei_id", served)] + ids.map { ("omobility_id", $0) })))
    }

    private func index(_ server: OMobilityLAsServer, _ requester: [String], _ extra: [(String, String)] = []) async throws -> [String] {
        ids(try await server.index(servedHEI: HEIID(served), requesterHEIs: requester.map(HEIID.init), parameters: LAFixture.parameters([("sending_hei_id", served)] + extra)))
    }

    private func update(_ server: OMobilityLAsServer, _ requester: [String], _ body: String, at seconds: TimeInterval = 60) async -> Result<XElement, APIRequestError> {
        do {
            return .success(try await server.update(servedHEI: HEIID(served), requesterHEIs: requester.map(HEIID.init), body: Array(body.utf8), now: LAFixture.at(seconds)))
        } catch {
            return .failure(error)
        }
    }

    private func status(_ result: Result<XElement, APIRequestError>) -> Int {
        switch result {
        case .success: 200
        case .failure(let error): error.status.code
        }
    }

    /// m-1 and m-2 to receiving.example (2026/2027), m-3 to other.example (2025/2026, another student).
    private func populated() async throws -> LAStoreFixture {
        let fixture = try LAStoreFixture()
        try await fixture.put([
            LAFixture.object(try LAFixture.la("m-1", stage: .proposedFirstVersion(proposalID: "p-1"))),
            LAFixture.object(try LAFixture.la("m-2", stage: .changesProposed(proposalID: "p-9")), modified: LAFixture.at(100)),
            LAFixture.object(try LAFixture.la("m-3", receiving: LAFixture.otherHEI, year: "2025/2026", globalID: "urn:esi:other")),
        ])
        return fixture
    }

    @Test("get: the receiving HEI and the sending HEI read; others and unknown ids get an empty answer (OMobility LAs API v1 endpoints/get.md; the EWP API Validator's OMobility LAs get checks)")
    func getAccess() async throws {
        let fixture = try await populated()
        defer { fixture.remove() }
        let server = OMobilityLAsServer(store: fixture.store)
        #expect(laIDs(try await get(server, receiving, ["m-2", "unknown", "m-1", "m-3"])) == ["m-2", "m-1"])
        #expect(laIDs(try await get(server, [served], ["m-3", "m-1"])) == ["m-3", "m-1"])
        #expect(laIDs(try await get(server, ["RECEIVING.example"], ["m-1"])) == ["m-1"])
        #expect(try await get(server, [LAFixture.otherHEI], ["m-1", "m-2"]).children.isEmpty)
        #expect(try await get(server, [], ["m-1"]).children.isEmpty)
        let answer = try await get(server, receiving, ["m-1"])
        #expect(answer.name == "omobility-las-get-response" && answer.namespace == LADocuments.namespace)
        #expect(try LearningAgreement(try #require(answer.children.first)) == (try LAFixture.la("m-1", stage: .proposedFirstVersion(proposalID: "p-1"))))
    }

    @Test("get splices the stored LAs unparsed: byte for byte, as XML the answer the parsed LAs written again give, valid against the official XSD as written")
    func storedBytes() async throws {
        let fixture = try await populated()
        defer { fixture.remove() }
        let server = OMobilityLAsServer(store: fixture.store)
        let ids = ["m-2", "m-1"]
        let answer = try await server.get(servedHEI: HEIID(served), requesterHEIs: receiving.map(HEIID.init),
                                          parameters: LAFixture.parameters([("sending_hei_id", served)] + ids.map { ("omobility_id", $0) }))
        let stored = try await fixture.store.ownObjects(kind: OwnLAStorage.kind, heiID: served, ids: ids)
        let parsed = try ids.compactMap { id in try stored.first { $0.objectID == id }.flatMap { try OwnLAStorage.element($0) } }
        let bytes = try SplicedAnswer.check(answer, stored: stored, parsedAgain: OMobilityLAsResponses.get(parsed))
        let outcome = try await OfficialSchemas.validate(bytes, against: RepositoryPaths.spec("ewp-specs-api-omobility-las/endpoints/get-response.xsd"))
        #expect(outcome.valid, "\(outcome.messages)")
    }

    @Test("index: what the requester may get, with receiving HEI, year, student, type and modified_since filters (OMobility LAs API v1 endpoints/index.md; the EWP API Validator's OMobility LAs index checks)")
    func indexFilters() async throws {
        let fixture = try await populated()
        defer { fixture.remove() }
        let server = OMobilityLAsServer(store: fixture.store)
        #expect(try await index(server, receiving) == ["m-1", "m-2"])                                                   // 92, 108
        #expect(try await index(server, [served]) == ["m-1", "m-2", "m-3"])
        #expect(try await index(server, receiving, [("receiving_hei_id", "unknown")]).isEmpty)                        // 91
        #expect(try await index(server, receiving, [("receiving_hei_id", "receiving.example"), ("receiving_hei_id", "unknown")]) == ["m-1", "m-2"]) // 94
        #expect(try await index(server, receiving, [("receiving_hei_id", "u1"), ("receiving_hei_id", "u2")]).isEmpty)  // 95
        #expect(try await index(server, receiving, [("receiving_hei_id", LAFixture.otherHEI)]).isEmpty)                 // 106
        #expect(try await index(server, []).isEmpty)                                                                    // 107
        #expect(try await index(server, [served], [("receiving_hei_id", LAFixture.otherHEI)]) == ["m-3"])
        #expect(try await index(server, [served], [("receiving_academic_year_id", "2025/2026")]) == ["m-3"])            // 109
        #expect(try await index(server, receiving, [("receiving_academic_year_id", "1653/1654")]).isEmpty)              // 98
        #expect(try await index(server, [served], [("global_id", "urn:esi:other")]) == ["m-3"])
        #expect(try await index(server, [served], [("mobility_type", "semester")]) == ["m-1", "m-2", "m-3"])
        #expect(try await index(server, [served], [("mobility_type", "blended")]).isEmpty)
        #expect(try await index(server, receiving, [("modified_since", "2000-02-12T15:19:21+01:00")]) == ["m-1", "m-2"]) // 101, 110
        #expect(try await index(server, receiving, [("modified_since", "2026-05-10T00:00:30Z")]) == ["m-2"])
        #expect(try await index(server, receiving, [("modified_since", "2046-05-10T00:00:00Z")]).isEmpty)              // 100
    }

    @Test("update approve: the proposal becomes the first version, a version record and the LA CNR are written together (OMobility LAs API v1 endpoints/update.md; checked by the EWP API Validator)")
    func approve() async throws {
        let fixture = try await populated()
        defer { fixture.remove() }
        let server = OMobilityLAsServer(store: fixture.store)
        let result = await update(server, receiving, LADocuments.update(sending: served, omobilityID: "m-1", proposalID: "p-1"))
        let response = try result.get()
        #expect(response.name == "omobility-las-update-response")
        #expect(response.children.first?.text.contains("approved") == true)
        let stored = try #require(try await fixture.store.ownObjects(kind: OwnLAStorage.kind, heiID: served, ids: ["m-1"]).first)
        let la = try #require(try OwnLAStorage.learningAgreement(stored))
        #expect(la.changesProposal == nil && la.firstVersion?.receivingHEISignature?.signerName == "Bruno Receiver")
        #expect(stored.hash == "2" && stored.modifiedAt == LAFixture.at(60))
        #expect(OwnLAStorage.marks(stored) == LAMarks(approvedProposalIDs: ["p-1"]))
        #expect(stored.filterKeys["la-state"] == ["approved"] && stored.filterKeys["la-approval"] == ["not-modified-after-approval"])
        let history = try await OwnLAStorage.history(fixture.store, heiID: served, omobilityID: "m-1")
        #expect(history.map(\.event) == [.approved] && history.first?.revision == 2)
        #expect(history.first?.signature?.timestamp == "2026-06-20T10:00:00+02:00" && history.first?.actorHEI == "receiving.example")
        let outbox = try await fixture.outbox()
        #expect(outbox.map(\.key) == [NotificationKey(api: "omobility-la-cnr", localHEI: served, partnerHEI: "receiving.example", objectID: "m-1")])
        // The same proposal again: it is no longer pending (edit conflict, 409 with a user message).
        let again = await update(server, receiving, LADocuments.update(sending: served, omobilityID: "m-1", proposalID: "p-1"))
        #expect(status(again) == 409)
        if case .failure(let error) = again { #expect(error.userMessage?.contains("not up-to-date") == true) }
    }

    @Test("update comment: the LA stays as served, the proposal is marked rejected, the comment kept; the CNR is sent (OMobility LAs API v1 endpoints/update.md; checked by the EWP API Validator)")
    func comment() async throws {
        let fixture = try await populated()
        defer { fixture.remove() }
        let server = OMobilityLAsServer(store: fixture.store)
        let before = try #require(try await fixture.store.ownObjects(kind: OwnLAStorage.kind, heiID: served, ids: ["m-2"]).first)
        let result = await update(server, receiving, LADocuments.update(sending: served, omobilityID: "m-2", proposalID: "p-9", comment: "Take Networks instead."))
        #expect(status(result) == 200)
        let stored = try #require(try await fixture.store.ownObjects(kind: OwnLAStorage.kind, heiID: served, ids: ["m-2"]).first)
        #expect(stored.document == before.document)
        #expect(stored.filterKeys["la-state"] == ["rejected"] && stored.filterKeys["rejected-proposal-id"] == ["p-9"])
        let history = try await OwnLAStorage.history(fixture.store, heiID: served, omobilityID: "m-2")
        #expect(history.map(\.event) == [.commented] && history.first?.comment == "Take Networks instead.")
        #expect(try await fixture.outbox().map(\.key.objectID) == ["m-2"])
        // A rejected proposal may still be approved while it is the current one.
        #expect(status(await update(server, receiving, LADocuments.update(sending: served, omobilityID: "m-2", proposalID: "p-9"), at: 120)) == 200)
        let approved = try #require(try await fixture.store.ownObjects(kind: OwnLAStorage.kind, heiID: served, ids: ["m-2"]).first)
        #expect(approved.filterKeys["la-state"] == ["approved"] && approved.filterKeys["rejected-proposal-id"] == nil)
        #expect(try await OwnLAStorage.history(fixture.store, heiID: served, omobilityID: "m-2").map(\.revision) == [2, 3])
    }

    @Test("update refusals change nothing: stale proposal 409; unknown LA, another HEI's request, wrong sending HEI 400 (116, 117, 119, 121, 122, 124)")
    func updateRefusals() async throws {
        let fixture = try await populated()
        defer { fixture.remove() }
        let server = OMobilityLAsServer(store: fixture.store)
        let cases: [(requester: [String], body: String, status: Int)] = [
            (receiving, LADocuments.update(sending: served, omobilityID: "m-1", proposalID: "stale"), 409),
            (receiving, LADocuments.update(sending: served, omobilityID: "m-1", proposalID: "stale", comment: "c"), 409),
            (receiving, LADocuments.update(sending: served, omobilityID: "unknown", proposalID: "p-1"), 400),
            (receiving, LADocuments.update(sending: served, omobilityID: "m-3", proposalID: "p-1"), 400),
            ([LAFixture.otherHEI], LADocuments.update(sending: served, omobilityID: "m-1", proposalID: "p-1"), 400),
            ([], LADocuments.update(sending: served, omobilityID: "m-1", proposalID: "p-1", comment: "c"), 400),
            ([served], LADocuments.update(sending: served, omobilityID: "m-1", proposalID: "p-1"), 400),
            (receiving, LADocuments.update(sending: LAFixture.otherHEI, omobilityID: "m-1", proposalID: "p-1"), 400),
        ]
        for c in cases {
            let result = await update(server, c.requester, c.body)
            #expect(status(result) == c.status, "\(c.requester) \(c.body)")
            if case .failure(let error) = result { #expect(!error.developerMessage.isEmpty) }
        }
        #expect(try await fixture.outbox().isEmpty)
        let objects = try await fixture.store.ownObjects(kind: OwnLAStorage.kind, heiID: served, ids: ["m-1", "m-2", "m-3"])
        #expect(objects.allSatisfy { $0.hash == "1" })
    }

    @Test("concurrent approvals of one proposal: exactly one succeeds, the others get 409; one CNR row, one version")
    func concurrentApprovals() async throws {
        let fixture = try await populated()
        defer { fixture.remove() }
        let server = OMobilityLAsServer(store: fixture.store)
        let second = OMobilityLAsServer(store: try SQLiteStore(path: fixture.directory.appendingPathComponent("node.sqlite").path))
        let body = LADocuments.update(sending: served, omobilityID: "m-1", proposalID: "p-1")
        let statuses = await withTaskGroup(of: Int.self) { group in
            for i in 0..<6 {
                group.addTask { await self.status(self.update(i % 2 == 0 ? server : second, self.receiving, body)) }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(statuses.sorted() == [200, 409, 409, 409, 409, 409])
        #expect(try await OwnLAStorage.history(fixture.store, heiID: served, omobilityID: "m-1").count == 1)
        #expect(try await fixture.outbox().count == 1)
    }

    @Test("stats: per receiving academic year from 2021/2022, for the Stats Portal and the sending HEI only (OMobility LAs API v1 endpoints/stats.md; ewp-specs-architecture › EWP Statistics)")
    func stats() async throws {
        let fixture = try await populated()
        defer { fixture.remove() }
        try await fixture.put([
            LAFixture.object(try LAFixture.la("m-4", stage: .proposedFirstVersion(proposalID: "p-4")), marks: LAMarks(rejectedProposalID: "p-4")),
            LAFixture.object(try LAFixture.la("old", year: "2019/2020")),
        ])
        let server = OMobilityLAsServer(store: fixture.store)
        #expect(try await server.stats(servedHEI: HEIID(served)) == [
            LAYearStats(receivingAcademicYear: "2025/2026", total: 1, notModifiedAfterApproval: 1, modifiedAfterApproval: 0,
                        latestApproved: 1, latestRejected: 0, latestAwaiting: 0),
            LAYearStats(receivingAcademicYear: "2026/2027", total: 3, notModifiedAfterApproval: 0, modifiedAfterApproval: 1,
                        latestApproved: 0, latestRejected: 1, latestAwaiting: 2),
        ])
        let portal = try await server.stats(servedHEI: HEIID(served), requesterHEIs: [HEIID(OMobilityLAsAPI.statsPortalHEI)])
        #expect(portal.children.count == 2)
        #expect(try await server.stats(servedHEI: HEIID(served), requesterHEIs: [HEIID(served)]).children.count == 2)
        await #expect(throws: APIRequestError.self) { try await server.stats(servedHEI: HEIID(self.served), requesterHEIs: self.receiving.map(HEIID.init)) }
    }

    @Test("every answer is valid against the official XSDs: get, empty get, index, update, stats, manifest entry")
    func officialSchemas() async throws {
        let fixture = try await populated()
        defer { fixture.remove() }
        let server = OMobilityLAsServer(store: fixture.store)
        let base = "ewp-specs-api-omobility-las/"
        let documents: [(String, XElement)] = [
            ("endpoints/get-response.xsd", try await get(server, [served], ["m-1", "m-2", "m-3"])),
            ("endpoints/get-response.xsd", try await get(server, [served], ["none"])),
            ("endpoints/index-response.xsd", try await server.index(servedHEI: HEIID(served), requesterHEIs: [HEIID(served)], parameters: LAFixture.parameters([("sending_hei_id", served)]))),
            ("endpoints/update-response.xsd", try await update(server, receiving, LADocuments.update(sending: served, omobilityID: "m-1", proposalID: "p-1")).get()),
            ("endpoints/stats-response.xsd", try await server.stats(servedHEI: HEIID(served), requesterHEIs: [HEIID(served)])),
        ]
        for (xsd, element) in documents {
            let outcome = try await OfficialSchemas.validate(XMLWriter.document(element), against: RepositoryPaths.spec(base + xsd))
            #expect(outcome.valid, "\(xsd): \(outcome.messages)")
        }
        let entry = OMobilityLAsAPI.manifestEntry(getURL: "https://h.example/get", indexURL: "https://h.example/index",
                                                  updateURL: "https://h.example/update", statsURL: "https://h.example/stats")
        let manifest = ManifestDocument.document(host: ManifestDocumentTests.host(), apiEntries: ManifestDocumentTests.entries() + [entry])
        let outcome = try await OfficialSchemas.validate(manifest, against: OfficialSchemas.manifestWrapper)
        #expect(outcome.valid, "\(outcome.messages)")
        #expect(entry.children.map(\.name) == ["http-security", "get-url", "index-url", "update-url", "stats-url", "max-omobility-ids"])
    }
}
