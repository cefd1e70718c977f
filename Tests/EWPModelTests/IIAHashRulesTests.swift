import EWPModel
import EWPXML
import Testing

/// The stylesheet's rules one at a time, on small hand-written IIAs. Each expected text was read
/// off transform_version_7.xsl and checked once with Saxon-HE on the same document.
@Suite("iia-hash: the stylesheet's rules")
struct IIAHashRulesTests {
    typealias F = Fixtures
    static let p = F.studiesPrefix

    @Test("an unmapped partner gives an empty iia-id, and so does an empty iia-id element")
    func unmapped() throws {
        let unmapped = try F.iia(ids: ("A1", nil), specs: F.studies())
        #expect(IIAHash.textToHash(unmapped) == "_iia-id_1=A1__iia-id_2=_" + F.studiesDefaultFields + F.studiesDefaultTail)
        let empty = try F.iia(ids: ("A1", ""), specs: F.studies())
        #expect(IIAHash.hash(empty) == IIAHash.hash(unmapped))
        let mapped = try F.iia(ids: ("A1", "B2"), specs: F.studies())
        #expect(IIAHash.hash(mapped) != IIAHash.hash(unmapped))
    }

    @Test("terminated-as-a-whole counts only when exactly true or 1",
          arguments: [("true", true), ("1", true), (" true", false), ("true ", false), ("false", false), ("0", false)])
    func terminated(value: String, marked: Bool) throws {
        let iia = try F.iia(conditionsAttributes: " terminated-as-a-whole=\"\(value)\"", specs: F.studies())
        let text = IIAHash.textToHash(iia)
        #expect(text == (marked ? "_@terminated-as-a-whole@_" : "") + "_iia-id_1=A1__iia-id_2=B2_" + F.studiesDefaultFields + F.studiesDefaultTail)
    }

    @Test("not-yet-defined hides the element only when exactly true or 1; the attribute is never printed",
          arguments: [("true", true), ("1", true), (" true", false), ("false", false), ("0", false)])
    func notYetDefined(value: String, hidden: Bool) throws {
        let iia = try F.iia(specs: F.studies(mobilities: "<mobilities-per-year not-yet-defined=\"\(value)\">2</mobilities-per-year>"))
        let tail = hidden ? F.studiesDefaultTail.replacingOccurrences(of: "_\(Self.p)mobilities-per-year=2_", with: "") : F.studiesDefaultTail
        #expect(IIAHash.textToHash(iia) == "_iia-id_1=A1__iia-id_2=B2_" + F.studiesDefaultFields + tail)
    }

    @Test("not-yet-defined on a language skill hides everything inside it")
    func notYetDefinedSkill() throws {
        let skill = """
        <recommended-language-skill not-yet-defined="true"><language>en</language><cefr-level>B1</cefr-level>\
        <subject-area><isced-f-code>0314</isced-f-code></subject-area></recommended-language-skill>\
        <recommended-language-skill><language>pl</language><subject-area><isced-f-code>0411</isced-f-code></subject-area></recommended-language-skill>
        """
        let iia = try F.iia(specs: F.studies(rest: skill + "<blended>false</blended>"))
        #expect(IIAHash.textToHash(iia) == "_iia-id_1=A1__iia-id_2=B2_" + F.studiesDefaultFields + "_\(Self.p)mobilities-per-year=2_"
            + "_student-studies-mobility-spec.recommended-language-skill.language=pl_"
            + "_recommended-language-skill.subject-area.isced-f-code=0411_"
            + "_\(Self.p)blended=false__receiving-first-academic-year-id=2024/2025__receiving-last-academic-year-id=2025/2026_")
    }

    @Test("the academic years come last, always, even when not-yet-defined hides the rest of the spec")
    func yearsAlways() throws {
        let spec = F.studies().replacingOccurrences(of: "<student-studies-mobility-spec>", with: "<student-studies-mobility-spec not-yet-defined=\"1\">")
        let iia = try F.iia(specs: spec)
        #expect(IIAHash.textToHash(iia) == "_iia-id_1=A1__iia-id_2=B2__receiving-first-academic-year-id=2024/2025__receiving-last-academic-year-id=2025/2026_")
    }

    @Test("contacts: their content never counts, their own attributes do")
    func contacts() throws {
        let sending = """
        <sending-contact xmlns:t="\(F.contactNS)" xsi:type="t:Contact"><c:contact-name xml:lang="en">Anna</c:contact-name>\
        <c:email>a@b.example</c:email></sending-contact>
        """
        let receiving = "<receiving-contact><c:contact-name>Ola</c:contact-name></receiving-contact>"
        let iia = try F.iia(specs: F.studies(sending: sending, receiving: receiving))
        #expect(IIAHash.textToHash(iia) == "_iia-id_1=A1__iia-id_2=B2_" + F.studiesDefaultFields.replacingOccurrences(
            of: "__\(Self.p)receiving-hei-id", with: "__@\(Self.p)sending-contact.type=t:Contact@__\(Self.p)receiving-hei-id") + F.studiesDefaultTail)
        // The content of contacts changes nothing.
        let plain = try F.iia(specs: F.studies())
        let withContacts = try F.iia(specs: F.studies(sending: "<sending-contact><c:contact-name>X</c:contact-name></sending-contact>", receiving: receiving))
        #expect(IIAHash.hash(withContacts) == IIAHash.hash(plain))
    }

    @Test("isced-f-code: a non-empty v6-value replaces the code, and is not printed as an attribute")
    func v6Value() throws {
        func text(_ attrs: String) throws -> String {
            let areas = "<subject-area><isced-f-code\(attrs)>0314</isced-f-code><isced-clarification>x</isced-clarification></subject-area>"
            return IIAHash.textToHash(try F.iia(specs: F.studies(rest: "<recommended-language-skill><language>en</language></recommended-language-skill>\(areas)<blended>false</blended>")))
        }
        #expect(try text(" v6-value=\"031\"").contains("_student-studies-mobility-spec.subject-area.isced-f-code=031__student-studies-mobility-spec.subject-area.isced-clarification=x_"))
        #expect(try text("").contains("_student-studies-mobility-spec.subject-area.isced-f-code=0314_"))
        #expect(try text(" v6-value=\"\"").contains("_student-studies-mobility-spec.subject-area.isced-f-code=0314_"))
        #expect(try !text(" v6-value=\"031\"").contains("v6-value"))
    }

    @Test("leaf text is taken exactly as parsed: whitespace kept, escapes and CDATA decoded, comments and PIs dropped")
    func exactText() throws {
        let value = "  a &amp; b\n<!-- c --><![CDATA[<x>]]>&#13;<?pi?>\t"
        let iia = try F.iia(specs: F.studies(rest: "<recommended-language-skill><language>en</language></recommended-language-skill>"
            + "<other-info-terms>\(value)</other-info-terms><blended>false</blended>"))
        #expect(IIAHash.textToHash(iia).contains("_\(Self.p)other-info-terms=  a & b\n<x>\r\t_"))
    }

    @Test("an empty element gives an empty value")
    func emptyElement() throws {
        let iia = try F.iia(specs: F.studies(rest: "<recommended-language-skill><language>en</language></recommended-language-skill>"
            + "<subject-area><isced-f-code>0314</isced-f-code><isced-clarification/></subject-area><other-info-terms></other-info-terms><blended>false</blended>"))
        let text = IIAHash.textToHash(iia)
        #expect(text.contains("_student-studies-mobility-spec.subject-area.isced-clarification=__\(Self.p)other-info-terms=__\(Self.p)blended=false_"))
    }

    @Test("every attribute of a counted element is printed in document order, local names only")
    func attributes() throws {
        let hei = "<sending-hei-id xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" xsi:schemaLocation=\"urn:a urn:b\" xsi:type=\"xs:string\">a.example</sending-hei-id>"
        let spec = F.studies().replacingOccurrences(of: "<sending-hei-id>a.example</sending-hei-id>", with: hei)
        let text = IIAHash.textToHash(try F.iia(specs: spec))
        #expect(text.contains("__@\(Self.p)sending-hei-id.schemaLocation=urn:a urn:b@__@\(Self.p)sending-hei-id.type=xs:string@__\(Self.p)sending-hei-id=a.example_"))
    }

    @Test("names are matched by local name, whatever the namespace or prefix")
    func namespaces() throws {
        let prefixed = try F.iia("""
        <x:iia xmlns:x="\(F.iiasNS)"><x:partner><x:hei-id>a.example</x:hei-id><x:iia-id>A1</x:iia-id></x:partner>\
        <partner xmlns="urn:other"><hei-id>b.example</hei-id><iia-id>B2</iia-id></partner><x:in-effect>true</x:in-effect>\
        <x:cooperation-conditions>\(F.studies())</x:cooperation-conditions><x:iia-hash>\(String(repeating: "0", count: 64))</x:iia-hash></x:iia>
        """)
        #expect(IIAHash.hash(prefixed) == IIAHash.hash(try F.iia(specs: F.studies())))
    }

    @Test("several IIAs in one response are hashed each on its own (a terminated one does not mark the others)")
    func perIIA() throws {
        let one = F.iiaXML(conditionsAttributes: " terminated-as-a-whole=\"true\"", specs: F.studies())
        let two = F.iiaXML(specs: F.studies())
        let both = try Fixtures.iias(Array("<iias-get-response xmlns=\"\(F.iiasNS)\">\(one)\(two)</iias-get-response>".utf8))
        try #require(both.count == 2)
        #expect(IIAHash.textToHash(both[0]).hasPrefix("_@terminated-as-a-whole@_"))
        #expect(!IIAHash.textToHash(both[1]).hasPrefix("_@terminated-as-a-whole@_"))
        #expect(IIAHash.hash(both[1]) == IIAHash.hash(try F.iia(two)))
    }

    @Test("cooperation-condition order matters")
    func order() throws {
        let a = F.studies(years: ("2024/2025", "2025/2026")), b = F.studies(years: ("2026/2027", "2027/2028"))
        #expect(IIAHash.hash(try F.iia(specs: a + b)) != IIAHash.hash(try F.iia(specs: b + a)))
    }
}
