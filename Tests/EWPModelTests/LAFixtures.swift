import EWPModel
import EWPTestSupport
import EWPXML
import Foundation
import Testing

/// Documents for the learning-agreement tests: the official examples under ../shared and ours
/// under Fixtures/.
enum LAFixtures {
    static let ns = LANamespace.getResponse
    static let officialExample = RepositoryPaths.spec("ewp-specs-api-omobility-las/examples/get-response-example.xml")
    static let officialXSD = RepositoryPaths.spec("ewp-specs-api-omobility-las/endpoints/get-response.xsd")
    static let dashboardExamples = RepositoryPaths.spec("ewp-specs-api-omobility-las/examples/ola-dashboard-example-scenarios/src/xml")
    static let directory = (RepositoryPaths.root as NSString).appendingPathComponent("Tests/EWPModelTests/Fixtures")

    static func fixture(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }

    static func bytes(_ path: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: path))) }

    /// A get-response whose only `la` has `body` inside (default namespace: the get-response; `trm:`).
    static func document(la body: String) -> [UInt8] {
        Array("""
        <omobility-las-get-response xmlns="\(ns)" xmlns:trm="\(LANamespace.academicTerm)" xmlns:p="\(LANamespace.phoneNumber)"><la>\(body)</la></omobility-las-get-response>
        """.utf8)
    }

    /// The `la` children of a minimal valid LA, before the tables (`first-version` …).
    static let head = """
    <omobility-id>m-1</omobility-id>\
    <sending-hei><hei-id>a.example</hei-id><ounit-name>Science</ounit-name><contact-person><given-names>A</given-names><family-name>B</family-name><email>a@a.example</email></contact-person></sending-hei>\
    <receiving-hei><hei-id>b.example</hei-id><contact-person><given-names>C</given-names><family-name>D</family-name><email>c@b.example</email></contact-person></receiving-hei>\
    <receiving-academic-year-id>2024/2025</receiving-academic-year-id>\
    <student><given-names>E</given-names><family-name>F</family-name></student>\
    <start-year-month>2024-09</start-year-month><end-year-month>2025-01</end-year-month>\
    <eqf-level-studied-at-departure>7</eqf-level-studied-at-departure><isced-f-code>0541</isced-f-code>\
    <student-language-skill><language>en</language><cefr-level>B2</cefr-level></student-language-skill>
    """

    static let signatures = """
    <student-signature><timestamp>2024-06-10T10:00:00Z</timestamp></student-signature>\
    <sending-hei-signature><signer-name>A B</signer-name><signer-position>C</signer-position><signer-email>a@a.example</signer-email><timestamp>2024-06-11T10:00:00Z</timestamp></sending-hei-signature>
    """

    /// A minimal valid LA document with `firstVersion` as the content of `first-version`.
    static func minimal(firstVersion: String = "<components-studied><component><title>T</title></component></components-studied>" + signatures,
                        tail: String = "") -> [UInt8] {
        document(la: head + "<first-version>\(firstVersion)</first-version>" + tail)
    }

    /// The official example's `la` elements without namespace (the dashboard scenarios) put into
    /// the get-response namespace (`term-id` children into academic term v2), as a get-response.
    static func namespaced(_ la: XElement) -> XElement {
        func fix(_ e: XElement, parent: String) -> XElement {
            var e = e
            if e.namespace.isEmpty { e.namespace = parent == "term-id" ? LANamespace.academicTerm : ns }
            e.children = e.children.map { fix($0, parent: e.name) }
            return e
        }
        return XElement(OMobilityLAsGetResponse.rootName, namespace: ns, children: [fix(la, parent: "")])
    }

    /// Comparable form "modulo whitespace": whitespace-only text of elements with children dropped,
    /// attributes sorted; the root's attributes (xsi:schemaLocation) dropped.
    static func normalized(_ e: XElement, isRoot: Bool = true) -> XElement {
        var e = e
        if !e.children.isEmpty && e.text.allSatisfy(\.isWhitespace) { e.text = "" }
        e.attributes = isRoot ? [] : e.attributes.sorted { ($0.namespace, $0.name) < ($1.namespace, $1.name) }
        e.children = e.children.map { normalized($0, isRoot: false) }
        return e
    }
}
