import EWPTestSupport
import EWPXML
import Foundation
import Testing

/// Documents and helpers shared by the iia-hash tests.
enum Fixtures {
    static let iiasNS = "https://github.com/erasmus-without-paper/ewp-specs-api-iias/blob/stable-v7/endpoints/get-response.xsd"
    static let contactNS = "https://github.com/erasmus-without-paper/ewp-specs-types-contact/tree/stable-v1"

    /// The official IIAs v7 get-response example and the xsltKit example, under ../shared.
    static let getResponseExample = RepositoryPaths.spec("ewp-specs-api-iias/endpoints/get-response-example.xml")
    static let xsltKitExample = RepositoryPaths.spec("ewp-specs-api-iias/resources/xsltKit/get-response-v7.xml")
    static let getResponseXSD = RepositoryPaths.spec("ewp-specs-api-iias/endpoints/get-response.xsd")

    static func bytes(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// The `iia` children of a parsed get-response.
    static func iias(_ bytes: [UInt8]) throws -> [XElement] {
        try XMLReader.parse(bytes).children.filter { $0.name == "iia" }
    }

    static func iias(inFile path: String) throws -> [XElement] {
        try iias(bytes(path))
    }

    /// The only `iia` of a small document written in a test: `body` goes inside
    /// `<iias-get-response>` (default namespace: IIAs v7 get-response; `c:` the contact namespace).
    static func iia(_ body: String) throws -> XElement {
        let text = """
        <iias-get-response xmlns="\(iiasNS)" xmlns:c="\(contactNS)" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\(body)</iias-get-response>
        """
        let all = try iias(Array(text.utf8))
        try #require(all.count == 1, "the test document holds \(all.count) iia elements, not 1")
        return all[0]
    }

    /// An IIA with the given partner ids (nil: no `iia-id`), cooperation-conditions attributes and
    /// mobility specs (inner XML).
    static func iia(ids: (String?, String?) = ("A1", "B2"), conditionsAttributes: String = "", specs: String) throws -> XElement {
        try iia(iiaXML(ids: ids, conditionsAttributes: conditionsAttributes, specs: specs))
    }

    static func iiaXML(ids: (String?, String?) = ("A1", "B2"), conditionsAttributes: String = "", specs: String) -> String {
        func partner(_ hei: String, _ id: String?) -> String {
            "<partner><hei-id>\(hei)</hei-id>\(id.map { "<iia-id>\($0)</iia-id>" } ?? "")</partner>"
        }
        return """
        <iia>\(partner("a.example", ids.0))\(partner("b.example", ids.1))<in-effect>true</in-effect>\
        <cooperation-conditions\(conditionsAttributes)>\(specs)</cooperation-conditions>\
        <iia-hash>\(String(repeating: "0", count: 64))</iia-hash></iia>
        """
    }

    /// A student-studies mobility spec with `sending` after the sending HEI and `receiving` after
    /// the receiving HEI (where contacts go), and `rest` after `mobilities-per-year`.
    static func studies(sending: String = "", receiving: String = "", mobilities: String = "<mobilities-per-year>2</mobilities-per-year>",
                        rest: String = "<recommended-language-skill><language>en</language></recommended-language-skill><blended>false</blended>",
                        years: (String, String) = ("2024/2025", "2025/2026")) -> String {
        """
        <student-studies-mobility-spec><sending-hei-id>a.example</sending-hei-id>\(sending)<receiving-hei-id>b.example</receiving-hei-id>\
        \(receiving)<receiving-first-academic-year-id>\(years.0)</receiving-first-academic-year-id>\
        <receiving-last-academic-year-id>\(years.1)</receiving-last-academic-year-id>\(mobilities)\(rest)</student-studies-mobility-spec>
        """
    }

    /// The text `studies()` gives with its defaults, without the years.
    static let studiesPrefix = "cooperation-conditions.student-studies-mobility-spec."
    static let studiesDefaultFields = "_\(studiesPrefix)sending-hei-id=a.example__\(studiesPrefix)receiving-hei-id=b.example_"
    static let studiesDefaultTail = "_\(studiesPrefix)mobilities-per-year=2__student-studies-mobility-spec.recommended-language-skill.language=en_"
        + "_\(studiesPrefix)blended=false__receiving-first-academic-year-id=2024/2025__receiving-last-academic-year-id=2025/2026_"
}
