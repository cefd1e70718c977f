// Inbound CNRs and index-sync with real processes: a fake partner notifies
// a real node, which answers at once and pulls the partner's copy with a signed request.
import EWPModel
import EWPStore
import EWPTestSupport
import EWPXML
import Foundation
import Testing

private let nodeHEI = "node.test.example"
private let partnerHEI = "partner-b.test.example"

private func iiaXML(_ partnerID: String, ourID: String? = nil, note: String = "") -> String {
    """
    <iia><partner><hei-id>\(partnerHEI)</hei-id><iia-id>\(partnerID)</iia-id><iia-code>\(partnerID)-code\(note)</iia-code></partner>\
    <partner><hei-id>\(nodeHEI)</hei-id>\(ourID.map { "<iia-id>\($0)</iia-id>" } ?? "")</partner><in-effect>false</in-effect>\
    <cooperation-conditions/><iia-hash>0000000000000000000000000000000000000000000000000000000000000000</iia-hash></iia>
    """
}

@Suite("Inbound CNRs between real processes", .serialized,
       .partnerNetwork(partners: [PartnerSpec(hei: partnerHEI)], nodeEnvironment: fastNotificationEnvironment),
       .timeLimit(.minutes(3)))
struct CNRInboundProcessTests {
    func copy(_ net: PartnerNetwork, api: String, id: String, timeout: Duration = .seconds(20),
              until condition: (PartnerCopy) -> Bool = { _ in true }) async throws -> PartnerCopy {
        let store = try SQLiteStore(path: net.node(0).databasePath)
        let deadline = ContinuousClock.now + timeout
        while true {
            if let copy = try await store.partnerCopy(api: api, localHEI: nodeHEI, partnerHEI: partnerHEI, objectID: id), condition(copy) { return copy }
            guard ContinuousClock.now < deadline else { throw E2EError("no partner copy \(api)/\(id) as expected within \(timeout)") }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    func cnrURL(_ net: PartnerNetwork, _ api: String) throws -> String {
        try #require(net.node(0).manifest(hei: nodeHEI).url(api: api), "no \(api) entry in the node's manifest")
    }

    @Test("A flood of 50 CNRs for one IIA: every one answered 200 with the empty response, and one pull")
    func floodIsOnePull() async throws {
        let net = try requirePartnerNetwork()
        let partner = net.partner(0)
        try await partner.reset()
        try await partner.setObject(api: "iias", id: "P-FLOOD-1", xml: iiaXML("P-FLOOD-1"))
        let url = try cnrURL(net, "iia-cnr")
        let started = ContinuousClock.now
        let answers = try await withThrowingTaskGroup(of: SignedExchange.self) { group in
            for _ in 0..<50 { group.addTask { try await net.partnerSignedPOST(partner: 0, url: url, form: [("iia_id", "P-FLOOD-1")]) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let floodTime = ContinuousClock.now - started
        for answer in answers {
            #expect(answer.status == 200, "\(answer.bodyText)")
            let root = try XMLReader.parse(answer.body)
            #expect(root.name == "iia-cnr-response" && root.children.isEmpty)
            #expect(root.namespace == "https://github.com/erasmus-without-paper/ewp-specs-api-iia-cnr/tree/stable-v3")
            #expect(net.responseProblem(answer, endpointURL: url) == nil, "the answer's signature: \(net.responseProblem(answer, endpointURL: url) ?? "")")
        }
        let stored = try await copy(net, api: "iias", id: "P-FLOOD-1") { $0.document != nil }
        #expect(String(decoding: stored.document ?? [], as: UTF8.self).contains("P-FLOOD-1-code"))
        // Our own iia-hash of the partner's copy (what an approval compares), not the one it declares.
        let element = try XMLReader.parse(stored.document ?? [])
        #expect(stored.hash == IIAHash.hash(element))
        #expect(stored.hash?.count == 64 && stored.hash != String(repeating: "0", count: 64))
        try await Task.sleep(for: .seconds(3))
        let pulls = try await partner.log(path: "/iias/get")
        // A row waits at most 10 s (QueueSettling.maxWait) for quiet; a flood that lasts longer (a very
        // slow machine) may rightly cost one more pull per such period. On a normal machine: one.
        let allowed = 1 + Int(floodTime.components.seconds / 9)
        #expect(pulls.count >= 1 && pulls.count <= allowed, "\(pulls) after a flood of \(floodTime)")
        #expect(pulls.first?.verified == true && pulls.first?.values("iia_id") == ["P-FLOOD-1"])
        #expect(pulls.first?.callerHeis == [nodeHEI])
    }

    @Test("A CNR for an unknown id answers 200; the pull records the object as deleted")
    func unknownIDRecordsDeletion() async throws {
        let net = try requirePartnerNetwork()
        let answer = try await net.partnerSignedPOST(partner: 0, url: try cnrURL(net, "iia-cnr"), form: [("iia_id", "this-is-some-unknown-and-unexpected-id")])
        #expect(answer.status == 200)
        let copy = try await copy(net, api: "iias", id: "this-is-some-unknown-and-unexpected-id")
        #expect(copy.document == nil)
    }

    @Test("A changed IIA: the next CNR pulls the new version; a deletion unmaps the copy")
    func updateThenDelete() async throws {
        let net = try requirePartnerNetwork()
        let partner = net.partner(0)
        let url = try cnrURL(net, "iia-cnr")
        try await partner.setObject(api: "iias", id: "P-CHG-1", xml: iiaXML("P-CHG-1"))
        _ = try await net.partnerSignedPOST(partner: 0, url: url, form: [("iia_id", "P-CHG-1")])
        _ = try await copy(net, api: "iias", id: "P-CHG-1") { $0.document != nil }
        try await partner.setObject(api: "iias", id: "P-CHG-1", xml: iiaXML("P-CHG-1", note: "-v2"))
        _ = try await net.partnerSignedPOST(partner: 0, url: url, form: [("iia_id", "P-CHG-1")])
        _ = try await copy(net, api: "iias", id: "P-CHG-1") { String(decoding: $0.document ?? [], as: UTF8.self).contains("-v2") }
        try await partner.setObject(api: "iias", id: "P-CHG-1", xml: nil)
        _ = try await net.partnerSignedPOST(partner: 0, url: url, form: [("iia_id", "P-CHG-1")])
        _ = try await copy(net, api: "iias", id: "P-CHG-1") { $0.document == nil }
    }

    @Test("An LA CNR pulls the LAs from the sending HEI, several ids per get")
    func laCNR() async throws {
        let net = try requirePartnerNetwork()
        let partner = net.partner(0)
        try await partner.reset()
        for id in ["om-1", "om-2"] {
            try await partner.setObject(api: "omobility-las", id: id, xml: LADocuments.standaloneLA(id, sending: partnerHEI, receiving: nodeHEI, stage: .signedFirstVersion))
        }
        let answer = try await net.partnerSignedPOST(partner: 0, url: try cnrURL(net, "omobility-la-cnr"),
                                                     form: [("sending_hei_id", partnerHEI), ("omobility_id", "om-1"), ("omobility_id", "om-2")])
        #expect(answer.status == 200, "\(answer.bodyText)")
        _ = try await copy(net, api: "omobility-las", id: "om-1") { $0.document != nil }
        _ = try await copy(net, api: "omobility-las", id: "om-2") { $0.document != nil }
        let pulls = try await partner.log(path: "/omobility-las/get")
        #expect(pulls.count == 1, "\(pulls)")
        #expect(pulls.first?.values("sending_hei_id") == [partnerHEI])
        #expect(Set(pulls.first?.values("omobility_id") ?? []) == ["om-1", "om-2"])
    }

    @Test("An answer not valid against the get-response schema is not stored; the inbound row says which schema and what is wrong")
    func invalidAnswerIsNotStored() async throws {
        let net = try requirePartnerNetwork()
        let partner = net.partner(0)
        try await partner.reset()
        // Well-formed and signed, but an LA without its required parts.
        try await partner.setObject(api: "omobility-las", id: "om-invalid", xml: "<la><omobility-id>om-invalid</omobility-id></la>")
        let answer = try await net.partnerSignedPOST(partner: 0, url: try cnrURL(net, "omobility-la-cnr"),
                                                     form: [("sending_hei_id", partnerHEI), ("omobility_id", "om-invalid")])
        #expect(answer.status == 200, "\(answer.bodyText)")
        let store = try SQLiteStore(path: net.node(0).databasePath)
        let deadline = ContinuousClock.now + .seconds(20)
        var reason: String?
        while reason == nil && ContinuousClock.now < deadline {
            let rows = try await store.queueRows(.inbound, filter: QueueFilter(limit: 1000)).filter { $0.key.objectID == "om-invalid" }
            reason = rows.compactMap(\.lastError).first { $0.contains("not valid against") }
            if reason == nil { try await Task.sleep(for: .milliseconds(100)) }
        }
        let why = try #require(reason, "no inbound row for om-invalid says the answer is not valid")
        #expect(why.contains("omobility-las-get-response.xsd") && why.contains("sending-hei"), "\(why)")
        #expect(try await store.partnerCopy(api: "omobility-las", localHEI: nodeHEI, partnerHEI: partnerHEI, objectID: "om-invalid")?.document == nil)
    }

    @Test("Bad CNR requests get the error the spec names: GET/PUT 405, missing id 400, unsigned 401")
    func badRequests() async throws {
        let net = try requirePartnerNetwork()
        let url = try cnrURL(net, "iia-cnr")
        let missing = try await net.partnerSignedPOST(partner: 0, url: url, form: [])
        #expect(missing.status == 400)
        #expect(missing.bodyText.contains("iia_id"))
        let get = try await net.partnerSignedGET(partner: 0, url: url, query: [("iia_id", "1")])
        #expect(get.status == 405)
        #expect(get.header("Allow") == "POST")
        let put = try await net.signedSend(method: "PUT", url: url, body: Array("iia_id=1".utf8), contentType: "application/x-www-form-urlencoded",
                                           key: net.partner(0).clientKey, timeout: .seconds(10))
        #expect(put.status == 405)
        let delete = try await net.signedSend(method: "DELETE", url: url, body: [], contentType: "application/x-www-form-urlencoded",
                                              key: net.partner(0).clientKey, timeout: .seconds(10))
        #expect(delete.status == 405)   // checked by the EWP API Validator
        let unsigned = try await net.http.send(.init(method: "POST", url: url, headers: [(name: "Content-Type", value: "application/x-www-form-urlencoded")],
                                                     body: Array("iia_id=1".utf8), timeout: .seconds(10)))
        #expect(unsigned.status == 401)
        let noSending = try await net.partnerSignedPOST(partner: 0, url: try cnrURL(net, "omobility-la-cnr"), form: [])
        #expect(noSending.status == 400)
    }

    @Test("`ewp-node sync --partner` lists the partner's index, pulls what is new and records what disappeared")
    func syncNow() async throws {
        let net = try requirePartnerNetwork()
        let partner = net.partner(0)
        try await partner.reset()
        try await partner.setObject(api: "iias", id: "P-SYNC-1", xml: iiaXML("P-SYNC-1"))
        try await partner.setObject(api: "iias", id: "P-SYNC-2", xml: iiaXML("P-SYNC-2"))
        let first = try await runNodeCommand(net, ["sync", "--partner", partnerHEI, "--api", "iias"])
        #expect(first.status == 0, "\(first.output)")
        #expect(first.output.contains("all pulls done"), "\(first.output)")
        _ = try await copy(net, api: "iias", id: "P-SYNC-1") { $0.document != nil }
        _ = try await copy(net, api: "iias", id: "P-SYNC-2") { $0.document != nil }

        try await partner.setObject(api: "iias", id: "P-SYNC-2", xml: nil)
        let second = try await runNodeCommand(net, ["sync", "--partner", partnerHEI, "--api", "iias"])
        #expect(second.status == 0, "\(second.output)")
        _ = try await copy(net, api: "iias", id: "P-SYNC-2") { $0.document == nil }
        let indexCalls = try await partner.log(path: "/iias/index")
        #expect(indexCalls.contains { !$0.values("modified_since").isEmpty }, "the second sync asks modified_since: \(indexCalls)")
        let states = try await SQLiteStore(path: net.node(0).databasePath).syncStates()
        #expect(states.contains { $0.api == "iias" && $0.partnerHEI == partnerHEI && $0.lastSuccessAt != nil && $0.lastError == nil })

        // `POST /admin/sync` is the same operation: it answers once the pulls it queued are done.
        try await partner.setObject(api: "iias", id: "P-SYNC-3", xml: iiaXML("P-SYNC-3"))
        let admin = try await net.http.send(.init(method: "POST", url: net.node(0).baseURL + "/admin/sync?partner=\(partnerHEI)&api=iias",
                                                  headers: [(name: "Authorization", value: "Bearer test-admin-token")], timeout: .seconds(90)))
        let answer = try JSONSerialization.jsonObject(with: Data(admin.body)) as? [String: Any]
        #expect(admin.status == 200 && answer?["pending_pulls"] as? Int == 0, "\(String(decoding: admin.body, as: UTF8.self))")
        let pulled = try await SQLiteStore(path: net.node(0).databasePath).partnerCopy(api: "iias", localHEI: nodeHEI, partnerHEI: partnerHEI, objectID: "P-SYNC-3")
        #expect(pulled?.document != nil, "pulled before the admin API answered")
    }
}

@Suite("Periodic index-sync between real processes", .serialized,
       .partnerNetwork(partners: [PartnerSpec(hei: partnerHEI)], nodeEnvironment: fastNotificationEnvironment.merging(["EWP_SYNC_INTERVAL": "2"]) { $1 }),
       .timeLimit(.minutes(2)))
struct IndexSyncProcessTests {
    @Test("After one CNR exchange the partner is synced periodically: an object it never announced arrives anyway")
    func periodic() async throws {
        let net = try requirePartnerNetwork()
        let partner = net.partner(0)
        try await partner.setObject(api: "iias", id: "P-PER-1", xml: iiaXML("P-PER-1"))
        let url = try #require(net.node(0).manifest(hei: nodeHEI).url(api: "iia-cnr"))
        _ = try await net.partnerSignedPOST(partner: 0, url: url, form: [("iia_id", "P-PER-1")])
        // A second IIA appears without any CNR (a lost notification).
        try await partner.setObject(api: "iias", id: "P-PER-2", xml: iiaXML("P-PER-2"))
        let store = try SQLiteStore(path: net.node(0).databasePath)
        let deadline = ContinuousClock.now + .seconds(30)
        while try await store.partnerCopy(api: "iias", localHEI: nodeHEI, partnerHEI: partnerHEI, objectID: "P-PER-2")?.document == nil {
            guard ContinuousClock.now < deadline else {
                Issue.record("P-PER-2 never arrived; partner log: \(try await partner.log())")
                return
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        #expect(try await partner.log(path: "/iias/index").allSatisfy(\.verified))
    }
}
