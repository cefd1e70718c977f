// Nominations end to end between two institutions, each with its own real node process: A (the
// sending HEI) nominates a student (`ewp-node import` of an omobilities-get-response); B (the
// receiving HEI) hears A's OMobility CNR and pulls the mobility; B verifies it (`ewp-node
// nomination verify`) and records the arrival (`POST /admin/mobilities/arrival`); A hears B's
// IMobility CNR and pulls B's answer.
import EWPAPIs
import EWPStore
import EWPTestSupport
import EWPXML
import Foundation
import Testing

private let heiA = "a.test.example"
private let heiB = "b.test.example"

@Suite("Nominations between two real nodes", .serialized, .timeLimit(.minutes(6)))
struct NominationTwoNodeProcessTests {
    static let omobilityID = "om-nom-1"

    /// The partner copy `api`/`id` that `node` holds from `partner`, once `condition` holds for its document.
    func copy(_ net: PartnerNetwork, node: Int, api: String, local: String, partner: String, _ what: String,
              until condition: (String) -> Bool) async throws -> String {
        let store = try SQLiteStore(path: net.node(node).databasePath)
        let deadline = ContinuousClock.now + .seconds(45)
        while true {
            let copy = try await store.partnerCopy(api: api, localHEI: local, partnerHEI: partner, objectID: Self.omobilityID)
            if let document = copy?.document.map({ String(decoding: $0, as: UTF8.self) }), condition(document) { return document }
            guard ContinuousClock.now < deadline else { throw E2EError("node \(node): \(what) did not happen\n\(net.logs(3000))") }
            try await Task.sleep(for: .milliseconds(200))
        }
    }

    @Test("A nominates, B pulls after the OMobility CNR and verifies, A pulls B's answer after the IMobility CNR")
    func nominateVerify() async throws {
        try await PartnerNetwork.run(partners: [], nodes: 2, heis: [heiA, heiB], oneHEIPerNode: true,
                                     nodeEnvironment: fastNotificationEnvironment) { net in
            let id = Self.omobilityID
            let file = "\(net.directory)/nomination.xml"
            _ = FileManager.default.createFile(atPath: file, contents: Data(MobilityDocuments.getResponse([
                MobilityDocuments.mobility(id, sending: heiA, receiving: heiB)]).utf8))
            let imported = try await runNodeCommand(net, ["import", file], node: 0)
            #expect(imported.status == 0 && imported.output.contains("1 change notification queued"), "\(imported.output)")

            let nomination = try await copy(net, node: 1, api: "omobilities", local: heiB, partner: heiA, "B pulls A's nomination") { $0.contains(id) }
            #expect(nomination.contains("<status>nomination</status>"), "\(nomination)")

            let verified = try await runNodeCommand(net, ["nomination", "verify", "--sending-hei", heiA, "--omobility-id", id, "--comment", "Welcome"], node: 1)
            #expect(verified.status == 0 && verified.output.contains("verified"), "\(verified.output)")
            let answer = try await copy(net, node: 0, api: "imobilities", local: heiA, partner: heiB, "A pulls B's answer") {
                $0.contains("<status>verified</status>")
            }
            #expect(answer.contains("<comment>Welcome</comment>"), "\(answer)")

            let response = try await net.http.send(.init(method: "POST", url: net.node(1).baseURL + "/admin/mobilities/arrival?sending_hei=\(heiA)&omobility_id=\(id)&date=2026-09-01",
                                                         headers: [(name: "Authorization", value: "Bearer test-admin-token")], timeout: .seconds(30)))
            #expect(response.status == 200, "\(String(decoding: response.body, as: UTF8.self))")
            _ = try await copy(net, node: 0, api: "imobilities", local: heiA, partner: heiB, "A pulls the arrival") {
                $0.contains("<actual-arrival-date>2026-09-01</actual-arrival-date>")
            }
        }
    }
}
