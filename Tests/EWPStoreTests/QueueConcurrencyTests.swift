import EWPStore
import Foundation
import Testing

/// Two stores on one file stand in for two node processes sharing it.
@Suite("Queue store: concurrent claims from two stores on one file")
struct QueueConcurrencyTests {
    @Test("8 claim loops over two stores never return the same row twice; every row is claimed once", arguments: StoreEngine.all)
    func noDoubleClaim(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let stores = [fixture.store, try await fixture.second()]
        let keys = (0..<600).map { key("o\($0)", partner: "p\($0 % 7)") }
        try await stores[1].enqueue(.outbox, keys, now: at(0), expiresAt: at(10_000))
        let claims = try await withThrowingTaskGroup(of: [(String, Int64)].self) { group in
            for worker in 0..<8 {
                let store = stores[worker % 2]
                group.addTask {
                    var mine: [(String, Int64)] = []
                    while true {
                        let batch = try await store.claim(.outbox, owner: "w\(worker)", now: at(1), lease: 600,
                                                          limit: 1 + worker % 5, excludingPartners: [])
                        if batch.isEmpty { return mine }
                        #expect(batch.allSatisfy { $0.leaseOwner == "w\(worker)" })
                        mine += batch.map { ("w\(worker)", $0.id) }
                    }
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        let ids = claims.map(\.1)
        #expect(ids.count == 600)
        #expect(Set(ids).count == 600)
        let stored = try await stores[0].allRows()
        #expect(Set(stored.map(\.id)) == Set(ids))
        // each row is leased to the worker that got it, so only that worker can finish it
        let owners = Dictionary(uniqueKeysWithValues: claims.map { ($0.1, $0.0) })
        #expect(stored.allSatisfy { $0.leaseOwner == owners[$0.id] })
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (owner, id) in claims {
                let store = stores[Int(id) % 2]
                group.addTask {
                    let intruder = try await store.finish(.outbox, id: id, owner: "not-\(owner)", outcome: .delivered, now: at(2))
                    let holder = try await store.finish(.outbox, id: id, owner: owner, outcome: .delivered, now: at(2))
                    #expect(!intruder && holder, "row \(id)")
                }
            }
            try await group.waitForAll()
        }
        #expect(try await stores[1].queueSummary(.outbox, now: at(3)).counts.allSatisfy { $0.state == .delivered })
    }

    @Test("enqueues racing with claims on two stores: no row is lost and no leased row absorbs a change", arguments: StoreEngine.all)
    func enqueueWhileClaiming(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let stores = [fixture.store, try await fixture.second()]
        let claimed = try await withThrowingTaskGroup(of: Int.self) { group in
            for writer in 0..<2 {
                group.addTask {
                    let keys = (0..<5).map { key("o\($0)") }
                    for round in 0..<40 {
                        try await stores[writer].enqueue(.outbox, keys, now: at(Double(round)), expiresAt: at(10_000))
                    }
                    return 0
                }
            }
            for worker in 0..<2 {
                group.addTask {
                    var count = 0
                    for _ in 0..<40 {
                        let batch = try await stores[worker].claim(.outbox, owner: "c\(worker)", now: at(0), lease: 10_000, limit: 3,
                                                                   excludingPartners: [])
                        count += batch.count
                    }
                    return count
                }
            }
            return try await group.reduce(0, +)
        }
        let rows = try await stores[0].allRows()
        #expect(rows.reduce(0) { $0 + $1.mergedChanges } == 2 * 40 * 5)
        #expect(rows.filter { $0.leaseOwner != nil }.count == claimed)
        // at most one unleased pending row per key: everything else merged into it
        let unleased = rows.filter { $0.leaseOwner == nil }
        #expect(Set(unleased.map(\.key)).count == unleased.count)
    }

    @Test("a store that dies holding leases (closed, never finishing) loses nothing: after the lease the other store delivers every row once",
          arguments: StoreEngine.all)
    func deadHolder(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let survivor = try await fixture.second()
        let keys = (0..<200).map { key("o\($0)", partner: "p\($0 % 3)") }
        try await fixture.store.enqueue(.outbox, keys, now: at(0), expiresAt: at(10_000))
        let held = try await fixture.store.claim(.outbox, owner: "dies", now: at(1), lease: 60, limit: 120, excludingPartners: [])
        #expect(held.count == 120)
        try await fixture.close()
        // While the dead store's leases hold, the survivor gets only the rows it never held.
        let early = try await survivor.claim(.outbox, owner: "lives", now: at(2), lease: 60, limit: 500, excludingPartners: [])
        #expect(early.count == 80 && Set(early.map(\.id)).isDisjoint(with: held.map(\.id)))
        // Once they ran out, the held rows too; each delivered once.
        let late = try await survivor.claim(.outbox, owner: "lives", now: at(61), lease: 60, limit: 500, excludingPartners: [])
        #expect(Set(late.map(\.id)) == Set(held.map(\.id)))
        for row in early + late {
            #expect(try await survivor.finish(.outbox, id: row.id, owner: "lives", outcome: .delivered, now: at(62)))
        }
        let rows = try await survivor.allRows()
        #expect(rows.count == 200 && rows.allSatisfy { $0.state == .delivered && $0.attempts == 1 })
    }
}
