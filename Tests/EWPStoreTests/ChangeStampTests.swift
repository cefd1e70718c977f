import EWPStore
import Foundation
import Testing

/// `OwnObjectStore`'s change stamps: what `index`'s modified_since relies on when several processes
/// write one database.
@Suite("Store: change stamps of own objects across writers")
struct ChangeStampTests {
    /// Two stores on one database, as two node processes open it (SQLite with the node's clock, as
    /// `StoreOpener` opens it).
    static func twoWriters(_ fixture: StoreFixture) async throws -> [any Store] {
        switch fixture.engine {
        case .sqlite: return [try SQLiteStore(path: fixture.path, changeClock: { Date() }), try SQLiteStore(path: fixture.path, changeClock: { Date() })]
        case .postgres: return [fixture.store, try await fixture.second()]
        }
    }

    static func ids(_ store: any Store, since: Date) async throws -> Set<String> {
        Set(try await store.ownObjectIDs(kind: "iia", heiID: "uni-a.example", partnerHEI: nil, filters: [:], modifiedSince: since))
    }

    @Test("an owner's stamps only grow: a commit with an earlier modifiedAt than the newest is stamped after it; other owners are independent",
          arguments: StoreEngine.all)
    func monotonic(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let stores = try await Self.twoWriters(fixture)
        let ahead = Date().addingTimeInterval(3600)   // a writer whose clock runs an hour ahead
        try await stores[0].commit([object("1", modified: ahead)], now: ahead)
        let now = Date()
        try await stores[1].commit([object("2", modified: now), object("x", hei: "uni-z.example", modified: now)], now: now)
        let first = try #require(try await stores[1].one("1"))
        let second = try #require(try await stores[0].one("2"))
        #expect(abs(first.modifiedAt.timeIntervalSince(ahead)) < 0.000_01)
        #expect(second.modifiedAt > first.modifiedAt)
        #expect(second.modifiedAt.timeIntervalSince(first.modifiedAt) < 0.001)
        #expect(try await Self.ids(stores[0], since: ahead) == ["2"])
        let other = try #require(try await stores[0].one("x", hei: "uni-z.example"))
        #expect(other.modifiedAt < ahead)
    }

    @Test("a stamp is never earlier than the store's clock when it writes, whatever the caller's (an old modifiedAt is raised)",
          arguments: StoreEngine.all)
    func notBeforeCommit(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let store = try await Self.twoWriters(fixture)[0]
        let stale = Date().addingTimeInterval(-60)
        let before = Date()
        try await store.commit([object("1", modified: stale)], now: stale)
        let stored = try #require(try await store.one("1"))
        #expect(stored.modifiedAt.timeIntervalSince(before) > -0.5, "stamped \(stored.modifiedAt), committed after \(before)")
    }

    @Test("two writers interleaved with a reader: every object the reader's index did not see is returned by a later index with the reader's T",
          arguments: StoreEngine.all)
    func readerNeverMisses(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let stores = try await Self.twoWriters(fixture)
        // Each writer takes its modifiedAt, then is slow to commit: without stamps at commit, a reader
        // in between would ask with a T later than that modifiedAt and never see the object.
        let writers = 4, perWriter = 30
        try await withThrowingTaskGroup(of: [(since: Date, seen: Set<String>)].self) { group in
            for w in 0..<writers {
                group.addTask {
                    for i in 0..<perWriter {
                        let taken = Date()
                        try await Task.sleep(for: .milliseconds(Int.random(in: 0...15)))
                        try await stores[w % 2].commit([object("w\(w)-\(i)", modified: taken)], now: taken)
                    }
                    return []
                }
            }
            group.addTask {
                var readings: [(since: Date, seen: Set<String>)] = []
                for r in 0..<40 {
                    let since = Date()
                    readings.append((since, try await Self.ids(stores[r % 2], since: Date(timeIntervalSince1970: 1))))
                    try await Task.sleep(for: .milliseconds(Int.random(in: 0...10)))
                }
                return readings
            }
            var readings: [(since: Date, seen: Set<String>)] = []
            for try await result in group { readings += result }
            let all = try await Self.ids(stores[0], since: Date(timeIntervalSince1970: 1))
            #expect(all.count == writers * perWriter)
            for reading in readings {
                let later = try await Self.ids(stores[1], since: reading.since)
                let missed = all.subtracting(reading.seen).subtracting(later)
                #expect(missed.isEmpty, "an index at \(reading.since) saw \(reading.seen.count) ids; a later index with that T misses \(missed.sorted())")
            }
        }
    }
}
