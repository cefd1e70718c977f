import EWPModel
import EWPXML
import Testing

/// The generator behind the differential test reaches every element and attribute the official
/// get-response schema allows in an `iia`, and every case the hash rules single out.
@Suite("IIA generator coverage")
struct IIAGeneratorTests {
    static let iiaElements: Set<String> = [
        "iia", "partner", "hei-id", "ounit-id", "iia-id", "iia-code", "signing-contact", "signing-date", "contact",
        "in-effect", "cooperation-conditions", "student-studies-mobility-spec", "student-traineeship-mobility-spec",
        "staff-teacher-mobility-spec", "staff-training-mobility-spec", "sending-hei-id", "sending-ounit-id",
        "sending-contact", "receiving-hei-id", "receiving-ounit-id", "receiving-contact",
        "receiving-first-academic-year-id", "receiving-last-academic-year-id", "mobilities-per-year",
        "recommended-language-skill", "language", "cefr-level", "subject-area", "isced-f-code", "isced-clarification",
        "other-info-terms", "total-months-per-year", "blended", "eqf-level", "total-days-per-year", "iia-hash", "pdf-file",
    ]
    static let contactElements: Set<String> = [
        "contact-name", "person-given-names", "person-family-name", "person-gender", "phone-number", "fax-number",
        "e164", "ext", "other-format", "email", "street-address", "mailing-address", "recipientName", "addressLine",
        "buildingNumber", "buildingName", "streetName", "unit", "floor", "postOfficeBox", "deliveryPointCode",
        "postalCode", "locality", "region", "country", "role-description",
    ]
    static let attributes: Set<String> = ["not-yet-defined", "v6-value", "terminated-as-a-whole", "lang", "type", "schemaLocation"]

    @Test("every element and attribute of an iia occurs, and every special case")
    func coverage() throws {
        var generator = IIAGenerator(seed: StylesheetDifferentialTests.seed)
        let (document, _) = generator.response(count: StylesheetDifferentialTests.count)
        let iias = try Fixtures.iias(Array(document.utf8))
        #expect(iias.count == StylesheetDifferentialTests.count)

        var elements = Set<String>(), attributes = Set<String>()
        func walk(_ e: XElement) {
            elements.insert(e.name)
            attributes.formUnion(e.attributes.map(\.name))
            e.children.forEach(walk)
        }
        iias.forEach(walk)
        let replay = StylesheetDifferentialTests.replay
        #expect(Self.iiaElements.union(Self.contactElements).subtracting(elements).isEmpty,
                "never generated: \(Self.iiaElements.union(Self.contactElements).subtracting(elements).sorted()), \(replay)")
        #expect(Self.attributes.subtracting(attributes).isEmpty, "never generated: \(Self.attributes.subtracting(attributes).sorted()), \(replay)")

        func count(_ test: (XElement) -> Bool) -> Int { iias.filter(test).count }
        func anywhere(_ e: XElement, _ test: (XElement) -> Bool) -> Bool { test(e) || e.children.contains { anywhere($0, test) } }
        func attribute(_ name: String, _ values: Set<String>) -> (XElement) -> Bool {
            { iia in anywhere(iia) { $0.attributes.contains { $0.name == name && values.contains($0.value) } } }
        }
        let cases: [(String, Int)] = [
            ("terminated-as-a-whole true/1", count(attribute("terminated-as-a-whole", ["true", "1"]))),
            ("terminated-as-a-whole with spaces", count(attribute("terminated-as-a-whole", [" true", "true "]))),
            ("not-yet-defined true/1", count(attribute("not-yet-defined", ["true", "1"]))),
            ("not-yet-defined false/0 or with spaces", count(attribute("not-yet-defined", ["false", "0", " true", "true "]))),
            ("v6-value", count(attribute("v6-value", ["031", "03", "0", "12"]))),
            ("unmapped second partner", count { $0.elements("partner", namespace: Fixtures.iiasNS).last?.element("iia-id", namespace: Fixtures.iiasNS) == nil }),
            ("valid for approval", count(IIAHash.isValidForApproval)),
            ("no cooperation condition", count { $0.element("cooperation-conditions", namespace: Fixtures.iiasNS)?.children.isEmpty == true }),
            ("all four mobility types", count { Set($0.element("cooperation-conditions", namespace: Fixtures.iiasNS)?.children.map(\.name) ?? []).count == 4 }),
            ("contacts in a mobility spec", count { anywhere($0) { $0.name == "sending-contact" || $0.name == "receiving-contact" } }),
            ("several subject areas in one spec", count { anywhere($0) { $0.elements("subject-area", namespace: Fixtures.iiasNS).count >= 2 } }),
            ("several language skills in one spec", count { anywhere($0) { $0.elements("recommended-language-skill", namespace: Fixtures.iiasNS).count >= 2 } }),
            ("leaf text with a carriage return", count { anywhere($0) { $0.children.isEmpty && $0.text.contains("\r") } }),
            ("leaf text with leading space", count { anywhere($0) { $0.children.isEmpty && $0.text.first == " " } }),
            ("leaf text with & or <", count { anywhere($0) { $0.children.isEmpty && ($0.text.contains("&") || $0.text.contains("<")) } }),
            ("leaf text with accents", count { anywhere($0) { $0.text.contains("ł") || $0.text.contains("é") } }),
            ("empty leaf", count { anywhere($0) { $0.children.isEmpty && $0.text.isEmpty } }),
        ]
        for (name, n) in cases {
            #expect(n > 0, "no generated IIA has: \(name), \(replay)")
        }
        #expect(document.contains("<i:iia") && document.contains("<iia"), "both prefixed and unprefixed IIAs, \(replay)")
        #expect(document.contains("<![CDATA[") && document.contains("<!-- note -->") && document.contains("&#13;"), "\(replay)")
    }
}
