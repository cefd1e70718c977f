// Several `ewp-node serve` processes on one PostgreSQL database, as behind a load balancer: what one
// node records, every other node honours.
import EWPHTTP
import EWPSecurity
import EWPTestSupport
import Foundation
import Testing

private let partnerHEI = "partner.shared-db.test"
/// The one public host both nodes answer for (the load balancer's).
private let publicHost = "ewp.balancer.test"

@Suite("Several nodes on one PostgreSQL database", .serialized, .timeLimit(.minutes(5)),
       .enabled(if: PostgresTestCluster.runs("the process tests of two nodes on one database")),
       .partnerNetwork(partners: [PartnerSpec(hei: partnerHEI)], nodes: 2, database: .postgres,
                       nodeEnvironment: ["EWP_PUBLIC_URL": "http://\(publicHost)"]))
struct SharedDatabaseProcessTests {
    @Test("A signed request accepted by node A, the same bytes replayed to node B: 400, the replay refusal")
    func replayToAnotherNode() async throws {
        let net = try requirePartnerNetwork()
        let echoURL = try #require(net.node(0).manifest().url(api: "echo"))
        let path = try #require(URLComponents(string: echoURL)?.percentEncodedPath)
        let signed = RequestSigner(key: net.partner(0).clientKey).signedRequest(
            method: "GET", host: publicHost, target: path, headers: [], body: [], now: Date())
        func send(to node: Int) async throws -> InboundResponse {
            try await net.http.send(OutboundRequest(method: "GET", url: net.node(node).baseURL + path, headers: signed.headers,
                                                    body: [], timeout: .seconds(15)))
        }
        let accepted = try await send(to: 0)
        #expect(accepted.status == 200, "\(String(decoding: accepted.body, as: UTF8.self))")
        let replayed = try await send(to: 1)
        let text = String(decoding: replayed.body, as: UTF8.self)
        #expect(replayed.status == 400, "\(text)")
        #expect(text.contains("X-Request-Id \(signed.requestId) was already used by this key"), "\(text)")
    }

    @Test("/metrics shows the PostgreSQL pool: connections in use and the most it opens, waiting calls, leases")
    func poolMetrics() async throws {
        let net = try requirePartnerNetwork()
        let response = try await net.http.send(OutboundRequest(method: "GET", url: net.node(0).baseURL + "/metrics", headers: [], body: [],
                                                               timeout: .seconds(15)))
        let text = String(decoding: response.body, as: UTF8.self)
        #expect(response.status == 200)
        for line in [#"ewp_db_pool_connections{state="max"} 10"#, #"ewp_db_pool_connections{state="in_use"}"#,
                     "ewp_db_pool_waiting ", "ewp_db_pool_leases ", "ewp_db_pool_lease_wait_seconds "] {
            #expect(text.contains(line), "no \(line) in:\n\(text.prefix(4000))")
        }
    }

    @Test("Each node keeps its own catalogue; the last good copy is in the shared database: with the registry down, a node that starts becomes ready from it")
    func catalogueFromSharedDatabase() async throws {
        let net = try requirePartnerNetwork()
        await net.registry.stop()
        try await net.restartNode(1)
        let ready = try await net.http.send(OutboundRequest(method: "GET", url: net.node(1).baseURL + "/health/ready", headers: [], body: [],
                                                            timeout: .seconds(15)))
        #expect(ready.status == 200, "\(String(decoding: ready.body, as: UTF8.self))")
        let other = try await net.http.send(OutboundRequest(method: "GET", url: net.node(0).baseURL + "/health/ready", headers: [], body: [],
                                                            timeout: .seconds(15)))
        #expect(other.status == 200, "\(String(decoding: other.body, as: UTF8.self))")
    }
}
