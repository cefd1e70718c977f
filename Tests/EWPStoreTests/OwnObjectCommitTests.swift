import EWPStore
import Foundation
import Testing

@Suite("Own objects: commit and read")
struct OwnObjectCommitTests {
    @Test("commit writes the objects and their outbox rows; ownObjects reads them back normalised", arguments: StoreEngine.all)
    func commitAndRead(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let store = fixture.store
        let iia = object("iia-1", partners: ["p2", "p1"], filters: ["year": ["2025/2026", "2024/2025"]], hash: "abc", modified: at(5))
        try await store.commit(ChangeSet(upserts: [iia, object("iia-2", document: nil)],
                                         notifications: [key("iia-1", partner: "p1"), key("iia-1", partner: "p2")],
                                         notificationsExpireAt: at(700)), now: at(6))
        let read = try await store.ownObjects(kind: "iia", heiID: "uni-a.example", ids: ["iia-2", "nope", "iia-1"])
        #expect(read == [iia.normalized, object("iia-2", document: nil)])
        #expect(read[0].partnerHEIs == ["p1", "p2"] && read[0].document == Array("<iia/>".utf8) && read[0].hash == "abc")
        let outbox = try await store.allRows()
        #expect(outbox.map(\.key.partnerHEI) == ["p2", "p1"])
        #expect(outbox.allSatisfy { $0.state == .pending && $0.createdAt == at(6) && $0.expiresAt == at(700) && $0.key.objectID == "iia-1" })
    }

    @Test("objects are scoped by kind and owner; ownObjects of many ids reads them all", arguments: StoreEngine.all)
    func scopingAndManyIDs(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let store = fixture.store
        let ids = (0..<1200).map { String(format: "o%05d", $0) }
        try await store.commit(ids.map { object($0) } + [object("o00001", kind: "omobility-la", document: "<la/>"),
                                                       object("o00001", hei: "uni-z.example", document: "<z/>")])
        let many = try await store.ownObjects(kind: "iia", heiID: "uni-a.example", ids: Array(ids.reversed()) + ["missing"])
        #expect(many.map(\.objectID) == ids)
        #expect(try await store.one("o00001")?.document == Array("<iia/>".utf8))
        #expect(try await store.one("o00001", kind: "omobility-la")?.document == Array("<la/>".utf8))
        #expect(try await store.one("o00001", hei: "uni-z.example")?.document == Array("<z/>".utf8))
        #expect(try await store.ownObjects(kind: "iia", heiID: "uni-a.example", ids: []).isEmpty)
    }

    @Test("a second commit replaces document, hash, partners and filters; it does not add to them", arguments: StoreEngine.all)
    func replace(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let store = fixture.store
        try await store.commit([object("1", partners: ["p1", "p2"], filters: ["year": ["2024/2025"], "x": ["1"]], hash: "h1")])
        let second = object("1", document: "<iia v='2'/>", partners: ["p3"], filters: ["year": ["2025/2026"]], hash: "h2", modified: at(9))
        try await store.commit([second], now: at(9))
        #expect(try await store.one("1") == second)
        #expect(try await store.ownObjectIDs(kind: "iia", heiID: "uni-a.example", partnerHEI: "p1", filters: [:], modifiedSince: nil).isEmpty)
        #expect(try await store.ownObjectIDs(kind: "iia", heiID: "uni-a.example", partnerHEI: nil, filters: ["x": ["1"]], modifiedSince: nil).isEmpty)
    }

    @Test("a deletion keeps a tombstone; reusing its id is refused", arguments: StoreEngine.all)
    func tombstone(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let store = fixture.store
        try await store.commit([object("1")])
        try await store.commit([object("1", document: nil, modified: at(3))], now: at(3))
        let tombstone = try #require(try await store.one("1"))
        #expect(tombstone.isTombstone && tombstone.modifiedAt == at(3))
        let error = await #expect(throws: StoreError.self) { try await store.commit([object("1", modified: at(4))], now: at(4)) }
        #expect(error?.message.contains("never reused") == true)
        #expect(error?.code == .conflict)
        #expect(try await store.one("1") == tombstone)
    }

    @Test("commit's notifications merge into pending outbox rows like enqueue; an empty change set changes nothing", arguments: StoreEngine.all)
    func notificationsMerge(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let store = fixture.store
        try await store.commit([object("1")], notifications: [key("1")], now: at(0))
        try await store.commit([object("1", modified: at(1))], notifications: [key("1")], now: at(1))
        try await store.commit(ChangeSet(notificationsExpireAt: at(9)), now: at(2))
        let rows = try await store.allRows()
        #expect(rows.count == 1 && rows[0].mergedChanges == 2 && rows[0].updatedAt == at(1))
        #expect(try await store.allRows(.inbound).isEmpty)
    }
}
