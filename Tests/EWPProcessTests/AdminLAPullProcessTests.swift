// A partner's learning agreement that breaks the Erasmus+ guidelines, between real processes:
// the fake partner sends an LA CNR, the node pulls the LA, stores it as
// received (never refused on the wire), logs a warning naming the rule, and the admin API lists
// and shows the finding.
import EWPStore
import EWPTestSupport
import Foundation
import HTTPTypes
import Testing

private let nodeHEI = "node.test.example"
private let partnerHEI = "partner-g.test.example"

@Suite("A partner's LA with guideline errors, pulled by a real node", .serialized,
       .partnerNetwork(partners: [PartnerSpec(hei: partnerHEI)], nodeEnvironment: fastNotificationEnvironment),
       .timeLimit(.minutes(3)))
struct AdminLAPullProcessTests {
    @Test("Pulled after its CNR: stored as received, a warning logged with the rule, and the finding in GET /admin/las and /admin/las/show")
    func pulledLAWithError() async throws {
        let net = try requirePartnerNetwork()
        let partner = net.partner(0)
        try await partner.reset()
        // No provisions-url: an error (LA-PROVISIONS-URL). The `la` declares the term prefix it uses.
        let la = LADocuments.standaloneLA("pg-1", sending: partnerHEI, receiving: nodeHEI, stage: .signedFirstVersion, provisions: false)
        try await partner.setObject(api: "omobility-las", id: "pg-1", xml: la)
        let cnrURL = try #require(net.node(0).manifest(hei: nodeHEI).url(api: "omobility-la-cnr"))
        let answer = try await net.partnerSignedPOST(partner: 0, url: cnrURL, form: [("sending_hei_id", partnerHEI), ("omobility_id", "pg-1")])
        #expect(answer.status == 200, "\(answer.bodyText)")

        let store = try SQLiteStore(path: net.node(0).databasePath)
        let deadline = ContinuousClock.now + .seconds(20)
        var logged = false
        while ContinuousClock.now < deadline {
            logged = net.node(0).logTail(20_000).split(separator: "\n")
                .contains { $0.contains("breaks the Erasmus+ guidelines") && $0.contains("pg-1") && $0.contains("LA-PROVISIONS-URL") }
            if logged { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(logged, "\(net.node(0).logTail(4000))")
        let copy = try await store.partnerCopy(api: "omobility-las", localHEI: nodeHEI, partnerHEI: partnerHEI, objectID: "pg-1")
        #expect(copy?.document != nil, "stored as received")

        let admin = net.node(0).baseURL + "/admin"
        let auth: HTTPFields = [(name: "Authorization", value: "Bearer test-admin-token")]
        let list = try await net.http.send(.init(url: admin + "/las?role=receiving&partner=\(partnerHEI)", headers: auth, timeout: .seconds(10)))
        #expect(list.status == 200)
        let rows = (try JSONSerialization.jsonObject(with: Data(list.body)) as? [String: Any])?["las"] as? [[String: Any]] ?? []
        #expect(rows.count == 1 && rows.first?["omobility_id"] as? String == "pg-1" && (rows.first?["errors"] as? Int ?? 0) >= 1,
                "\(String(decoding: list.body, as: UTF8.self))")
        let show = try await net.http.send(.init(url: admin + "/las/show?omobility_id=pg-1", headers: auth, timeout: .seconds(10)))
        #expect(show.status == 200)
        let findings = (try JSONSerialization.jsonObject(with: Data(show.body)) as? [String: Any])?["findings"] as? [[String: Any]] ?? []
        #expect(findings.contains { $0["rule"] as? String == "LA-PROVISIONS-URL" && $0["severity"] as? String == "error" },
                "\(String(decoding: show.body, as: UTF8.self))")
    }
}
