import EWPStore
import Foundation
import Testing

@Suite("Queue store: finishing an attempt")
struct QueueFinishTests {
    /// One row enqueued at 0 and claimed by "w" at 0 (lease 30 s).
    static func claimedRow(_ store: any Store) async throws -> QueueRow {
        _ = try await store.enqueueOne(key("a"))
        let claimed = try await store.claim(.outbox, owner: "w", now: at(0), lease: 30, limit: 1, excludingPartners: [])
        return try #require(claimed.first)
    }

    @Test("delivered: state, attempts, finishedAt; lease cleared", arguments: StoreEngine.all)
    func delivered(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let row = try await Self.claimedRow(fixture.store)
        #expect(try await fixture.store.finish(.outbox, id: row.id, owner: "w", outcome: .delivered, now: at(3)))
        let stored = try #require(try await fixture.store.queueRow(.outbox, id: row.id))
        #expect(stored == (try QueueTransition.finish(row, outcome: .delivered, now: at(3))))
        #expect(stored.state == .delivered && stored.attempts == 1 && stored.finishedAt == at(3) && stored.leaseOwner == nil)
    }

    @Test("retry: pending again, attempts + 1, not claimable before its time, claimable at it", arguments: StoreEngine.all)
    func retry(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let store = fixture.store
        let row = try await Self.claimedRow(store)
        #expect(try await store.finish(.outbox, id: row.id, owner: "w", outcome: .retry(at: at(120), error: "HTTP 503"), now: at(3)))
        let stored = try #require(try await store.queueRow(.outbox, id: row.id))
        #expect(stored.state == .pending && stored.attempts == 1 && stored.lastError == "HTTP 503" && stored.leaseUntil == nil)
        #expect(try await store.claim(.outbox, owner: "w", now: at(119), lease: 30, limit: 5, excludingPartners: []).isEmpty)
        #expect(try await store.claim(.outbox, owner: "w", now: at(120), lease: 30, limit: 5, excludingPartners: []).map(\.id) == [row.id])
    }

    @Test("finished: the terminal state, its error, attempts + 1", arguments: StoreEngine.all, [QueueState.rejected, .unsupported, .dead])
    func finished(engine: StoreEngine, state: QueueState) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let row = try await Self.claimedRow(fixture.store)
        #expect(try await fixture.store.finish(.outbox, id: row.id, owner: "w", outcome: .finished(state, error: "HTTP 400: bad"), now: at(4)))
        let stored = try #require(try await fixture.store.queueRow(.outbox, id: row.id))
        #expect(stored.state == state && stored.lastError == "HTTP 400: bad" && stored.attempts == 1 && stored.finishedAt == at(4))
    }

    @Test("finishing as a non-terminal or operator state is refused and changes nothing", arguments: StoreEngine.all, [QueueState.pending, .delivered, .dropped])
    func invalidOutcome(engine: StoreEngine, state: QueueState) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let row = try await Self.claimedRow(fixture.store)
        await #expect(throws: StoreError.self) {
            try await fixture.store.finish(.outbox, id: row.id, owner: "w", outcome: .finished(state, error: "x"), now: at(4))
        }
        #expect(try await fixture.store.queueRow(.outbox, id: row.id) == row)
    }

    @Test("release: pending at the given time, attempts unchanged", arguments: StoreEngine.all)
    func release(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let row = try await Self.claimedRow(fixture.store)
        #expect(try await fixture.store.finish(.outbox, id: row.id, owner: "w", outcome: .release(at: at(60)), now: at(2)))
        let stored = try #require(try await fixture.store.queueRow(.outbox, id: row.id))
        #expect(stored.state == .pending && stored.attempts == 0 && stored.nextAttemptAt == at(60) && stored.leaseOwner == nil)
    }

    @Test("another owner, an unknown id, or a row never claimed: false, nothing changes", arguments: StoreEngine.all)
    func notHeld(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let store = fixture.store
        let row = try await Self.claimedRow(store)
        #expect(try await store.finish(.outbox, id: row.id, owner: "intruder", outcome: .delivered, now: at(1)) == false)
        #expect(try await store.finish(.outbox, id: row.id + 100, owner: "w", outcome: .delivered, now: at(1)) == false)
        let unclaimed = try await store.enqueueOne(key("b"))
        #expect(try await store.finish(.outbox, id: unclaimed.id, owner: "w", outcome: .delivered, now: at(1)) == false)
        #expect(try await store.queueRow(.outbox, id: row.id) == row)
        #expect(try await store.queueRow(.outbox, id: unclaimed.id) == unclaimed)
    }

    @Test("a second finish by the same owner returns false: the first cleared the lease", arguments: StoreEngine.all)
    func finishTwice(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let row = try await Self.claimedRow(fixture.store)
        #expect(try await fixture.store.finish(.outbox, id: row.id, owner: "w", outcome: .retry(at: at(9), error: "e"), now: at(1)))
        #expect(try await fixture.store.finish(.outbox, id: row.id, owner: "w", outcome: .delivered, now: at(2)) == false)
        #expect(try await fixture.store.queueRow(.outbox, id: row.id)?.attempts == 1)
    }
}
