import EWPStore
import Foundation
import Testing

/// commit is all or nothing: an upsert failing after other writes of the same transaction leaves no trace.
@Suite("Own objects: commit is atomic")
struct CommitAtomicityTests {
    /// A store holding object "old" (live), "gone" (a tombstone) and one pending outbox row for "old".
    static func seeded(_ engine: StoreEngine) async throws -> StoreFixture {
        let fixture = try await StoreFixture(engine)
        try await fixture.store.commit([object("old"), object("gone", document: nil)], notifications: [key("old")], now: at(0))
        return fixture
    }

    /// Commits valid upserts and notifications around `failing`, expects a StoreError, then checks nothing changed.
    static func expectNoTrace(_ engine: StoreEngine, failing: OwnObject, message: String) async throws {
        let fixture = try await seeded(engine)
        defer { fixture.remove() }
        let store = fixture.store
        let before = try await store.allRows()
        let changes = ChangeSet(
            upserts: [object("new-1", modified: at(5)), object("old", document: "<changed/>", modified: at(5)), failing,
                      object("new-2", modified: at(5))],
            notifications: [key("new-1"), key("old"), key("new-2", partner: "p9")], notificationsExpireAt: at(900))
        let error = await #expect(throws: StoreError.self) { try await store.commit(changes, now: at(5)) }
        #expect(error?.message.contains(message) == true, "\(String(describing: error))")
        #expect(try await store.allRows() == before)                              // no new row, no merge
        #expect(try await store.one("new-1") == nil)
        #expect(try await store.one("new-2") == nil)
        #expect(try await store.one("old") == object("old"))
        #expect(try await store.ownObjectIDs(kind: "iia", heiID: "uni-a.example", partnerHEI: nil, filters: [:], modifiedSince: nil) == ["old"])
    }

    @Test("reusing a deleted id in the third upsert rolls back the first two and every notification", arguments: StoreEngine.all)
    func tombstoneReuse(engine: StoreEngine) async throws {
        try await Self.expectNoTrace(engine, failing: object("gone", modified: at(5)), message: "never reused")
    }

    @Test("an invalid value (a non-finite modifiedAt) in one upsert rolls back everything", arguments: StoreEngine.all)
    func invalidValue(engine: StoreEngine) async throws {
        try await Self.expectNoTrace(engine, failing: object("bad", modified: Date(timeIntervalSince1970: .nan)), message: "modifiedAt")
    }

    @Test("an invalid notification key writes no object", arguments: StoreEngine.all)
    func invalidKey(engine: StoreEngine) async throws {
        let fixture = try await Self.seeded(engine)
        defer { fixture.remove() }
        let store = fixture.store
        await #expect(throws: StoreError.self) {
            try await store.commit([object("new-1")], notifications: [key("new-1", local: "")], now: at(5))
        }
        #expect(try await store.one("new-1") == nil)
        #expect(try await store.allRows().count == 1)
    }

    @Test("the same commit without the failing upsert writes everything (the test above can fail)", arguments: StoreEngine.all)
    func control(engine: StoreEngine) async throws {
        let fixture = try await Self.seeded(engine)
        defer { fixture.remove() }
        let store = fixture.store
        try await store.commit(ChangeSet(upserts: [object("new-1"), object("old", document: "<changed/>")],
                                         notifications: [key("new-1"), key("old")], notificationsExpireAt: at(900)), now: at(5))
        #expect(try await store.one("new-1") != nil)
        #expect(try await store.one("old")?.document == Array("<changed/>".utf8))
        #expect(try await store.allRows().map(\.mergedChanges).sorted() == [1, 2])
    }
}
