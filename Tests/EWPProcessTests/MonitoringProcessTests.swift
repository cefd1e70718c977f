// The Monitoring API with real processes: a node reports a partner's failed call to a stand-in EWP
// Stats Portal (a fake partner covering stats.erasmuswithoutpaper.eu that publishes the monitoring
// API in the test registry's catalogue), which verifies the report's signature.
import EWPStore
import EWPTestSupport
import Foundation
import HTTPTypes
import Testing
#if canImport(Glibc)
import Glibc
#endif

private let nodeHEI = "node.test.example"
private let partnerHEI = "partner-m.test.example"
private let portalHEI = "stats.erasmuswithoutpaper.eu"
private let notifierHEI = "partner-cnr-only.test.example"   // sends IIA CNRs, publishes no IIAs API

@Suite("Monitoring API: failed partner calls reported to a stand-in Stats Portal", .serialized,
       .partnerNetwork(partners: [PartnerSpec(hei: partnerHEI), PartnerSpec(hei: portalHEI, apis: ["monitoring"]),
                                  PartnerSpec(hei: notifierHEI, apis: ["iia-cnr"])],
                       nodeEnvironment: fastNotificationEnvironment.merging(["EWP_MONITORING": "on"]) { _, new in new }),
       .timeLimit(.minutes(4)))
struct MonitoringProcessTests {
    func queueCNR(_ net: PartnerNetwork, _ id: String) async throws {
        let store = try SQLiteStore(path: net.node(0).databasePath)
        let now = Date()
        try await store.commit(ChangeSet(upserts: [], notifications: [NotificationKey(api: "iia-cnr", localHEI: nodeHEI, partnerHEI: partnerHEI, objectID: id)],
                                         notificationsExpireAt: now.addingTimeInterval(3600), settling: QueueSettling(window: 1, maxWait: 10)), now: now)
    }

    func waitDelivered(_ net: PartnerNetwork, _ id: String) async throws -> QueueRow {
        let deadline = ContinuousClock.now + .seconds(40)
        while true {
            let rows = try await SQLiteStore(path: net.node(0).databasePath).queueRows(.outbox, filter: QueueFilter(partnerHEI: partnerHEI, limit: 1000))
            if let row = rows.first(where: { $0.key.objectID == id }), row.state == .delivered { return row }
            guard ContinuousClock.now < deadline else { throw E2EError("CNR \(id) not delivered: \(rows)") }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// `ewp_monitoring_reports_total` by outcome, from the node's /metrics.
    func reportCounts(_ net: PartnerNetwork) async throws -> [String: Int] {
        let metrics = String(decoding: try await net.http.send(.init(url: net.node(0).baseURL + "/metrics", timeout: .seconds(10))).body, as: UTF8.self)
        var counts: [String: Int] = [:]
        for line in metrics.split(separator: "\n") where line.hasPrefix("ewp_monitoring_reports_total{outcome=\"") {
            let outcome = line.dropFirst("ewp_monitoring_reports_total{outcome=\"".count).prefix { $0 != "\"" }
            counts[String(outcome)] = line.split(separator: " ").last.flatMap { Double($0) }.map { Int($0) }
        }
        return counts
    }

    func waitForCounts(_ net: PartnerNetwork, _ expected: [String: Int]) async throws {
        let deadline = ContinuousClock.now + .seconds(20)
        while true {
            let counts = try await reportCounts(net)
            if expected.allSatisfy({ counts[$0.key] == $0.value }) { return }
            guard ContinuousClock.now < deadline else { throw E2EError("monitoring counters \(counts), expected \(expected)") }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    @Test("A partner's 500 is reported once, signed, with the spec's parameters; its repeat inside the window is not")
    func reportedOnce() async throws {
        let net = try requirePartnerNetwork()
        let partner = try #require(net.partner(hei: partnerHEI)), portal = try #require(net.partner(hei: portalHEI))
        try await partner.reset()
        try await portal.reset()
        try await partner.script(path: "/iia-cnr", responses: ["500", "500"])
        try await queueCNR(net, "iia-monitored-1")
        let row = try await waitDelivered(net, "iia-monitored-1")
        #expect(row.attempts == 3)
        // Both failures were decided before the delivery: one report sent, the other rate-limited.
        try await waitForCounts(net, ["sent": 1, "rate_limited": 1, "failed": 0, "queue_full": 0])

        let reports = try await portal.log(path: "/monitoring")
        #expect(reports.count == 1, "\(reports)")
        let report = try #require(reports.first)
        #expect(report.method == "POST" && report.verified && report.status == 200, "\(report)")
        #expect(report.callerHeis == [nodeHEI])
        #expect(report.params.map(\.first) == ["server_hei_id", "api_name", "http_code", "server_message"], "\(report.params)")
        #expect(report.values("server_hei_id") == [partnerHEI])
        #expect(report.values("api_name") == ["iia-cnr"])
        #expect(report.values("http_code") == ["500"])
        #expect(report.values("server_message") == ["scripted 500 from the fake partner"])
    }

    @Test("A partner that notifies us of an IIA but publishes no IIAs API is reported: the API it is expected to implement is not in the catalogue")
    func expectedAPIMissing() async throws {
        let net = try requirePartnerNetwork()
        let portal = try #require(net.partner(hei: portalHEI))
        let notifier = try #require(net.partners.firstIndex { $0.hei == notifierHEI })
        try await portal.reset()
        let url = try #require(net.node(0).manifest(hei: nodeHEI).url(api: "iia-cnr"))
        let answer = try await net.partnerSignedPOST(partner: notifier, url: url, form: [("iia_id", "iia-unfetchable-1")])
        #expect(answer.status == 200)
        let reports = try await portal.waitForLog("a report of the missing IIAs API") { entries in
            entries.contains { $0.path == "/monitoring" && $0.values("server_hei_id") == [notifierHEI] }
        }.filter { $0.path == "/monitoring" }
        let report = try #require(reports.first)
        #expect(report.verified && report.callerHeis == [nodeHEI], "\(report)")
        #expect(report.values("api_name") == ["iias"])
        #expect(report.values("endpoint_name") == ["get"])
        #expect(report.values("http_code").isEmpty && report.values("server_message").isEmpty)
        #expect(report.values("client_message").first?.contains("publishes no iias") == true, "\(report.params)")
    }

    @Test("Off by default against a loopback registry: the same failure sends nothing")
    func offByDefaultOnLoopback() async throws {
        let net = try requirePartnerNetwork()
        let partner = try #require(net.partner(hei: partnerHEI)), portal = try #require(net.partner(hei: portalHEI))
        _ = await net.node(0).process.stop(signal: SIGTERM, timeout: .seconds(20))
        try await net.node(0).restart(http: net.http, changing: ["EWP_MONITORING": nil])
        try await partner.reset()
        try await portal.reset()
        try await partner.script(path: "/iia-cnr", responses: ["503"])
        try await queueCNR(net, "iia-unmonitored-1")
        let row = try await waitDelivered(net, "iia-unmonitored-1")
        #expect(row.attempts == 2)
        try await Task.sleep(for: .seconds(1))   // a report would have been queued before the retry
        #expect(try await portal.log().isEmpty)
        #expect(try await reportCounts(net) == ["sent": 0, "failed": 0, "rate_limited": 0, "queue_full": 0])
        // Back to the suite's setting (on), whatever runs next.
        _ = await net.node(0).process.stop(signal: SIGTERM, timeout: .seconds(20))
        try await net.node(0).restart(http: net.http)
    }
}
