import EWPStore
import Foundation
import Testing

@Suite("Queue store: operator retry and drop")
struct QueueOperatorTests {
    @Test("retry puts a rejected row back to pending, due now, with the new expiry; history kept", arguments: StoreEngine.all)
    func retryRejected(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let store = fixture.store
        let row = try await store.enqueueOne(key("a"))
        _ = try await store.claim(.outbox, owner: "w", now: at(0), lease: 30, limit: 1, excludingPartners: [])
        #expect(try await store.finish(.outbox, id: row.id, owner: "w", outcome: .finished(.rejected, error: "400"), now: at(1)))
        #expect(try await store.retryRow(.outbox, id: row.id, now: at(50), expiresAt: at(5000)))
        let stored = try #require(try await store.queueRow(.outbox, id: row.id))
        #expect(stored.state == .pending && stored.nextAttemptAt == at(50) && stored.expiresAt == at(5000))
        #expect(stored.finishedAt == nil && stored.attempts == 1 && stored.lastError == "400" && stored.updatedAt == at(50))
        #expect(try await store.claim(.outbox, owner: "w", now: at(50), lease: 30, limit: 1, excludingPartners: []).map(\.id) == [row.id])
    }

    @Test("retry of a leased row clears the lease: the old owner's finish returns false", arguments: StoreEngine.all)
    func retryLeased(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let store = fixture.store
        let row = try await store.enqueueOne(key("a"))
        _ = try await store.claim(.outbox, owner: "w", now: at(0), lease: 300, limit: 1, excludingPartners: [])
        #expect(try await store.retryRow(.outbox, id: row.id, now: at(5), expiresAt: at(900)))
        #expect(try await store.queueRow(.outbox, id: row.id)?.leaseOwner == nil)
        #expect(try await store.finish(.outbox, id: row.id, owner: "w", outcome: .delivered, now: at(6)) == false)
    }

    @Test("retry and drop of an unknown id, or of a row in the other queue, return false", arguments: StoreEngine.all)
    func unknown(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let store = fixture.store
        let row = try await store.enqueueOne(key("a"))
        #expect(try await store.retryRow(.outbox, id: row.id + 1, now: at(1), expiresAt: at(9)) == false)
        #expect(try await store.retryRow(.inbound, id: row.id, now: at(1), expiresAt: at(9)) == false)
        #expect(try await store.dropRow(.outbox, id: row.id + 1, now: at(1)) == false)
        #expect(try await store.dropRow(.inbound, id: row.id, now: at(1)) == false)
        #expect(try await store.queueRow(.outbox, id: row.id) == row)
    }

    @Test("drop: a pending row becomes dropped and is never claimed; the in-flight owner cannot finish it", arguments: StoreEngine.all)
    func dropPending(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let store = fixture.store
        let idle = try await store.enqueueOne(key("a"))
        let busy = try await store.enqueueOne(key("b"))
        _ = try await store.claim(.outbox, owner: "w", now: at(0), lease: 300, limit: 1, excludingPartners: [])
        #expect(try await store.queueRow(.outbox, id: idle.id)?.leaseOwner == "w")
        #expect(try await store.dropRow(.outbox, id: idle.id, now: at(3)))
        #expect(try await store.dropRow(.outbox, id: busy.id, now: at(3)))
        for id in [idle.id, busy.id] {
            let stored = try #require(try await store.queueRow(.outbox, id: id))
            #expect(stored.state == .dropped && stored.finishedAt == at(3) && stored.leaseOwner == nil)
        }
        #expect(try await store.finish(.outbox, id: idle.id, owner: "w", outcome: .delivered, now: at(4)) == false)
        #expect(try await store.claim(.outbox, owner: "w", now: at(400), lease: 30, limit: 10, excludingPartners: []).isEmpty)
        #expect(try await store.dropRow(.outbox, id: idle.id, now: at(9)))           // already dropped: stays as it was
        #expect(try await store.queueRow(.outbox, id: idle.id)?.finishedAt == at(3))
    }

    @Test("drop of a delivered row returns false and keeps it delivered", arguments: StoreEngine.all)
    func dropDelivered(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let store = fixture.store
        let row = try await store.enqueueOne(key("a"))
        _ = try await store.claim(.outbox, owner: "w", now: at(0), lease: 30, limit: 1, excludingPartners: [])
        #expect(try await store.finish(.outbox, id: row.id, owner: "w", outcome: .delivered, now: at(1)))
        #expect(try await store.dropRow(.outbox, id: row.id, now: at(2)) == false)
        #expect(try await store.queueRow(.outbox, id: row.id)?.state == .delivered)
    }
}
