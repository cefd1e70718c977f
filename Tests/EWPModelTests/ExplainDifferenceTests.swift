import EWPModel
import Testing

/// `explainDifference`: what `ewp-node iia explain` shows when two texts-to-hash differ.
@Suite("iia-hash: explaining a difference")
struct ExplainDifferenceTests {
    typealias F = Fixtures

    static func text(ids: (String?, String?) = ("A1", "B2"), attrs: String = "", specs: String) throws -> String {
        IIAHash.textToHash(try F.iia(ids: ids, conditionsAttributes: attrs, specs: specs))
    }

    @Test("equal texts: nil")
    func equal() throws {
        let t = try Self.text(specs: F.studies())
        #expect(IIAHash.explainDifference(ours: t, theirs: t) == nil)
    }

    @Test("a changed value: the field, both values and the cooperation condition")
    func changedValue() throws {
        let ours = try Self.text(specs: F.studies() + F.studies())
        let theirs = try Self.text(specs: F.studies() + F.studies(mobilities: "<mobilities-per-year>3</mobilities-per-year>"))
        let explanation = try #require(IIAHash.explainDifference(ours: ours, theirs: theirs))
        #expect(explanation.contains("in cooperation condition 2 (student-studies-mobility-spec)"))
        #expect(explanation.contains("ours:   cooperation-conditions.student-studies-mobility-spec.mobilities-per-year = \"2\""))
        #expect(explanation.contains("theirs: cooperation-conditions.student-studies-mobility-spec.mobilities-per-year = \"3\""))
        #expect(!explanation.contains("iia-ids"))
    }

    @Test("a value that differs only in whitespace says so, with the whitespace made visible")
    func whitespace() throws {
        let ours = try Self.text(specs: F.studies())
        let theirs = try Self.text(specs: F.studies().replacingOccurrences(of: "<sending-hei-id>a.example<", with: "<sending-hei-id>a.example\n<"))
        let explanation = try #require(IIAHash.explainDifference(ours: ours, theirs: theirs))
        #expect(explanation.contains("= \"a.example\\n\""))
        #expect(explanation.contains("differ only in whitespace"))
    }

    @Test("a field only one side has")
    func missingField() throws {
        let ours = try Self.text(specs: F.studies(rest: "<recommended-language-skill><language>en</language><cefr-level>B2</cefr-level></recommended-language-skill><blended>false</blended>"))
        let theirs = try Self.text(specs: F.studies())
        let explanation = try #require(IIAHash.explainDifference(ours: ours, theirs: theirs))
        #expect(explanation.contains("Field 5, in cooperation condition 1 (student-studies-mobility-spec), is only in ours:\n  student-studies-mobility-spec.recommended-language-skill.cefr-level = \"B2\""))
        let reverse = try #require(IIAHash.explainDifference(ours: theirs, theirs: ours))
        #expect(reverse.contains("is only in theirs:\n  student-studies-mobility-spec.recommended-language-skill.cefr-level = \"B2\""))
        // Several fields at once (here two attributes).
        let xsi = "<sending-hei-id xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" xsi:type=\"xs:string\" xsi:schemaLocation=\"urn:a urn:b\">a.example</sending-hei-id>"
        let withAttributes = try Self.text(specs: F.studies().replacingOccurrences(of: "<sending-hei-id>a.example</sending-hei-id>", with: xsi))
        let two = try #require(IIAHash.explainDifference(ours: theirs, theirs: withAttributes))
        #expect(two.contains("Fields 1–2, in cooperation condition 1 (student-studies-mobility-spec), are only in theirs:\n  @cooperation-conditions.student-studies-mobility-spec.sending-hei-id.type = \"xs:string\"\n"))
    }

    @Test("the two partners' copies: swapped iia-ids are expected, and the conditions compared")
    func partnersCopies() throws {
        let ours = try Self.text(ids: ("A1", "B2"), specs: F.studies())
        let theirs = try Self.text(ids: ("B2", "A1"), specs: F.studies())
        let explanation = try #require(IIAHash.explainDifference(ours: ours, theirs: theirs))
        #expect(explanation.contains("swapped"))
        #expect(explanation.contains("The cooperation conditions are identical"))
        let unmapped = try Self.text(ids: ("B2", nil), specs: F.studies())
        #expect(try #require(IIAHash.explainDifference(ours: ours, theirs: unmapped)).contains("iia-ids: ours [\"A1\", \"B2\"], theirs [\"B2\", \"\"]"))
    }

    @Test("terminated on one side only, and one side with an extra cooperation condition")
    func terminatedAndExtra() throws {
        let ours = try Self.text(attrs: " terminated-as-a-whole=\"true\"", specs: F.studies())
        let theirs = try Self.text(specs: F.studies() + F.studies())
        let explanation = try #require(IIAHash.explainDifference(ours: ours, theirs: theirs))
        #expect(explanation.contains("ours is terminated, theirs is not"))
        #expect(explanation.contains("Theirs continues where the other ends, at field 8, in cooperation condition 2 (student-studies-mobility-spec):"))
    }

    @Test("values containing underscores and field-like text are read back as one field")
    func trickyValues() throws {
        let tricky = "<other-info-terms>a_b__c=_@x@_</other-info-terms>"
        let rest = "<recommended-language-skill><language>en</language></recommended-language-skill>\(tricky)<blended>false</blended>"
        let ours = try Self.text(specs: F.studies(rest: rest))
        let theirs = try Self.text(specs: F.studies(rest: rest.replacingOccurrences(of: "a_b", with: "a_B")))
        let explanation = try #require(IIAHash.explainDifference(ours: ours, theirs: theirs))
        #expect(explanation.contains("other-info-terms = \"a_b__c=_@x@_\""))
        #expect(explanation.contains("other-info-terms = \"a_B__c=_@x@_\""))
    }

    @Test("texts that are not texts-to-hash: the first differing character")
    func notTexts() {
        let explanation = IIAHash.explainDifference(ours: "hello world", theirs: "hello there")
        #expect(explanation?.contains("differ at character 7") == true)
    }
}
