import EWPAPIs
import EWPCore
import EWPModel
import EWPStore
import EWPTestSupport
import EWPXML
import Foundation
import Testing

/// IIAs v7 get/index/stats over a real SQLite store, rule by rule (IIAs API v7 endpoints/get.md,
/// index.md and stats.md; the EWP API Validator's IIAs get checks and IIAs index checks), responses
/// checked against the official XSDs.
@Suite("IIAs v7: get, index and stats over the store")
struct IIAsServerTests {
    static let hei = "a.example"
    static let partner = "b.example"
    static let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    /// A store with our IIAs: "A-1" (with b, years 2024/2024..2026/2027), "A-2" (with c, 2030/2031), "A-3" deleted.
    static func store() async throws -> (SQLiteStore, URL) {
        let directory = try RepositoryPaths.temporaryDirectory(prefix: "ewp-iias-server")
        let store = try SQLiteStore(path: directory.appendingPathComponent("node.sqlite").path)
        func object(_ id: String, partner: String, conditions: String? = nil, at offset: TimeInterval) throws -> OwnObject {
            let element = try #require(try XMLReader.parse(IIADocuments.response([
                IIADocuments.iia(hei: hei, id: id, partner: partner, partnerID: "P-\(id)", conditions: conditions)])).children.first)
            return OwnIIAStorage.object(try IIA(element), heiID: hei, modifiedAt: t0.addingTimeInterval(offset))
        }
        var deleted = try object("A-3", partner: partner, at: 0)
        deleted.document = nil
        try await store.commit(ChangeSet(upserts: [
            try object("A-1", partner: partner, at: 0),
            try object("A-2", partner: "c.example", conditions: IIADocuments.teaching(from: "c.example", to: hei, years: ("2030/2031", "2030/2031")), at: 100),
            deleted,
        ], notificationsExpireAt: t0), now: t0)
        return (store, directory)
    }

    static func ids(_ root: XElement) -> [String] { root.children.map(\.text) }

    static func getIDs(_ root: XElement) throws -> [String] {
        try root.children.map { try #require(try IIA($0).local.iiaID) }
    }

    func withServer(_ body: (IIAsServer) async throws -> Void) async throws {
        let (store, directory) = try await Self.store()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await body(IIAsServer(store: store, approvals: FixedApprovals(), maxIIAIDs: 3))
    }

    func get(_ server: IIAsServer, _ ids: [String], as requester: [String] = [partner]) async throws -> XElement {
        try SplicedAnswer.read(try await server.get(servedHEI: HEIID(Self.hei), requesterHEIs: requester.map(HEIID.init), parameters: RequestParameters(ids.map { ("iia_id", $0) })))
    }

    func index(_ server: IIAsServer, _ pairs: [(String, String)] = [], as requester: [String] = [partner]) async throws -> [String] {
        Self.ids(try await server.index(servedHEI: HEIID(Self.hei), requesterHEIs: requester.map(HEIID.init), parameters: RequestParameters(pairs)))
    }

    @Test("IIAs API v7 endpoints/get.md, EWP API Validator: a known id → that IIA, first partner the served HEI with iia-id and iia-code, valid against the official XSD")
    func known() async throws {
        try await withServer { (server: IIAsServer) async throws in
            let root = try await get(server, ["A-1"])
            #expect(root.name == "iias-get-response" && root.namespace == IIA.namespace)
            let iia = try IIA(try #require(root.children.first))
            #expect(root.children.count == 1)
            #expect(iia.local.heiID == Self.hei && iia.local.iiaID == "A-1" && iia.local.iiaCode == "CODE/A-1")
            // The served hash is ours, recomputed over what is served (the EWP API Validator checks
            // it).
            #expect(iia.declaredHash == IIAHash.hash(iia.element))
            let outcome = try await OfficialSchemas.validate(XMLWriter.document(root), against: IIADocuments.officialSchema)
            #expect(outcome.valid, "\(outcome.messages)")
        }
    }

    @Test("get splices the stored IIAs unparsed: byte for byte, as XML the answer the parsed IIAs written again give, valid against the official XSD as written")
    func storedBytes() async throws {
        let (store, directory) = try await Self.store()
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = IIAsServer(store: store, approvals: FixedApprovals(), maxIIAIDs: 3)
        let answer = try await server.get(servedHEI: HEIID(Self.hei), requesterHEIs: [HEIID("c.example")], parameters: RequestParameters([("iia_id", "A-2")]))
        let stored = try await store.ownObjects(kind: OwnIIAStorage.kind, heiID: Self.hei, ids: ["A-2"])
        let bytes = try SplicedAnswer.check(answer, stored: stored, parsedAgain: IIAsResponses.get(try stored.compactMap { try OwnIIAStorage.element($0) }))
        let outcome = try await OfficialSchemas.validate(bytes, against: IIADocuments.officialSchema)
        #expect(outcome.valid, "\(outcome.messages)")
    }

    @Test("EWP API Validator: an unknown id → 200 with an empty response, valid against the official XSD")
    func unknown() async throws {
        try await withServer { (server: IIAsServer) async throws in
            let root = try await get(server, ["this-is-some-unknown-and-unexpected-id"])
            #expect(root.children.isEmpty)
            let outcome = try await OfficialSchemas.validate(XMLWriter.document(root), against: IIADocuments.officialSchema)
            #expect(outcome.valid, "\(outcome.messages)")
        }
    }

    @Test("EWP API Validator: known + unknown → only the known; repeated ids → the IIA once; request order kept")
    func knownAndUnknown() async throws {
        try await withServer { (server: IIAsServer) async throws in
            let knownOnly = try Self.getIDs(try await get(server, ["nope", "A-1"]))
            let repeated = try Self.getIDs(try await get(server, ["A-1", "A-1", "A-1"]))
            let ordered = try Self.getIDs(try await get(server, ["A-2", "A-1"], as: [Self.partner, "c.example"]))
            #expect(knownOnly == ["A-1"])
            #expect(repeated == ["A-1"])
            #expect(ordered == ["A-2", "A-1"])
        }
    }

    @Test("EWP API Validator: no iia_id, or more than max-iia-ids → 400")
    func badRequests() async throws {
        try await withServer { (server: IIAsServer) async throws in
            await #expect(throws: APIRequestError.self) { _ = try await get(server, []) }
            await #expect(throws: APIRequestError.self) { _ = try await get(server, Array(repeating: "A-1", count: 4)) }
            await #expect(throws: APIRequestError.self) { _ = try await get(server, (1...4).map { "unknown-\($0)" }) }
        }
    }

    @Test("IIAs API v7 endpoints/get.md permissions: ids of another partner's IIA, of a deleted IIA, or asked by a stranger are omitted like unknown ones")
    func hidden() async throws {
        try await withServer { (server: IIAsServer) async throws in
            #expect(try await get(server, ["A-2"]).children.isEmpty)                       // A-2 is with c.example
            #expect(try await get(server, ["A-3"]).children.isEmpty)                       // deleted
            #expect(try await get(server, ["A-1"], as: ["x.example"]).children.isEmpty)
            #expect(try await get(server, ["A-1"], as: []).children.isEmpty)               // key covering no HEI
            #expect(try await get(server, ["A-1"], as: [IIAsAPI.statsPortalHEI]).children.isEmpty)
            let own = try Self.getIDs(try await get(server, ["A-1", "A-2"], as: [Self.hei]))
            #expect(own == ["A-1", "A-2"])
        }
    }

    func index(_ server: IIAsServer, years: String..., as requester: [String] = [partner]) async throws -> [String] {
        try await index(server, years.map { ("receiving_academic_year_id", $0) }, as: requester)
    }

    func index(_ server: IIAsServer, since: String, as requester: [String] = [partner]) async throws -> [String] {
        try await index(server, [("modified_since", since)], as: requester)
    }

    @Test("ewp-specs-architecture › Referential integrity, EWP API Validator: index lists exactly what get returns to that requester, sorted, valid against the official XSD")
    func indexConsistentWithGet() async throws {
        try await withServer { (server: IIAsServer) async throws in
            #expect(try await index(server) == ["A-1"])
            #expect(try await index(server, as: ["c.example"]) == ["A-2"])
            #expect(try await index(server, as: [Self.partner, "c.example"]) == ["A-1", "A-2"])
            #expect(try await index(server, as: [Self.hei]) == ["A-1", "A-2"])
            #expect(try await index(server, as: ["x.example"]) == [])
            #expect(try await index(server, as: []) == [])
            let root = try await server.index(servedHEI: HEIID(Self.hei), requesterHEIs: [HEIID(Self.partner)], parameters: RequestParameters([]))
            let xsd = RepositoryPaths.spec("ewp-specs-api-iias/endpoints/index-response.xsd")
            let outcome = try await OfficialSchemas.validate(XMLWriter.document(root), against: xsd)
            #expect(outcome.valid, "\(outcome.messages)")
        }
    }

    @Test("IIAs API v7 endpoints/index.md, EWP API Validator: receiving_academic_year_id keeps IIAs with a condition covering one of the years")
    func indexByYear() async throws {
        try await withServer { (server: IIAsServer) async throws in
            #expect(try await index(server, years: "2025/2026") == ["A-1"])            // inside first..last
            #expect(try await index(server, years: "2024/2024") == ["A-1"])            // the southern-form condition
            #expect(try await index(server, years: "2027/2028") == [])
            #expect(try await index(server, years: "1653/1654") == [])                 // checked by the EWP API Validator
            #expect(try await index(server, years: "2010/2011") == [])                 // checked by the EWP API Validator: 200
            #expect(try await index(server, years: "2010/2011", "2026/2027") == ["A-1"])
            #expect(try await index(server, years: "2030/2031", as: [Self.hei]) == ["A-2"])
            await #expect(throws: APIRequestError.self) { _ = try await index(server, years: "test/test") }   // checked by the EWP API Validator
        }
    }

    @Test("ewp-specs-architecture › Index-pulling, EWP API Validator: modified_since filters strictly after it; future → empty; far past → all; twice → 400")
    func indexModifiedSince() async throws {
        try await withServer { (server: IIAsServer) async throws in
            let since = "modified_since"
            #expect(try await index(server, since: "2000-02-12T15:19:21+01:00", as: [Self.hei]) == ["A-1", "A-2"])
            #expect(try await index(server, since: "2023-11-14T22:13:20Z", as: [Self.hei]) == ["A-2"])   // t0: A-1 not after it
            #expect(try await index(server, since: "2099-01-01T00:00:00Z", as: [Self.hei]) == [])
            await #expect(throws: APIRequestError.self) { _ = try await index(server, [(since, "2004-02-12")]) }
            await #expect(throws: APIRequestError.self) {
                _ = try await index(server, [(since, "2000-02-12T15:19:21+01:00"), (since, "2000-02-12T15:19:21+01:00")])
            }
        }
    }

    @Test("IIAs API v7 endpoints/stats.md: stats count live IIAs and their approval states; only the Stats Portal reads them; valid against the official XSD")
    func stats() async throws {
        let (store, directory) = try await Self.store()
        defer { try? FileManager.default.removeItem(at: directory) }
        let approvals = FixedApprovals(states: ["A-1": IIAApprovalState(partnerApproved: true, localApproved: true),
                                                "A-2": IIAApprovalState(localApproved: true),
                                                "A-3": IIAApprovalState(partnerApproved: true)])   // deleted: not counted
        let server = IIAsServer(store: store, approvals: approvals)
        #expect(try await server.stats(servedHEI: HEIID(Self.hei), chunk: 1) == IIAStats(fetchable: 2, localUnapprovedPartnerApproved: 0,
                                                                                  localApprovedPartnerUnapproved: 1, bothApproved: 1))
        let root = try await server.stats(servedHEI: HEIID(Self.hei), requesterHEIs: [HEIID(IIAsAPI.statsPortalHEI)])
        #expect(root.children.map(\.text) == ["2", "0", "1", "1"])
        let outcome = try await OfficialSchemas.validate(XMLWriter.document(root),
                                                         against: RepositoryPaths.spec("ewp-specs-api-iias/endpoints/stats-response.xsd"))
        #expect(outcome.valid, "\(outcome.messages)")
        do {
            _ = try await server.stats(servedHEI: HEIID(Self.hei), requesterHEIs: [HEIID(Self.partner)])
            Issue.record("a partner read the stats")
        } catch {
            #expect(error.status == 403)
        }
    }
}

/// Approval states given by the test, for the IIAs it is asked about.
struct FixedApprovals: IIAApprovalLookup {
    var states: [String: IIAApprovalState] = [:]

    func states(heiID: String, iias: [OwnObject]) async throws -> [String: IIAApprovalState] {
        states.filter { id, _ in iias.contains { $0.objectID == id } }
    }
}
