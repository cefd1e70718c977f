@testable import EWPStore
import Foundation
import Testing

@Suite("Queue store: claim with 100,000 queued rows")
struct QueueScaleTests {
    @Test("claim leases exactly `limit` rows, the oldest of the partners not excluded, and nothing else", arguments: StoreEngine.all)
    func hundredThousand(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let store = fixture.store
        let keys = (0..<100_000).map { key("o\($0)", partner: "p\($0 % 10)") }
        try await store.enqueue(.outbox, keys, now: at(0), expiresAt: at(86_400))
        let claimed = try await store.claim(.outbox, owner: "w", now: at(1), lease: 60, limit: 50, excludingPartners: ["p0", "p3"])
        #expect(claimed.count == 50)
        let expected = keys.filter { !["p0", "p3"].contains($0.partnerHEI) }.prefix(50)
        #expect(claimed.map(\.key) == Array(expected))
        #expect(claimed.map(\.id) == claimed.map(\.id).sorted())
        let leased = try await store.allRows().filter { $0.leaseOwner != nil }
        #expect(leased.count == 50)
        #expect(Set(leased.map(\.id)) == Set(claimed.map(\.id)))
    }

    @Test("SQLite: claim's query walks the due index in order: no scan of the table, no sort of all rows",
          arguments: [[String](), ["p1", "p2"]])
    func queryPlan(excluding: [String]) async throws {
        let fixture = try await StoreFixture(.sqlite)
        defer { fixture.remove() }
        let plan = try await #require(fixture.store as? SQLiteStore).claimQueryPlan(.outbox, excluding: excluding)
        #expect(plan.contains { $0.contains("USING INDEX notification_queue_due") }, "\(plan)")
        #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(plan)")
        #expect(!plan.contains { $0.hasPrefix("SCAN notification_queue") && !$0.contains("INDEX") }, "\(plan)")
    }
}
