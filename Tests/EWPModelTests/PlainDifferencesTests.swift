import EWPModel
import Testing

/// `plainDifferences`: how two copies' cooperation conditions differ, in words (the console).
@Suite("iia-hash: differences in plain words")
struct PlainDifferencesTests {
    typealias F = Fixtures

    static func text(ids: (String?, String?) = ("A1", "B2"), specs: String) throws -> String {
        IIAHash.textToHash(try F.iia(ids: ids, conditionsAttributes: "", specs: specs))
    }

    /// `studies()` in the other direction (b.example sends to a.example).
    static func reverse(_ spec: String) -> String {
        spec.replacingOccurrences(of: "a.example", with: "x.example").replacingOccurrences(of: "b.example", with: "a.example")
            .replacingOccurrences(of: "x.example", with: "b.example")
    }

    @Test("the two partners' copies of one IIA: ids swapped, conditions in another order: they agree")
    func agreeDespiteOrderAndIDs() throws {
        let ours = try Self.text(ids: ("A1", "B2"), specs: F.studies() + Self.reverse(F.studies(years: ("2026/2027", "2027/2028"))))
        let theirs = try Self.text(ids: ("B2", "A1"), specs: Self.reverse(F.studies(years: ("2026/2027", "2027/2028"))) + F.studies())
        #expect(IIAHash.plainDifferences(ours: ours, theirs: theirs) == [])
        // The technical explanation, positional, does see a difference here.
        #expect(IIAHash.explainDifference(ours: ours, theirs: theirs) != nil)
    }

    @Test("a changed value: the condition by kind and direction, the field in words, both values")
    func changedValues() throws {
        let ours = try Self.text(specs: F.studies() + Self.reverse(F.studies()))
        let theirs = try Self.text(ids: ("B2", "A1"), specs: Self.reverse(F.studies()) + F.studies(mobilities: "<mobilities-per-year>3</mobilities-per-year>",
                                                                                                 years: ("2024/2025", "2026/2027")))
        let lines = try #require(IIAHash.plainDifferences(ours: ours, theirs: theirs))
        #expect(lines == ["Student mobility for studies, from a.example to b.example: mobilities per year: ours \"2\", theirs \"3\"; "
                          + "last academic year: ours \"2025/2026\", theirs \"2026/2027\"."], "\(lines)")
    }

    @Test("a condition only one copy has, and a field only one copy has")
    func onlyInOne() throws {
        let ours = try Self.text(specs: F.studies(rest: "<blended>false</blended>"))
        let theirs = try Self.text(specs: F.studies() + Self.reverse(F.studies()))
        let lines = try #require(IIAHash.plainDifferences(ours: ours, theirs: theirs))
        #expect(lines == ["Student mobility for studies, from a.example to b.example: recommended language skill, language: ours (none), theirs \"en\".",
                          "Student mobility for studies, from b.example to a.example: only in the partner's copy."], "\(lines)")
    }
}
