import EWPStore
import Foundation
import Testing

@Suite("Queue store: expiry, pruning and summary")
struct QueueMaintenanceTests {
    @Test("expire: pending unleased rows past expiresAt die; leased, unexpired and finished rows stay", arguments: StoreEngine.all)
    func expire(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let store = fixture.store
        try await store.enqueue(.outbox, [key("old"), key("leased")], now: at(0), expiresAt: at(100))
        try await store.enqueue(.outbox, [key("young")], now: at(0), expiresAt: at(101))
        try await store.enqueue(.outbox, [key("done")], now: at(0), expiresAt: at(50))
        try await store.enqueue(.inbound, [key("other-queue")], now: at(0), expiresAt: at(10))
        let rows = try await store.allRows()
        func id(_ object: String) throws -> Int64 { try #require(rows.first { $0.key.objectID == object }).id }
        let claimed = try await store.claim(.outbox, owner: "w", now: at(0), lease: 500, limit: 10, excludingPartners: [])
        for row in claimed where row.key.objectID != "leased" {
            let outcome: QueueOutcome = row.key.objectID == "done" ? .delivered : .release(at: at(0))
            #expect(try await store.finish(.outbox, id: row.id, owner: "w", outcome: outcome, now: at(1)))
        }
        #expect(try await store.expire(.outbox, now: at(100)) == 1)
        let old = try #require(try await store.queueRow(.outbox, id: try id("old")))
        #expect(old.state == .dead && old.finishedAt == at(100) && old.lastError?.hasPrefix("expired after 0 attempt(s)") == true)
        #expect(try await store.queueRow(.outbox, id: try id("leased"))?.state == .pending)
        #expect(try await store.queueRow(.outbox, id: try id("young"))?.state == .pending)
        #expect(try await store.queueRow(.outbox, id: try id("done"))?.state == .delivered)
        #expect(try await store.allRows(.inbound).first?.state == .pending)
        #expect(try await store.expire(.outbox, now: at(100)) == 0)
        #expect(try await store.expire(.outbox, now: at(501)) == 2)   // the lease ran out at 500
    }

    @Test("prune deletes delivered rows finished before the cutoff, nothing else", arguments: StoreEngine.all)
    func prune(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let store = fixture.store
        try await store.enqueue(.outbox, [key("a"), key("b"), key("c"), key("d")], now: at(0), expiresAt: at(1000))
        try await store.enqueue(.inbound, [key("a")], now: at(0), expiresAt: at(1000))
        let claimed = try await store.claim(.outbox, owner: "w", now: at(0), lease: 30, limit: 3, excludingPartners: [])
        let inbound = try await store.claim(.inbound, owner: "w", now: at(0), lease: 30, limit: 1, excludingPartners: [])
        #expect(try await store.finish(.outbox, id: claimed[0].id, owner: "w", outcome: .delivered, now: at(10)))
        #expect(try await store.finish(.outbox, id: claimed[1].id, owner: "w", outcome: .delivered, now: at(20)))
        #expect(try await store.finish(.outbox, id: claimed[2].id, owner: "w", outcome: .finished(.rejected, error: "400"), now: at(5)))
        #expect(try await store.finish(.inbound, id: inbound[0].id, owner: "w", outcome: .delivered, now: at(5)))
        #expect(try await store.prune(.outbox, deliveredBefore: at(20)) == 1)
        #expect(try await store.allRows().map(\.key.objectID) == ["d", "c", "b"])
        #expect(try await store.allRows(.inbound).count == 1)
        #expect(try await store.prune(.outbox, deliveredBefore: at(21)) == 1)
        #expect(try await store.prune(.outbox, deliveredBefore: at(1000)) == 0)
    }

    @Test("summary: counts per api, partner, state and retrying; oldest pending createdAt", arguments: StoreEngine.all)
    func summary(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let store = fixture.store
        #expect(try await store.queueSummary(.outbox, now: at(0)) == QueueSummary(counts: [], oldestPendingCreatedAt: nil))
        try await store.enqueue(.outbox, [key("0", partner: "p3")], now: at(2), expiresAt: at(1000))
        try await store.enqueue(.outbox, [key("1"), key("2"), key("3"), key("4", partner: "p2")], now: at(5), expiresAt: at(1000))
        try await store.enqueue(.outbox, [key("5", api: "omobility-la-cnr")], now: at(7), expiresAt: at(1000))
        try await store.enqueue(.inbound, [key("x")], now: at(1), expiresAt: at(1000))
        let claimed = try await store.claim(.outbox, owner: "w", now: at(10), lease: 30, limit: 4, excludingPartners: ["p2"])
        #expect(claimed.map(\.key.objectID) == ["0", "1", "2", "3"])
        for row in claimed {
            let outcome: QueueOutcome = row.key.objectID == "1" ? .retry(at: at(99), error: "503") : .delivered
            #expect(try await store.finish(.outbox, id: row.id, owner: "w", outcome: outcome, now: at(11)))
        }
        let summary = try await store.queueSummary(.outbox, now: at(12))
        #expect(summary.counts == [
            QueueCount(api: "iia-cnr", partnerHEI: "p2", state: .pending, retrying: false, count: 1),
            QueueCount(api: "iia-cnr", partnerHEI: "p3", state: .delivered, retrying: false, count: 1),
            QueueCount(api: "iia-cnr", partnerHEI: "uni-b.example", state: .pending, retrying: true, count: 1),
            QueueCount(api: "iia-cnr", partnerHEI: "uni-b.example", state: .delivered, retrying: false, count: 2),
            QueueCount(api: "omobility-la-cnr", partnerHEI: "uni-b.example", state: .pending, retrying: false, count: 1),
        ])
        #expect(summary.oldestPendingCreatedAt == at(5))
        let inbound = try await store.queueSummary(.inbound, now: at(12))
        #expect(inbound.counts == [QueueCount(api: "iia-cnr", partnerHEI: "uni-b.example", state: .pending, retrying: false, count: 1)])
        #expect(inbound.oldestPendingCreatedAt == at(1))
    }

    @Test("summary order: api, partner, state in declaration order, not retrying before retrying")
    func summaryOrder() {
        let ordered = [
            QueueCount(api: "a", partnerHEI: "p", state: .pending, retrying: false, count: 9),
            QueueCount(api: "a", partnerHEI: "p", state: .pending, retrying: true, count: 1),
            QueueCount(api: "a", partnerHEI: "p", state: .delivered, retrying: false, count: 1),
            QueueCount(api: "a", partnerHEI: "p", state: .rejected, retrying: false, count: 1),
            QueueCount(api: "a", partnerHEI: "p", state: .dropped, retrying: false, count: 1),
            QueueCount(api: "a", partnerHEI: "q", state: .pending, retrying: false, count: 1),
            QueueCount(api: "b", partnerHEI: "a", state: .pending, retrying: false, count: 1),
        ]
        #expect(ordered.reversed().sorted(by: QueueCount.summaryOrder) == ordered)
        #expect(ordered.shuffled().sorted(by: QueueCount.summaryOrder) == ordered)
    }
}
