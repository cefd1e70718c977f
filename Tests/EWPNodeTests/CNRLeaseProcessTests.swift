// Leases and crashes with real processes: two `ewp-node serve` processes on one
// SQLite database, killed with SIGKILL at awkward moments.
import EWPStore
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

private let nodeHEI = "node.test.example"
private let partnerHEI = "partner-c.test.example"

@Suite("CNR leases between two node processes on one database", .serialized,
       .partnerNetwork(partners: [PartnerSpec(hei: partnerHEI)], nodes: 2,
                       nodeEnvironment: fastNotificationEnvironment.merging(["EWP_CALL_TIMEOUT": "5"]) { $1 }),   // lease 20 s
       .timeLimit(.minutes(4)))
struct CNRLeaseProcessTests {
    func queue(_ net: PartnerNetwork, _ ids: [String]) async throws {
        let store = try SQLiteStore(path: net.node(0).databasePath)
        let now = Date()
        try await store.enqueue(.outbox, ids.map { NotificationKey(api: "iia-cnr", localHEI: nodeHEI, partnerHEI: partnerHEI, objectID: $0) },
                                now: now, expiresAt: now.addingTimeInterval(3600))
    }

    func waitDelivered(_ net: PartnerNetwork, _ ids: Set<String>, timeout: Duration) async throws -> [QueueRow] {
        let store = try SQLiteStore(path: net.node(0).databasePath)
        let deadline = ContinuousClock.now + timeout
        while true {
            let rows = try await store.queueRows(.outbox, filter: QueueFilter(limit: 10_000)).filter { ids.contains($0.key.objectID) }
            if rows.count >= ids.count, rows.allSatisfy({ $0.state == .delivered }) { return rows }
            guard ContinuousClock.now < deadline else {
                throw E2EError("not delivered within \(timeout): \(rows.filter { $0.state != .delivered })")
            }
            try await Task.sleep(for: .milliseconds(200))
        }
    }

    @Test("Two processes on one database deliver 120 CNRs, each exactly once, never two sends of one row at once")
    func twoProcessesNeverDoubleSend() async throws {
        let net = try requirePartnerNetwork()
        let partner = net.partner(0)
        try await partner.reset()
        let ids = (1...120).map { "iia-two-\($0)" }
        try await queue(net, ids)
        _ = try await waitDelivered(net, Set(ids), timeout: .seconds(90))
        let sends = try await partner.log(path: "/iia-cnr")
        let perID = Dictionary(grouping: sends, by: { $0.values("iia_id").first ?? "" })
        #expect(Set(perID.keys) == Set(ids))
        #expect(perID.values.allSatisfy { $0.count == 1 }, "sent more than once: \(perID.filter { $0.value.count > 1 }.keys.sorted())")
        // Both processes took part (each logs its deliveries).
        let delivering = (0..<2).filter { net.node($0).logTail(1 << 20).contains("notification delivered") }
        #expect(delivering.count == 2, "only nodes \(delivering) delivered")
    }

    @Test("A process killed with SIGKILL mid-send: after its lease ends the other process delivers the row")
    func crashedClaimantLeaseExpires() async throws {
        let net = try requirePartnerNetwork()
        let partner = net.partner(0)
        try await partner.reset()
        await net.node(1).process.stop(signal: SIGTERM)
        try await partner.script(path: "/iia-cnr", responses: ["hang"])
        try await queue(net, ["iia-crash-1"])
        let hung = try await partner.waitForLog("the send that hangs") { entries in entries.contains { $0.values("iia_id") == ["iia-crash-1"] } }
        await net.node(0).process.stop(signal: SIGKILL)

        let store = try SQLiteStore(path: net.node(0).databasePath)
        let leased = try #require(try await store.queueRows(.outbox, filter: QueueFilter(limit: 10_000)).first { $0.key.objectID == "iia-crash-1" })
        #expect(leased.state == .pending)
        #expect(leased.leaseUntil.map { $0 > Date() } == true, "the killed process still holds the lease: \(leased)")

        try await net.restartNode(1)
        let rows = try await waitDelivered(net, ["iia-crash-1"], timeout: .seconds(60))
        #expect(rows.first?.attempts == 1, "the killed attempt was never recorded: \(rows)")
        let sends = try await partner.log(path: "/iia-cnr").filter { $0.values("iia_id") == ["iia-crash-1"] }
        #expect(sends.count == 2)
        if let first = hung.first(where: { $0.values("iia_id") == ["iia-crash-1"] }), let second = sends.last {
            #expect(second.receivedAt - first.receivedAt >= 8, "retried before the lease ended: \(second.receivedAt - first.receivedAt) s")
        }
        try await net.restartNode(0)
    }

    @Test("Rows pending when every process is killed with SIGKILL are delivered after a restart")
    func pendingSurviveKill() async throws {
        let net = try requirePartnerNetwork()
        let partner = net.partner(0)
        try await partner.reset()
        try await partner.script(path: "/iia-cnr", responses: ["500", "500", "500", "500"])
        try await queue(net, ["iia-kill-1", "iia-kill-2", "iia-kill-3"])
        _ = try await partner.waitForLog("a first failed send") { $0.contains { $0.path == "/iia-cnr" } }
        for i in 0..<2 { await net.node(i).process.stop(signal: SIGKILL) }
        try await partner.reset()
        try await queue(net, ["iia-kill-4"])   // queued while no node runs (an import, say)
        try await net.restartNode(0)
        _ = try await waitDelivered(net, ["iia-kill-1", "iia-kill-2", "iia-kill-3", "iia-kill-4"], timeout: .seconds(60))
        try await net.restartNode(1)
    }
}
