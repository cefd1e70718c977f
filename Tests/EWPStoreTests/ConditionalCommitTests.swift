import EWPStore
import Foundation
import Testing

/// `ConditionalOwnObjectStore.commit(_:expecting:now:)`: the optimistic lock the learning
/// agreement import and `update` use when they read, decide and write.
@Suite("Own objects: conditional commit")
struct ConditionalCommitTests {
    private func changes(_ upserts: [OwnObject], notify: [NotificationKey] = []) -> ChangeSet {
        ChangeSet(upserts: upserts, notifications: notify, notificationsExpireAt: at(86_400))
    }

    @Test("expectations met: the objects and the outbox rows are written", arguments: StoreEngine.all)
    func metExpectations(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let store = fixture.store
        try await store.commit(changes([object("la-1", hash: "1")]), expecting: [.unchanged(kind: "iia", heiID: "uni-a.example", objectID: "la-1", nil)], now: t0)
        let first = try #require(try await store.one("la-1"))
        try await store.commit(changes([object("la-1", document: "<v2/>", hash: "2")], notify: [key("la-1")]),
                               expecting: [.unchanged(kind: "iia", heiID: "uni-a.example", objectID: "la-1", first)], now: at(1))
        #expect(try await store.one("la-1")?.document == Array("<v2/>".utf8))
        #expect(try await store.allRows().map(\.key.objectID) == ["la-1"])
    }

    @Test("an object changed since it was read: OwnObjectConflict, and nothing (no object, no outbox row) is written", arguments: StoreEngine.all)
    func staleRead(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let store = fixture.store
        try await store.commit([object("la-1", hash: "1")])
        let read = try #require(try await store.one("la-1"))
        // Someone else (another process on the same file) writes revision 2 meanwhile.
        try await fixture.second().commit([object("la-1", document: "<theirs/>", hash: "2")])
        await #expect(throws: OwnObjectConflict.self) {
            try await store.commit(self.changes([object("la-1", document: "<mine/>", hash: "2"), object("other")], notify: [key("la-1")]),
                                   expecting: [.unchanged(kind: "iia", heiID: "uni-a.example", objectID: "la-1", read)], now: at(2))
        }
        #expect(try await store.one("la-1")?.document == Array("<theirs/>".utf8))
        #expect(try await store.one("other") == nil)
        #expect(try await store.allRows().isEmpty)
    }

    @Test("absent means nothing at all: a stored object (even a tombstone) fails it; hash(nil) is not absent", arguments: StoreEngine.all)
    func absentAndNilHash(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let store = fixture.store
        try await store.commit([object("gone", document: nil), object("plain")])
        for id in ["gone", "plain"] {
            await #expect(throws: OwnObjectConflict.self) {
                try await store.commit(self.changes([object("x")]), expecting: [.init(kind: "iia", heiID: "uni-a.example", objectID: id, state: .absent)], now: t0)
            }
        }
        await #expect(throws: OwnObjectConflict.self) {
            try await store.commit(self.changes([object("x")]), expecting: [.init(kind: "iia", heiID: "uni-a.example", objectID: "never", state: .hash(nil))], now: t0)
        }
        try await store.commit(changes([object("x")]), expecting: [.init(kind: "iia", heiID: "uni-a.example", objectID: "plain", state: .hash(nil))], now: t0)
        #expect(try await store.one("x") != nil)
    }

    @Test("every expectation must hold; other failures stay StoreErrors and change nothing", arguments: StoreEngine.all)
    func allExpectationsAndStoreErrors(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let store = fixture.store
        try await store.commit([object("a", hash: "1"), object("b", hash: "1"), object("dead", document: nil)])
        await #expect(throws: OwnObjectConflict.self) {
            try await store.commit(self.changes([object("a", hash: "2")]), expecting: [
                .init(kind: "iia", heiID: "uni-a.example", objectID: "a", state: .hash("1")),
                .init(kind: "iia", heiID: "uni-a.example", objectID: "b", state: .hash("7")),
            ], now: t0)
        }
        #expect(try await store.one("a")?.hash == "1")
        await #expect(throws: StoreError.self) {
            try await store.commit(self.changes([object("a", hash: "2"), object("dead")], notify: [key("a")]),
                                   expecting: [.init(kind: "iia", heiID: "uni-a.example", objectID: "a", state: .hash("1"))], now: t0)
        }
        #expect(try await store.one("a")?.hash == "1")
        #expect(try await store.allRows().isEmpty)
    }

    @Test("concurrent read-modify-write from two store instances: every increment survives", arguments: StoreEngine.all)
    func concurrentIncrements(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        try await fixture.store.commit([object("counter", hash: "0")])
        let stores = [fixture.store, try await fixture.second()]
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<4 {
                let store = stores[worker % 2]
                group.addTask {
                    for _ in 0..<10 {
                        while true {
                            let read = try await store.ownObjects(kind: "iia", heiID: "uni-a.example", ids: ["counter"]).first
                            let next = (Int(read?.hash ?? "0") ?? 0) + 1
                            do {
                                try await store.commit(ChangeSet(upserts: [object("counter", hash: String(next))], notificationsExpireAt: at(60)),
                                                       expecting: [.unchanged(kind: "iia", heiID: "uni-a.example", objectID: "counter", read)], now: t0)
                                break
                            } catch is OwnObjectConflict {
                                continue
                            }
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try await fixture.store.one("counter")?.hash == "40")
    }
}
