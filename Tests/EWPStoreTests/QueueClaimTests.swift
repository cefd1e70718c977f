import EWPStore
import Foundation
import Testing

@Suite("Queue store: claim and leases")
struct QueueClaimTests {
    /// Rows due at 0, 10, 20, ... (one enqueue each), for partner b unless noted.
    static func staggered(_ store: any Store, _ objects: [(String, String)]) async throws -> [Int64] {
        var ids: [Int64] = []
        for (index, (object, partner)) in objects.enumerated() {
            ids.append(try await store.enqueueOne(key(object, partner: partner), now: at(Double(index) * 10)).id)
        }
        return ids
    }

    @Test("oldest nextAttemptAt first, at most limit, only due rows; leased rows are not claimed again", arguments: StoreEngine.all)
    func orderAndLimit(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let store = fixture.store
        let ids = try await Self.staggered(store, (0..<5).map { ("o\($0)", "uni-b.example") })
        let first = try await store.claim(.outbox, owner: "w1", now: at(25), lease: 60, limit: 2, excludingPartners: [])
        #expect(first.map(\.id) == [ids[0], ids[1]])
        #expect(first.allSatisfy { $0.leaseOwner == "w1" && $0.leaseUntil == at(85) && $0.updatedAt == at(25) })
        #expect(try await store.queueRow(.outbox, id: ids[0]) == first[0])
        let second = try await store.claim(.outbox, owner: "w2", now: at(25), lease: 60, limit: 10, excludingPartners: [])
        #expect(second.map(\.id) == [ids[2]])                      // o3, o4 are not due before 30, 40
        let later = try await store.claim(.outbox, owner: "w2", now: at(40), lease: 60, limit: 10, excludingPartners: [])
        #expect(later.map(\.id) == [ids[3], ids[4]])
    }

    @Test("rows of excluded partners are skipped, the rest still fill the limit", arguments: StoreEngine.all)
    func excludingPartners(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let store = fixture.store
        let ids = try await Self.staggered(store, [("o0", "p1"), ("o1", "p2"), ("o2", "p3"), ("o3", "p2"), ("o4", "p4")])
        let claimed = try await store.claim(.outbox, owner: "w", now: at(100), lease: 60, limit: 2, excludingPartners: ["p1", "p2"])
        #expect(claimed.map(\.id) == [ids[2], ids[4]])
        let rest = try await store.claim(.outbox, owner: "w", now: at(100), lease: 60, limit: 10, excludingPartners: [])
        #expect(rest.map(\.id) == [ids[0], ids[1], ids[3]])
    }

    @Test("the queues are separate: claiming inbound never returns outbox rows", arguments: StoreEngine.all)
    func queuesSeparate(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let store = fixture.store
        let outbox = try await store.enqueueOne(key("a"), .outbox)
        let inbound = try await store.enqueueOne(key("a"), .inbound)
        #expect(try await store.claim(.inbound, owner: "w", now: at(0), lease: 5, limit: 10, excludingPartners: []).map(\.id) == [inbound.id])
        #expect(try await store.claim(.outbox, owner: "w", now: at(0), lease: 5, limit: 10, excludingPartners: []).map(\.id) == [outbox.id])
        #expect(try await store.finish(.inbound, id: outbox.id, owner: "w", outcome: .delivered, now: at(1)) == false)
    }

    @Test("limit 0 claims nothing; a non-positive lease or empty owner is refused", arguments: StoreEngine.all)
    func arguments(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let store = fixture.store
        _ = try await store.enqueueOne(key("a"))
        #expect(try await store.claim(.outbox, owner: "w", now: at(0), lease: 5, limit: 0, excludingPartners: []).isEmpty)
        await #expect(throws: StoreError.self) {
            try await store.claim(.outbox, owner: "w", now: at(0), lease: 0, limit: 1, excludingPartners: [])
        }
        await #expect(throws: StoreError.self) {
            try await store.claim(.outbox, owner: "", now: at(0), lease: 5, limit: 1, excludingPartners: [])
        }
        #expect(try await store.allRows().allSatisfy { $0.leaseOwner == nil })
    }

    @Test("a lease that ran out is claimable by another owner; the old owner's finish returns false", arguments: StoreEngine.all)
    func leaseExpiry(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let store = fixture.store
        let row = try await store.enqueueOne(key("a"))
        #expect(try await store.claim(.outbox, owner: "A", now: at(0), lease: 30, limit: 1, excludingPartners: []).count == 1)
        #expect(try await store.claim(.outbox, owner: "B", now: at(29), lease: 30, limit: 1, excludingPartners: []).isEmpty)
        let taken = try await store.claim(.outbox, owner: "B", now: at(30), lease: 30, limit: 1, excludingPartners: [])
        #expect(taken.map(\.id) == [row.id] && taken[0].leaseOwner == "B")
        #expect(try await store.finish(.outbox, id: row.id, owner: "A", outcome: .delivered, now: at(31)) == false)
        #expect(try await store.queueRow(.outbox, id: row.id) == taken[0])
        #expect(try await store.finish(.outbox, id: row.id, owner: "B", outcome: .delivered, now: at(32)))
        #expect(try await store.queueRow(.outbox, id: row.id)?.state == .delivered)
    }

    @Test("an owner whose lease ran out may still finish when nobody claimed the row meanwhile", arguments: StoreEngine.all)
    func lateFinish(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let store = fixture.store
        let row = try await store.enqueueOne(key("a"))
        _ = try await store.claim(.outbox, owner: "A", now: at(0), lease: 30, limit: 1, excludingPartners: [])
        #expect(try await store.finish(.outbox, id: row.id, owner: "A", outcome: .delivered, now: at(500)))
        #expect(try await store.queueRow(.outbox, id: row.id)?.finishedAt == at(500))
    }
}
