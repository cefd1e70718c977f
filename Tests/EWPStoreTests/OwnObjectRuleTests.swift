import EWPStore
import Foundation
import Testing

/// OwnObject.normalized and validate(replacing:) (no database).
@Suite("Own objects: normalisation and validation")
struct OwnObjectRuleTests {
    @Test("normalized sorts and deduplicates partners and filter values, and drops keys without values")
    func normalized() {
        let raw = object("1", partners: ["p2", "p1", "p2"], filters: ["year": ["2025/2026", "2024/2025", "2025/2026"], "empty": []])
        let normal = raw.normalized
        #expect(normal.partnerHEIs == ["p1", "p2"])
        #expect(normal.filterKeys == ["year": ["2024/2025", "2025/2026"]])
        #expect(normal.normalized == normal)
    }

    @Test("live over live, tombstone over live, tombstone over tombstone and anything new are fine")
    func allowed() throws {
        let live = object("1")
        let tombstone = object("1", document: nil)
        try live.validate(replacing: nil)
        try tombstone.validate(replacing: nil)
        try live.validate(replacing: live)
        try tombstone.validate(replacing: live)
        try tombstone.validate(replacing: tombstone)
    }

    @Test("a live document over a tombstone is refused: a deleted id is never reused")
    func tombstoneReuse() {
        let error = #expect(throws: StoreError.self) { try object("1").validate(replacing: object("1", document: nil)) }
        #expect(error?.message.contains("never reused") == true)
        #expect(error?.code == .conflict)
    }

    /// Built inside the test: Swift Testing prints its arguments, and printing a NaN Date traps.
    static let invalidCases: [String: OwnObject] = [
        "empty objectID": object(""), "empty kind": object("1", kind: ""), "empty heiID": object("1", hei: ""),
        "empty partner": object("1", partners: [""]), "empty filter key": object("1", filters: ["": ["v"]]),
        "NaN modifiedAt": object("1", modified: Date(timeIntervalSince1970: .nan)),
        "infinite modifiedAt": object("1", modified: Date(timeIntervalSince1970: .infinity)),
    ]

    @Test("empty identity fields, empty partner or filter key, and a non-finite modifiedAt are refused",
          arguments: invalidCases.keys.sorted())
    func invalid(name: String) throws {
        let candidate = try #require(Self.invalidCases[name])
        #expect(throws: StoreError.self) { try candidate.validate(replacing: nil) }
    }
}
