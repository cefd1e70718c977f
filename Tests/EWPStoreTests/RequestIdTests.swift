import EWPStore
import Foundation
import Testing

@Suite("Store: seen X-Request-Ids")
struct RequestIdTests {
    @Test("the first recording of a pair is true, a second within its expiry false; other keys and ids are independent", arguments: StoreEngine.all)
    func firstThenReplay(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let store = fixture.store
        #expect(try await store.recordRequestId("r1", keyId: "k1", now: at(0), expiresAt: at(600)))
        #expect(try await !store.recordRequestId("r1", keyId: "k1", now: at(1), expiresAt: at(601)))
        #expect(try await !store.recordRequestId("r1", keyId: "k1", now: at(599), expiresAt: at(1199)))
        #expect(try await store.recordRequestId("r1", keyId: "k2", now: at(1), expiresAt: at(601)))
        #expect(try await store.recordRequestId("r2", keyId: "k1", now: at(1), expiresAt: at(601)))
    }

    @Test("an expired entry not yet purged counts as absent, and is recorded afresh", arguments: StoreEngine.all)
    func expiredTakenOver(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let store = fixture.store
        #expect(try await store.recordRequestId("r", keyId: "k", now: at(0), expiresAt: at(600)))
        #expect(try await store.recordRequestId("r", keyId: "k", now: at(600), expiresAt: at(1200)))
        #expect(try await !store.recordRequestId("r", keyId: "k", now: at(1199), expiresAt: at(1799)))
    }

    @Test("purge deletes only expired entries, at most `limit` per call; live entries still refuse", arguments: StoreEngine.all)
    func purge(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let store = fixture.store
        for i in 0..<25 { #expect(try await store.recordRequestId("old\(i)", keyId: "k", now: at(0), expiresAt: at(600))) }
        for i in 0..<5 { #expect(try await store.recordRequestId("new\(i)", keyId: "k", now: at(500), expiresAt: at(1100))) }
        #expect(try await store.purgeRequestIds(expiredBy: at(599), limit: 100) == 0)
        #expect(try await store.purgeRequestIds(expiredBy: at(700), limit: 10) == 10)
        #expect(try await store.purgeRequestIds(expiredBy: at(700), limit: 100) == 15)
        #expect(try await store.purgeRequestIds(expiredBy: at(700), limit: 100) == 0)
        for i in 0..<5 { #expect(try await !store.recordRequestId("new\(i)", keyId: "k", now: at(700), expiresAt: at(1300))) }
    }

    @Test("two stores on one database (two node processes), 20 tasks racing on the same 50 ids: each id is first exactly once", arguments: StoreEngine.all)
    func raceAcrossStores(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let stores = [fixture.store, try await fixture.second()]
        let firsts = try await withThrowingTaskGroup(of: [String].self) { group in
            for task in 0..<20 {
                let store = stores[task % 2]
                group.addTask {
                    var mine: [String] = []
                    for i in 0..<50 where try await store.recordRequestId("id\(i)", keyId: "k", now: at(0), expiresAt: at(600)) {
                        mine.append("id\(i)")
                    }
                    return mine
                }
            }
            return try await group.reduce(into: [String]()) { $0 += $1 }
        }
        #expect(firsts.sorted() == (0..<50).map { "id\($0)" }.sorted())
    }
}
