import EWPStore
import Foundation
import Testing

@Suite("Own objects: ownObjectIDs filters")
struct OwnObjectQueryTests {
    /// Objects: 1 (p1, 2024, modified 10), 2 (p1+p2, 2025 & summer, modified 20), 3 (p2, 2024 & summer,
    /// modified 30), 4 (p1, 2024, a tombstone), 5 (no partners), and look-alikes of another kind and owner.
    static func seeded(_ engine: StoreEngine) async throws -> StoreFixture {
        let fixture = try await StoreFixture(engine)
        let year = "receiving-academic-year-id"
        try await fixture.store.commit([
            object("1", partners: ["p1"], filters: [year: ["2024/2025"]], modified: at(10)),
            object("2", partners: ["p1", "p2"], filters: [year: ["2025/2026"], "term": ["summer"]], modified: at(20)),
            object("3", partners: ["p2"], filters: [year: ["2024/2025"], "term": ["summer"]], modified: at(30)),
            object("4", document: nil, partners: ["p1"], filters: [year: ["2024/2025"]], modified: at(40)),
            object("5", partners: [], modified: at(50)),
            object("1", kind: "omobility-la", partners: ["p1"], filters: [year: ["2024/2025"]]),
            object("9", hei: "uni-z.example", partners: ["p1"], filters: [year: ["2024/2025"]]),
        ])
        return fixture
    }

    static func ids(_ store: any Store, partner: String? = nil, filters: [String: [String]] = [:], since: Date? = nil) async throws -> [String] {
        try await store.ownObjectIDs(kind: "iia", heiID: "uni-a.example", partnerHEI: partner, filters: filters, modifiedSince: since)
    }

    @Test("no filter: every live object of that kind and owner, sorted; tombstones left out", arguments: StoreEngine.all)
    func all(engine: StoreEngine) async throws {
        let fixture = try await Self.seeded(engine)
        defer { fixture.remove() }
        #expect(try await Self.ids(fixture.store) == ["1", "2", "3", "5"])
        #expect(try await fixture.store.ownObjectIDs(kind: "omobility-la", heiID: "uni-a.example", partnerHEI: nil, filters: [:], modifiedSince: nil) == ["1"])
        #expect(try await fixture.store.ownObjectIDs(kind: "iia", heiID: "uni-z.example", partnerHEI: nil, filters: [:], modifiedSince: nil) == ["9"])
        #expect(try await fixture.store.ownObjectIDs(kind: "imobility-tor", heiID: "uni-a.example", partnerHEI: nil, filters: [:], modifiedSince: nil).isEmpty)
    }

    @Test("partnerHEI: only objects listing it", arguments: StoreEngine.all)
    func partner(engine: StoreEngine) async throws {
        let fixture = try await Self.seeded(engine)
        defer { fixture.remove() }
        #expect(try await Self.ids(fixture.store, partner: "p1") == ["1", "2"])
        #expect(try await Self.ids(fixture.store, partner: "p2") == ["2", "3"])
        #expect(try await Self.ids(fixture.store, partner: "p3") == [])
    }

    @Test("filters: OR within a key's values, AND across keys; a key with no values matches nothing", arguments: StoreEngine.all)
    func filters(engine: StoreEngine) async throws {
        let fixture = try await Self.seeded(engine)
        defer { fixture.remove() }
        let store = fixture.store
        let year = "receiving-academic-year-id"
        #expect(try await Self.ids(store, filters: [year: ["2024/2025"]]) == ["1", "3"])
        #expect(try await Self.ids(store, filters: [year: ["2024/2025", "2025/2026"]]) == ["1", "2", "3"])
        #expect(try await Self.ids(store, filters: [year: ["2024/2025"], "term": ["summer"]]) == ["3"])
        #expect(try await Self.ids(store, filters: [year: ["2024/2025", "2025/2026"], "term": ["summer", "winter"]]) == ["2", "3"])
        #expect(try await Self.ids(store, filters: ["term": ["winter"]]) == [])
        #expect(try await Self.ids(store, filters: ["unknown-key": ["x"]]) == [])
        #expect(try await Self.ids(store, filters: [year: []]) == [])
    }

    @Test("modifiedSince: strictly after; combined with partner and filters", arguments: StoreEngine.all)
    func modifiedSince(engine: StoreEngine) async throws {
        let fixture = try await Self.seeded(engine)
        defer { fixture.remove() }
        let store = fixture.store
        #expect(try await Self.ids(store, since: at(20)) == ["3", "5"])
        #expect(try await Self.ids(store, since: at(19)) == ["2", "3", "5"])
        #expect(try await Self.ids(store, since: at(50)) == [])
        #expect(try await Self.ids(store, partner: "p2", filters: ["term": ["summer"]], since: at(25)) == ["3"])
        #expect(try await Self.ids(store, partner: "p1", filters: ["term": ["summer"]], since: at(25)) == [])
    }

    @Test("an object deleted later is left out through the partner, filter and modifiedSince paths; its partners stay readable", arguments: StoreEngine.all)
    func deletedLater(engine: StoreEngine) async throws {
        let fixture = try await Self.seeded(engine)
        defer { fixture.remove() }
        let store = fixture.store
        let year = "receiving-academic-year-id"
        try await store.commit([object("2", document: nil, partners: ["p1", "p2"], filters: [year: ["2025/2026"]], modified: at(60))])
        #expect(try await Self.ids(store, partner: "p1") == ["1"])
        #expect(try await Self.ids(store, partner: "p2") == ["3"])
        #expect(try await Self.ids(store, partner: "p1", filters: [year: ["2025/2026"]]) == [])
        #expect(try await Self.ids(store, filters: [year: ["2025/2026"]]) == [])
        #expect(try await Self.ids(store, partner: "p2", since: at(0)) == ["3"])
        #expect(try await Self.ids(store, since: at(55)) == [])
        #expect(try await Self.ids(store) == ["1", "3", "5"])
        #expect(try await store.one("2")?.partnerHEIs == ["p1", "p2"])
    }
}
