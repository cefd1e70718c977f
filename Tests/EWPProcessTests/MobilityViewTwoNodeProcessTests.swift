// The whole mobility in one view on two real nodes: A (the sending HEI) nominates two students to
// B; B pulls both after A's OMobility CNRs, verifies the first and rejects the second; A pulls B's
// answers after its IMobility CNRs. A's LA for the first travels to B, B's ToR for it to A; then
// both nodes' views (`ewp-node mobility show --json` on A, `GET /admin/mobilities/{id}` on B) show
// the nomination, both statuses, the LA, the ToR and the history. Last, A sends an LA for the
// rejected nomination: both nodes flag it (`mobility list --status flagged`, `/admin/mobilities?status=flagged`).
import EWPAPIs
import EWPStore
import EWPTestSupport
import EWPXML
import Foundation
import Testing

private let heiA = "a.test.example"
private let heiB = "b.test.example"

@Suite("The whole mobility in one view, on two real nodes", .serialized, .timeLimit(.minutes(8)))
struct MobilityViewTwoNodeProcessTests {
    static let verified = "om-view-1"
    static let rejected = "om-view-2"

    /// Waits until `node` holds the partner copy `api`/`id` whose document satisfies `condition`.
    func waitFor(_ net: PartnerNetwork, node: Int, api: String, local: String, partner: String, id: String, _ what: String,
               until condition: (String) -> Bool = { _ in true }) async throws {
        let store = try await net.node(node).store()
        let deadline = ContinuousClock.now + .seconds(45)
        while true {
            let copy = try await store.partnerCopy(api: api, localHEI: local, partnerHEI: partner, objectID: id)
            if let document = copy?.document.map({ String(decoding: $0, as: UTF8.self) }), condition(document) { return }
            guard ContinuousClock.now < deadline else { throw E2EError("node \(node): \(what) did not happen\n\(net.logs(3000))") }
            try await Task.sleep(for: .milliseconds(200))
        }
    }

    func adminGet(_ net: PartnerNetwork, node: Int, _ pathAndQuery: String) async throws -> (status: Int, json: [String: Any]) {
        let response = try await net.http.send(.init(url: net.node(node).baseURL + "/admin" + pathAndQuery,
                                                     headers: [(name: "Authorization", value: "Bearer test-admin-token")], timeout: .seconds(30)))
        return (response.status, try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] ?? [:])
    }

    /// The JSON objects a command printed, one per line (log lines left out).
    func jsonLines(_ net: PartnerNetwork, node: Int, _ arguments: [String]) async throws -> [[String: Any]] {
        let result = try await runNodeCommand(net, arguments, node: node)
        #expect(result.status == 0, "\(arguments): \(result.output)")
        return result.output.split(separator: "\n").filter { $0.hasPrefix("{") }
            .compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    func history(_ row: [String: Any]) -> [String] {
        (row["history"] as? [[String: Any]] ?? []).map { "\($0["side"] ?? "") \($0["status"] ?? "")" }
    }

    @Test("nomination, both statuses, LA, ToR and history on both nodes; an LA for a rejected nomination is flagged on both", arguments: NetworkDatabase.all)
    func joinedView(database: NetworkDatabase) async throws {
        try await PartnerNetwork.run(partners: [], nodes: 2, heis: [heiA, heiB], oneHEIPerNode: true, database: database,
                                     nodeEnvironment: fastNotificationEnvironment) { net in
            let (one, two) = (Self.verified, Self.rejected)
            try await importDocument(net, node: 0, MobilityDocuments.getResponse([one, two].map { MobilityDocuments.mobility($0, sending: heiA, receiving: heiB) }))
            for id in [one, two] { try await waitFor(net, node: 1, api: "omobilities", local: heiB, partner: heiA, id: id, "B pulls A's nomination \(id)") }

            let verified = try await runNodeCommand(net, ["nomination", "verify", "--sending-hei", heiA, "--omobility-id", one], node: 1)
            #expect(verified.status == 0, "\(verified.output)")
            let rejected = try await runNodeCommand(net, ["nomination", "reject", "--sending-hei", heiA, "--omobility-id", two, "--comment", "Full"], node: 1)
            #expect(rejected.status == 0, "\(rejected.output)")
            try await waitFor(net, node: 0, api: "imobilities", local: heiA, partner: heiB, id: one, "A pulls B's verification") { $0.contains("<status>verified</status>") }
            try await waitFor(net, node: 0, api: "imobilities", local: heiA, partner: heiB, id: two, "A pulls B's rejection") { $0.contains("<status>rejected</status>") }

            // A's LA for the verified nomination reaches B; B's ToR for it reaches A.
            try await importDocument(net, node: 0, LADocuments.response([LADocuments.la(one, sending: heiA, receiving: heiB, stage: .signedFirstVersion)]))
            try await waitFor(net, node: 1, api: "omobility-las", local: heiB, partner: heiA, id: one, "B pulls A's LA")
            try await importDocument(net, node: 1, ToRDocuments.v2([one], issuer: heiB), extra: ["--sending-hei", heiA])
            try await waitFor(net, node: 0, api: "imobility-tors", local: heiA, partner: heiB, id: one, "A pulls B's ToR")

            let atA = try await jsonLines(net, node: 0, ["mobility", "show", "--omobility-id", one, "--json"])
            #expect(atA.count == 1)
            let a = try #require(atA.first)
            #expect(a["role"] as? String == "sending" && a["partner"] as? String == heiB)
            #expect(a["sending_status"] as? String == "nomination" && a["receiving_status"] as? String == "verified", "\(a)")
            #expect(a["learning_agreement"] is [String: Any] && a["transcript_present"] as? Bool == true, "\(a)")
            #expect(history(a) == ["sending nomination", "receiving verified"], "\(a)")
            #expect((a["flags"] as? [String])?.isEmpty == true)

            let atB = try await adminGet(net, node: 1, "/mobilities/\(one)")
            #expect(atB.status == 200, "\(atB.json)")
            let b = try #require((atB.json["mobilities"] as? [[String: Any]])?.first)
            #expect(b["role"] as? String == "receiving" && b["partner"] as? String == heiA)
            #expect(b["sending_status"] as? String == "nomination" && b["receiving_status"] as? String == "verified", "\(b)")
            #expect(b["learning_agreement"] is [String: Any] && b["transcript_present"] as? Bool == true, "\(b)")
            #expect(history(b) == ["sending nomination", "receiving verified"], "\(b)")

            // Nothing is flagged yet; then A sends an LA for the nomination B rejected.
            #expect(try await jsonLines(net, node: 0, ["mobility", "list", "--status", "flagged", "--json"]).isEmpty)
            try await importDocument(net, node: 0, LADocuments.response([LADocuments.la(two, sending: heiA, receiving: heiB, stage: .signedFirstVersion)]))
            let flaggedAtA = try await jsonLines(net, node: 0, ["mobility", "list", "--status", "flagged", "--json"])
            #expect(flaggedAtA.map { $0["omobility_id"] as? String } == [two])
            #expect((flaggedAtA.first?["flags"] as? [String]) == ["the receiving HEI rejected this nomination, yet a learning agreement exists for it"])
            try await waitFor(net, node: 1, api: "omobility-las", local: heiB, partner: heiA, id: two, "B pulls A's LA for the rejected nomination")
            let flaggedAtB = try await adminGet(net, node: 1, "/mobilities?status=flagged")
            #expect(flaggedAtB.status == 200 && flaggedAtB.json["total"] as? Int == 1, "\(flaggedAtB.json)")
            let flagged = try #require((flaggedAtB.json["mobilities"] as? [[String: Any]])?.first)
            #expect(flagged["omobility_id"] as? String == two && history(flagged) == ["sending nomination", "receiving rejected"], "\(flagged)")
            #expect((flagged["flags"] as? [String])?.first?.contains("rejected") == true)
            let page = try await adminGet(net, node: 1, "/mobilities?limit=1&offset=1")
            #expect(page.json["total"] as? Int == 2 && (page.json["mobilities"] as? [[String: Any]])?.first?["omobility_id"] as? String == two, "\(page.json)")
            #expect(try await adminGet(net, node: 1, "/mobilities/unknown-id").status == 404)
            #expect(try await adminGet(net, node: 1, "/mobilities?status=lost").status == 400)
        }
    }

    @Test("index-sync of Outgoing Mobilities: a nomination A never announced (no CNR) is pulled by B's `ewp-node sync --api omobilities` and joins B's view")
    func indexSyncPullsAMissingNomination() async throws {
        try await PartnerNetwork.run(partners: [], nodes: 2, heis: [heiA, heiB], oneHEIPerNode: true,
                                     nodeEnvironment: fastNotificationEnvironment) { net in
            let id = "om-sync-1"
            // A's system wrote the nomination straight into A's database: no OMobility CNR was queued.
            let root = try XMLReader.parse(Array(MobilityDocuments.getResponse([MobilityDocuments.mobility(id, sending: heiA, receiving: heiB)]).utf8))
            let mobility = try OutgoingMobility(root.children[0])
            let now = Date()
            let storeA = try await net.node(0).store()
            try await storeA.commit(ChangeSet(upserts: [OwnOMobilityStorage.object(mobility, sendingHEI: heiA, modifiedAt: now)], notificationsExpireAt: now), now: now)
            #expect(try await storeA.queueRows(.outbox, filter: QueueFilter()).isEmpty)
            let storeB = try await net.node(1).store()
            #expect(try await storeB.partnerCopy(api: "omobilities", localHEI: heiB, partnerHEI: heiA, objectID: id) == nil)

            let synced = try await runNodeCommand(net, ["sync", "--partner", heiA, "--api", "omobilities"], node: 1)
            #expect(synced.status == 0 && synced.output.contains("all pulls done"), "\(synced.output)")
            let copy = try await storeB.partnerCopy(api: "omobilities", localHEI: heiB, partnerHEI: heiA, objectID: id)
            #expect(copy?.document.map { String(decoding: $0, as: UTF8.self).contains("<status>nomination</status>") } == true, "\(String(describing: copy))")
            let view = try await jsonLines(net, node: 1, ["mobility", "show", "--omobility-id", id, "--json"])
            #expect(view.first?["receiving_status"] as? String == "pending" && history(view.first ?? [:]) == ["sending nomination"], "\(view)")
        }
    }
}
