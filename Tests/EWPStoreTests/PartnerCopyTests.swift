import EWPStore
import Foundation
import Testing

@Suite("Partner copies")
struct PartnerCopyTests {
    static func copy(_ object: String, api: String = "iias", local: String = "uni-a.example", partner: String = "uni-b.example",
                     document: String? = "<iia/>", hash: String? = "h1", seen: Date = at(0), changed: Date = at(0)) -> PartnerCopy {
        PartnerCopy(api: api, localHEI: local, partnerHEI: partner, objectID: object, document: document.map { Array($0.utf8) },
                    hash: hash, seenAt: seen, changedAt: changed)
    }

    @Test("saved(over:) keeps the old changedAt only when document and hash are both unchanged")
    func savedOver() {
        let old = Self.copy("1", changed: at(0))
        let same = Self.copy("1", seen: at(50), changed: at(50))
        #expect(same.saved(over: nil) == same)
        #expect(same.saved(over: old).changedAt == at(0))
        #expect(same.saved(over: old).seenAt == at(50))
        #expect(Self.copy("1", document: "<iia v='2'/>", changed: at(50)).saved(over: old).changedAt == at(50))
        #expect(Self.copy("1", hash: "h2", changed: at(50)).saved(over: old).changedAt == at(50))
        #expect(Self.copy("1", document: nil, hash: nil, changed: at(50)).saved(over: old).changedAt == at(50))
    }

    @Test("save then read back every field; a deleted copy (nil document) and an empty document round trip", arguments: StoreEngine.all)
    func roundTrip(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let store = fixture.store
        let copies = [Self.copy("1"), Self.copy("2", document: nil, hash: nil, seen: at(3), changed: at(2)), Self.copy("3", document: "")]
        try await store.savePartnerCopies(copies)
        for copy in copies {
            #expect(try await store.partnerCopy(api: "iias", localHEI: copy.localHEI, partnerHEI: copy.partnerHEI, objectID: copy.objectID) == copy)
        }
        #expect(try await store.partnerCopy(api: "iias", localHEI: "uni-a.example", partnerHEI: "uni-b.example", objectID: "4") == nil)
        #expect(try await store.partnerCopy(api: "iias-approval", localHEI: "uni-a.example", partnerHEI: "uni-b.example", objectID: "1") == nil)
    }

    @Test("partnerCopyPage: one local HEI's held copies of one api by partner and id, from offset, with the total; deleted ones left out", arguments: StoreEngine.all)
    func page(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let store = fixture.store
        try await store.savePartnerCopies([
            Self.copy("2", api: "omobility-las", partner: "uni-c.example"), Self.copy("1", api: "omobility-las", partner: "uni-c.example"),
            Self.copy("9", api: "omobility-las", partner: "Uni-B.example"), Self.copy("0", api: "omobility-las", document: nil, hash: nil),
            Self.copy("1", api: "iias"), Self.copy("1", api: "omobility-las", local: "uni-z.example"),
        ])
        func page(_ limit: Int, _ offset: Int) async throws -> [String] {
            let page = try await store.partnerCopyPage(api: "omobility-las", localHEI: "UNI-A.example", limit: limit, offset: offset)
            #expect(page.total == 3)
            return page.copies.map { "\($0.partnerHEI)/\($0.objectID)" }
        }
        #expect(try await page(2, 0) == ["uni-b.example/9", "uni-c.example/1"])
        #expect(try await page(2, 2) == ["uni-c.example/2"])
        #expect(try await page(2, 3) == [])
        #expect(try await page(-1, -1) == [], "a negative limit is no copy, not every copy")
        let first = try await store.partnerCopyPage(api: "omobility-las", localHEI: "uni-a.example", limit: 1, offset: 0).copies
        #expect(first == [try await store.partnerCopy(api: "omobility-las", localHEI: "uni-a.example", partnerHEI: "uni-b.example", objectID: "9")])
    }

    @Test("saving again replaces by identity; an unchanged document keeps changedAt, a changed one moves it", arguments: StoreEngine.all)
    func upsert(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let store = fixture.store
        try await store.savePartnerCopies([Self.copy("1"), Self.copy("2")])
        try await store.savePartnerCopies([Self.copy("1", seen: at(60), changed: at(60)),
                                           Self.copy("2", document: nil, hash: nil, seen: at(60), changed: at(60))])
        let one = try #require(try await store.partnerCopy(api: "iias", localHEI: "uni-a.example", partnerHEI: "uni-b.example", objectID: "1"))
        #expect(one.seenAt == at(60) && one.changedAt == at(0))
        let two = try #require(try await store.partnerCopy(api: "iias", localHEI: "uni-a.example", partnerHEI: "uni-b.example", objectID: "2"))
        #expect(two.document == nil && two.changedAt == at(60))
        #expect(try await store.partnerCopies(api: "iias", localHEI: nil, partnerHEI: nil, includeDeleted: true).count == 2)
    }

    @Test("listing narrows by localHEI and partnerHEI, sorts, and leaves deleted copies out unless asked", arguments: StoreEngine.all)
    func listing(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let store = fixture.store
        try await store.savePartnerCopies([
            Self.copy("b", partner: "p2"), Self.copy("a", partner: "p2"), Self.copy("c", local: "uni-z.example", partner: "p1"),
            Self.copy("d", partner: "p1", document: nil), Self.copy("e", api: "omobility-las", partner: "p1"),
        ])
        func ids(_ local: String?, _ partner: String?, _ deleted: Bool) async throws -> [String] {
            try await store.partnerCopies(api: "iias", localHEI: local, partnerHEI: partner, includeDeleted: deleted).map(\.objectID)
        }
        #expect(try await ids(nil, nil, false) == ["a", "b", "c"])
        #expect(try await ids(nil, nil, true) == ["d", "a", "b", "c"])        // uni-a/p1, uni-a/p2, uni-z/p1
        #expect(try await ids("uni-a.example", nil, true) == ["d", "a", "b"])
        #expect(try await ids(nil, "p1", true) == ["d", "c"])
        #expect(try await ids("uni-z.example", "p1", false) == ["c"])
        #expect(try await ids("uni-z.example", "p2", true) == [])
        #expect(try await store.partnerCopies(api: "omobility-las", localHEI: nil, partnerHEI: nil, includeDeleted: false).map(\.objectID) == ["e"])
    }

    @Test("SCHAC ids compare case-insensitively: a copy saved as Uni-B.Example is found and replaced as uni-b.example", arguments: StoreEngine.all)
    func heiIDsIgnoreCase(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let store = fixture.store
        try await store.savePartnerCopies([Self.copy("1", local: "Uni-A.Example", partner: "UNI-B.example")])
        let found = try #require(try await store.partnerCopy(api: "iias", localHEI: "uni-a.example", partnerHEI: "uni-b.EXAMPLE", objectID: "1"))
        #expect(found.localHEI == "uni-a.example" && found.partnerHEI == "uni-b.example")
        try await store.savePartnerCopies([Self.copy("1", partner: "uni-b.example", hash: "h2")])
        #expect(try await store.partnerCopies(api: "iias", localHEI: "UNI-A.example", partnerHEI: "Uni-B.Example", includeDeleted: true).map(\.hash) == ["h2"])
    }

    @Test("a copy with an empty identifying field is refused and nothing of the batch is saved", arguments: StoreEngine.all)
    func invalid(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let error = await #expect(throws: StoreError.self) {
            try await fixture.store.savePartnerCopies([Self.copy("1"), Self.copy("")])
        }
        #expect(error?.message.contains("empty objectID") == true)
        #expect(error?.code == .invalidInput)
        #expect(try await fixture.store.partnerCopies(api: "iias", localHEI: nil, partnerHEI: nil, includeDeleted: true).isEmpty)
    }
}
