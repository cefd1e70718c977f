// The CNR outbox with real processes: a real node delivers notifications queued in
// its SQLite database to a fake partner on 127.0.0.1 that verifies every signature and fails on command.
import EWPStore
import EWPTestSupport
import Foundation
import HTTPTypes
import Testing
#if canImport(Glibc)
import Glibc
#endif

private let nodeHEI = "node.test.example"
private let partnerHEI = "partner-a.test.example"
private let quietPartnerHEI = "partner-quiet.test.example"   // publishes no CNR API

/// Fast retries and short calls so failure paths take seconds.
let fastNotificationEnvironment = ["EWP_CNR_RETRY_BASE": "1", "EWP_CALL_TIMEOUT": "2", "EWP_ADMIN_TOKEN": "test-admin-token"]

@Suite("CNR outbox delivery between real processes", .serialized,
       .partnerNetwork(partners: [PartnerSpec(hei: partnerHEI), PartnerSpec(hei: quietPartnerHEI, apis: ["iias"])],
                       nodeEnvironment: fastNotificationEnvironment),
       .timeLimit(.minutes(4)))
struct CNRDeliveryProcessTests {
    func queue(_ net: PartnerNetwork, _ ids: [String], api: String = "iia-cnr", partner: String = partnerHEI) async throws {
        let store = try SQLiteStore(path: net.node(0).databasePath)
        let now = Date()
        try await store.commit(ChangeSet(upserts: [], notifications: ids.map {
            NotificationKey(api: api, localHEI: nodeHEI, partnerHEI: partner, objectID: $0)
        }, notificationsExpireAt: now.addingTimeInterval(3600), settling: QueueSettling(window: 1, maxWait: 10)), now: now)
    }

    func rows(_ net: PartnerNetwork, partner: String = partnerHEI) async throws -> [QueueRow] {
        try await SQLiteStore(path: net.node(0).databasePath).queueRows(.outbox, filter: QueueFilter(partnerHEI: partner, limit: 10_000))
    }

    func waitForRow(_ net: PartnerNetwork, object: String, partner: String = partnerHEI, timeout: Duration = .seconds(30),
                    until condition: (QueueRow) -> Bool) async throws -> QueueRow {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let row = try await rows(net, partner: partner).first(where: { $0.key.objectID == object }), condition(row) { return row }
            guard ContinuousClock.now < deadline else {
                throw E2EError("outbox row for \(object) did not reach the expected state: \(try await rows(net, partner: partner).filter { $0.key.objectID == object })")
            }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    @Test("A CNR the partner refuses three times with 5xx is delivered on the fourth attempt, each one signed and verified")
    func deliveredAfterThreeFailures() async throws {
        let net = try requirePartnerNetwork()
        let partner = net.partner(0)
        try await partner.reset()
        try await partner.script(path: "/iia-cnr", responses: ["500", "hang", "503"])
        try await queue(net, ["iia-retry-1"])
        let log = try await partner.waitForLog(timeout: .seconds(40), "four iia-cnr requests, the last answered 200") { entries in
            entries.filter { $0.path == "/iia-cnr" }.last?.status == 200
        }.filter { $0.path == "/iia-cnr" }
        #expect(log.count == 4, "\(log)")
        #expect(log.allSatisfy { $0.verified && $0.method == "POST" && $0.values("iia_id") == ["iia-retry-1"] }, "\(log)")
        #expect(log.allSatisfy { $0.callerHeis == [nodeHEI] })
        // Backoff: the gaps grow (base 1 s, equal jitter: ≥ 0.5, ≥ 1, ≥ 2 s).
        let gaps = zip(log.dropFirst(), log).map { $0.receivedAt - $1.receivedAt }
        #expect(gaps.count == 3 && gaps[0] >= 0.45 && gaps[1] >= 0.95 && gaps[2] >= 1.95, "gaps \(gaps)")
        let row = try await waitForRow(net, object: "iia-retry-1") { $0.state == .delivered }
        #expect(row.attempts == 4)
        #expect(row.finishedAt != nil)
    }

    @Test("A 4xx answer is not retried: the row is rejected with the partner's reason")
    func noRetryAfter400() async throws {
        let net = try requirePartnerNetwork()
        let partner = net.partner(0)
        try await partner.reset()
        try await partner.script(path: "/iia-cnr", responses: ["400"])
        try await queue(net, ["iia-bad-1"])
        let row = try await waitForRow(net, object: "iia-bad-1") { $0.state != .pending }
        #expect(row.state == .rejected)
        #expect(row.attempts == 1)
        #expect(row.lastError?.contains("400") == true, "\(row.lastError ?? "-")")
        try await Task.sleep(for: .seconds(4))   // longer than the first two retry delays
        let log = try await partner.log(path: "/iia-cnr").filter { $0.values("iia_id") == ["iia-bad-1"] }
        #expect(log.count == 1, "\(log)")
    }

    @Test("50 changes to one object in a burst cost a few sends, not 50")
    func mergesBurst() async throws {
        let net = try requirePartnerNetwork()
        let partner = net.partner(0)
        try await partner.reset()
        for _ in 0..<50 { try await queue(net, ["iia-busy-1"]) }
        _ = try await waitForRow(net, object: "iia-busy-1") { $0.state == .delivered }
        try await Task.sleep(for: .seconds(2))
        let sends = try await partner.log(path: "/iia-cnr").filter { $0.values("iia_id") == ["iia-busy-1"] }
        #expect((1...3).contains(sends.count), "\(sends.count) sends: \(sends)")
        let merged = try await rows(net).filter { $0.key.objectID == "iia-busy-1" }.map(\.mergedChanges).reduce(0, +)
        #expect(merged == 50)
    }

    @Test("A partner without a CNR API: the row is unsupported at once, and nothing is sent")
    func unsupported() async throws {
        let net = try requirePartnerNetwork()
        try await queue(net, ["iia-quiet-1"], partner: quietPartnerHEI)
        let row = try await waitForRow(net, object: "iia-quiet-1", partner: quietPartnerHEI) { $0.state != .pending }
        #expect(row.state == .unsupported)
        #expect(row.lastError?.contains("publishes no iia-cnr") == true, "\(row.lastError ?? "-")")
        #expect(try await net.partner(1).log(path: "/iia-cnr").isEmpty)
    }

    @Test("LA CNRs to one partner carry several omobility ids, up to the partner's max-omobility-ids")
    func batchesLAs() async throws {
        let net = try requirePartnerNetwork()
        let partner = net.partner(0)
        try await partner.reset()
        try await queue(net, ["m1", "m2", "m3", "m4", "m5"], api: "omobility-la-cnr")
        let log = try await partner.waitForLog("all five omobility ids") { entries in
            Set(entries.filter { $0.path == "/omobility-la-cnr" && $0.status == 200 }.flatMap { $0.values("omobility_id") }).count == 5
        }.filter { $0.path == "/omobility-la-cnr" }
        #expect(log.count == 2, "\(log)")   // the fake partner accepts 3 per request
        #expect(log.allSatisfy { $0.values("sending_hei_id") == [nodeHEI] && $0.values("omobility_id").count <= 3 })
    }

    @Test("Operators see the rows: /metrics, /health/ready, the admin API and `ewp-node cnr`")
    func operatorsSeeRows() async throws {
        let net = try requirePartnerNetwork()
        let partner = net.partner(0)
        try await partner.reset()
        try await partner.script(path: "/iia-cnr", responses: ["500", "500", "500", "500", "500", "500"])
        try await queue(net, ["iia-visible-1"])
        let retrying = try await waitForRow(net, object: "iia-visible-1") { $0.attempts >= 1 && $0.state == .pending }

        // Partner ids and queue details with the admin token; without it, sums and ok flags only.
        let auth: HTTPFields = [(name: "Authorization", value: "Bearer test-admin-token")]
        let metrics = String(decoding: try await net.http.send(.init(url: net.node(0).baseURL + "/metrics", headers: auth, timeout: .seconds(10))).body, as: UTF8.self)
        #expect(metrics.contains("ewp_cnr_rows{queue=\"outbox\",api=\"iia-cnr\",partner=\"\(partnerHEI)\",state=\"retrying\"}"), "\(metrics)")
        #expect(metrics.contains("ewp_cnr_oldest_pending_age_seconds{queue=\"outbox\"}"))
        let publicMetrics = String(decoding: try await net.http.send(.init(url: net.node(0).baseURL + "/metrics", timeout: .seconds(10))).body, as: UTF8.self)
        #expect(publicMetrics.contains("ewp_cnr_rows{queue=\"outbox\",api=\"iia-cnr\",state=\"retrying\"}"), "\(publicMetrics)")
        #expect(!publicMetrics.contains(partnerHEI))
        let ready = String(decoding: try await net.http.send(.init(url: net.node(0).baseURL + "/health/ready", headers: auth, timeout: .seconds(10))).body, as: UTF8.self)
        #expect(ready.contains("\"notifications\""), "\(ready)")
        #expect(ready.contains("\"retrying\""))
        let publicReady = String(decoding: try await net.http.send(.init(url: net.node(0).baseURL + "/health/ready", timeout: .seconds(10))).body, as: UTF8.self)
        #expect(publicReady.contains("\"notifications\":{\"ok\":true}"), "\(publicReady)")
        #expect(!publicReady.contains(nodeHEI) && !publicReady.contains("retrying"), "\(publicReady)")

        let admin = net.node(0).baseURL + "/admin"
        let unauthorized = try await net.http.send(.init(url: admin + "/cnr", timeout: .seconds(10)))
        #expect(unauthorized.status == 401)
        let listed = try await net.http.send(.init(url: admin + "/cnr?state=retrying&partner=\(partnerHEI)", headers: auth, timeout: .seconds(10)))
        #expect(listed.status == 200)
        #expect(String(decoding: listed.body, as: UTF8.self).contains("\"object_id\":\"iia-visible-1\""))

        let dropped = try await net.http.send(.init(method: "POST", url: admin + "/cnr/outbox/\(retrying.id)/drop", headers: auth, timeout: .seconds(10)))
        #expect(dropped.status == 200, "\(String(decoding: dropped.body, as: UTF8.self))")
        #expect(try await rows(net).first { $0.id == retrying.id }?.state == .dropped)

        let cli = try await runNodeCommand(net, ["cnr", "list", "--state", "dropped", "--partner", partnerHEI])
        #expect(cli.status == 0 && cli.output.contains("iia-visible-1"), "\(cli.output)")
        try await partner.reset()
        let retried = try await runNodeCommand(net, ["cnr", "retry", String(retrying.id)])
        #expect(retried.status == 0, "\(retried.output)")
        let row = try await waitForRow(net, object: "iia-visible-1") { $0.state == .delivered }
        #expect(row.id == retrying.id)
    }

    @Test("GET /admin/registry and POST /admin/registry/refresh show the catalogue as `ewp-node registry show` does, our keys listed")
    func registryEndpoints() async throws {
        let net = try requirePartnerNetwork()
        let auth: HTTPFields = [(name: "Authorization", value: "Bearer test-admin-token")]
        let admin = net.node(0).baseURL + "/admin"
        let refreshed = try await net.http.send(.init(method: "POST", url: admin + "/registry/refresh", headers: auth, timeout: .seconds(30)))
        let refreshedJSON = try #require(try JSONSerialization.jsonObject(with: Data(refreshed.body)) as? [String: Any])
        #expect(refreshed.status == 200 && ["updated", "not-modified"].contains(refreshedJSON["outcome"] as? String ?? ""), "\(refreshedJSON)")
        let shown = try await net.http.send(.init(url: admin + "/registry", headers: auth, timeout: .seconds(10)))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(shown.body)) as? [String: Any])
        #expect(shown.status == 200 && (json["heis"] as? Int ?? 0) >= 2 && json["source"] as? String == "registry", "\(json)")
        let covered = try #require(json["covered"] as? [[String: Any]])
        #expect(covered.count == 1 && covered[0]["hei"] as? String == nodeHEI)
        #expect(covered[0]["client_key_listed"] as? Bool == true && covered[0]["server_key_listed"] as? Bool == true, "\(covered)")

        let cli = try await runNodeCommand(net, ["registry", "show"])
        #expect(cli.status == 0 && cli.output.contains("HEIs:       \(json["heis"] as? Int ?? -1)") && cli.output.contains("\(nodeHEI): client key listed, server key listed"),
                "\(cli.output)")
    }
}

/// Runs `ewp-node ARGS` with the node's environment (same database, keys, registry).
func runNodeCommand(_ net: PartnerNetwork, _ arguments: [String], node: Int = 0) async throws -> (status: Int32, output: String) {
    try await ChildProcess.run(try E2EPaths.nodeBinary(), arguments, environment: net.node(node).environment)
}

/// `ewp-node import` of `document` (written to a file of the network's directory) on node `node`, expected to succeed.
func importDocument(_ net: PartnerNetwork, node: Int, _ document: String, extra: [String] = []) async throws {
    let file = "\(net.directory)/import-\(UUID().uuidString).xml"
    _ = FileManager.default.createFile(atPath: file, contents: Data(document.utf8))
    let result = try await runNodeCommand(net, ["import"] + extra + [file], node: node)
    #expect(result.status == 0, "import on node \(node): \(result.output)")
}
