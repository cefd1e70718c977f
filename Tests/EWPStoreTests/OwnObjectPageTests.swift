import EWPStore
import Foundation
import Testing

@Suite("Own objects: ownObjectIDPage")
struct OwnObjectPageTests {
    /// IIAs of uni-a: a-01…a-12 with partner uni-b (a-05 mapped to the partner's "Their-X7"), a-13
    /// with partner Uni-C.example, a tombstone a-00; look-alikes of another kind and another owner.
    static func seeded(_ engine: StoreEngine) async throws -> StoreFixture {
        let fixture = try await StoreFixture(engine)
        var objects = (1...12).map { n in
            object(String(format: "a-%02d", n), partners: ["uni-b.example"],
                   filters: n == 5 ? ["partner-iia-id": ["Their-X7"], "receiving-academic-year-id": ["2024/2025"]] : ["receiving-academic-year-id": ["2024/2025"]])
        }
        objects += [
            object("a-13", partners: ["Uni-C.example"]),
            object("a-00", document: nil, partners: ["uni-b.example"]),
            object("a-01", kind: "omobility-la", partners: ["uni-b.example"]),
            object("a-01", hei: "uni-z.example", partners: ["uni-b.example"]),
        ]
        try await fixture.store.commit(objects)
        return fixture
    }

    static func page(_ store: any Store, _ search: String? = nil, limit: Int = 5, offset: Int = 0) async throws -> OwnObjectIDPage {
        try await store.ownObjectIDPage(kind: "iia", heiID: "uni-a.example", search: search, searchKeys: ["partner-iia-id"], limit: limit, offset: offset)
    }

    @Test("pages of live objects of one kind and owner, sorted, with the total; past the end is empty", arguments: StoreEngine.all)
    func pages(engine: StoreEngine) async throws {
        let fixture = try await Self.seeded(engine)
        defer { fixture.remove() }
        let store = fixture.store
        #expect(try await Self.page(store) == OwnObjectIDPage(ids: ["a-01", "a-02", "a-03", "a-04", "a-05"], total: 13))
        #expect(try await Self.page(store, offset: 10) == OwnObjectIDPage(ids: ["a-11", "a-12", "a-13"], total: 13))
        #expect(try await Self.page(store, offset: 13) == OwnObjectIDPage(ids: [], total: 13))
        #expect(try await Self.page(store, "  ", limit: 100).ids.count == 13, "a blank search narrows nothing")
        #expect(try await Self.page(store, limit: -1, offset: -3) == OwnObjectIDPage(ids: [], total: 13), "a negative limit is no row, not every row")
        #expect(try await store.ownObjectIDPage(kind: "iia", heiID: "uni-z.example", search: nil, searchKeys: [], limit: 5, offset: 0)
                == OwnObjectIDPage(ids: ["a-01"], total: 1))
    }

    @Test("search: part of the id, of a partner HEI or of a searched filter value, ignoring case; other filter keys are not searched", arguments: StoreEngine.all)
    func search(engine: StoreEngine) async throws {
        let fixture = try await Self.seeded(engine)
        defer { fixture.remove() }
        let store = fixture.store
        #expect(try await Self.page(store, "A-1") == OwnObjectIDPage(ids: ["a-10", "a-11", "a-12", "a-13"], total: 4))
        #expect(try await Self.page(store, "uni-c") == OwnObjectIDPage(ids: ["a-13"], total: 1))
        #expect(try await Self.page(store, "UNI-B", limit: 2, offset: 10) == OwnObjectIDPage(ids: ["a-11", "a-12"], total: 12))
        #expect(try await Self.page(store, " their-x ") == OwnObjectIDPage(ids: ["a-05"], total: 1))
        #expect(try await Self.page(store, "2024/2025") == OwnObjectIDPage(ids: [], total: 0))
        #expect(try await Self.page(store, "a-00") == OwnObjectIDPage(ids: [], total: 0), "a tombstone is never listed")
        #expect(try await Self.page(store, "%") == OwnObjectIDPage(ids: [], total: 0), "the text is not a pattern")
    }
}
