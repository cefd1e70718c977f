import EWPStore
import Foundation
import Testing

@Suite("Queue store: enqueue and merging")
struct QueueEnqueueTests {
    @Test("new keys become pending rows due now; the same key in the other queue is a separate row", arguments: StoreEngine.all)
    func newRows(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let store = fixture.store
        try await store.enqueue(.outbox, [key("a"), key("b", partner: "uni-c.example")], now: at(0), expiresAt: at(500))
        try await store.enqueue(.inbound, [key("a")], now: at(1), expiresAt: at(600))
        let outbox = try await store.allRows(.outbox)
        #expect(outbox.map(\.key.objectID) == ["b", "a"])
        let a = try #require(outbox.last)
        #expect(a.queue == .outbox && a.state == .pending && a.attempts == 0 && a.mergedChanges == 1)
        #expect(a.createdAt == at(0) && a.updatedAt == at(0) && a.nextAttemptAt == at(0) && a.expiresAt == at(500))
        #expect(a.leaseOwner == nil && a.leaseUntil == nil && a.lastError == nil && a.finishedAt == nil)
        let inbound = try await store.allRows(.inbound)
        #expect(inbound.count == 1 && inbound[0].queue == .inbound && inbound[0].createdAt == at(1))
        #expect(try await store.queueRow(.outbox, id: a.id) == a)
    }

    @Test("a pending unleased row absorbs: mergedChanges, updatedAt, later expiry; nextAttemptAt unchanged", arguments: StoreEngine.all)
    func mergeIntoPending(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let store = fixture.store
        let first = try await store.enqueueOne(key("a"))
        // make it a retrying row due later, so we see nextAttemptAt stay
        let claimed = try await store.claim(.outbox, owner: "w", now: at(0), lease: 30, limit: 1, excludingPartners: [])
        #expect(claimed.map(\.id) == [first.id])
        #expect(try await store.finish(.outbox, id: first.id, owner: "w", outcome: .retry(at: at(300), error: "503"), now: at(5)))
        try await store.enqueue(.outbox, [key("a")], now: at(10), expiresAt: at(200_000))
        try await store.enqueue(.outbox, [key("a")], now: at(20), expiresAt: at(50))
        let rows = try await store.allRows()
        #expect(rows.count == 1)
        let row = rows[0]
        #expect(row.id == first.id && row.mergedChanges == 3 && row.updatedAt == at(20))
        #expect(row.expiresAt == at(200_000) && row.nextAttemptAt == at(300) && row.attempts == 1)
        #expect(row.createdAt == at(0))
    }

    @Test("a leased row does not absorb: a new row waits behind it", arguments: StoreEngine.all)
    func leasedDoesNotAbsorb(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let store = fixture.store
        let first = try await store.enqueueOne(key("a"))
        _ = try await store.claim(.outbox, owner: "w", now: at(1), lease: 60, limit: 10, excludingPartners: [])
        try await store.enqueue(.outbox, [key("a")], now: at(2), expiresAt: at(900))
        let rows = try await store.allRows()
        #expect(rows.count == 2)
        #expect(rows.first(where: { $0.id == first.id })?.mergedChanges == 1)
        let second = try #require(rows.first(where: { $0.id != first.id }))
        #expect(second.state == .pending && second.leaseOwner == nil && second.createdAt == at(2))
        #expect(try await store.finish(.outbox, id: first.id, owner: "w", outcome: .delivered, now: at(3)))
        let again = try await store.claim(.outbox, owner: "w", now: at(4), lease: 60, limit: 10, excludingPartners: [])
        #expect(again.map(\.id) == [second.id])
    }

    @Test("a row whose lease ran out absorbs, and its old owner can no longer finish it", arguments: StoreEngine.all)
    func ranOutLeaseAbsorbs(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let store = fixture.store
        let row = try await store.enqueueOne(key("a"))
        _ = try await store.claim(.outbox, owner: "w", now: at(0), lease: 30, limit: 1, excludingPartners: [])
        try await store.enqueue(.outbox, [key("a")], now: at(30), expiresAt: at(900))
        let merged = try #require(try await store.queueRow(.outbox, id: row.id))
        #expect(merged.mergedChanges == 2 && merged.leaseOwner == nil && merged.leaseUntil == nil)
        #expect(try await store.finish(.outbox, id: row.id, owner: "w", outcome: .delivered, now: at(31)) == false)
        #expect(try await store.queueRow(.outbox, id: row.id)?.state == .pending)
    }

    @Test("finished rows never absorb", arguments: StoreEngine.all, [QueueOutcome.delivered, .finished(.rejected, error: "400")])
    func finishedDoesNotAbsorb(engine: StoreEngine, outcome: QueueOutcome) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let store = fixture.store
        let row = try await store.enqueueOne(key("a"))
        _ = try await store.claim(.outbox, owner: "w", now: at(0), lease: 30, limit: 1, excludingPartners: [])
        #expect(try await store.finish(.outbox, id: row.id, owner: "w", outcome: outcome, now: at(1)))
        try await store.enqueue(.outbox, [key("a")], now: at(2), expiresAt: at(900))
        let rows = try await store.allRows()
        #expect(rows.count == 2 && rows[0].state == .pending && rows[0].mergedChanges == 1)
    }

    @Test("the same key twice in one enqueue makes one row with two changes; other key fields keep rows apart", arguments: StoreEngine.all)
    func duplicatesInOneCall(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let store = fixture.store
        let keys = [key("a"), key("a"), key("a", api: "iia-approval-cnr"), key("a", local: "uni-z.example"), key("a", partner: "uni-y.example")]
        try await store.enqueue(.outbox, keys, now: at(0), expiresAt: at(100))
        let rows = try await store.allRows()
        #expect(rows.count == 4)
        #expect(rows.map(\.mergedChanges).sorted() == [1, 1, 1, 2])
    }

    @Test("a key with an empty field is refused and nothing of the batch is added", arguments: StoreEngine.all)
    func emptyField(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let error = await #expect(throws: StoreError.self) {
            try await fixture.store.enqueue(.outbox, [key("a"), key("b", partner: "")], now: at(0), expiresAt: at(100))
        }
        #expect(error?.message.contains("empty partnerHEI") == true)
        #expect(error?.code == .invalidInput)
        #expect(try await fixture.store.allRows().isEmpty)
    }
}
