import EWPModel
import EWPXML
import Testing

/// A document that is not a well-formed get-response is refused with the path of the offending
/// element and what is wrong there; unknown elements are ignored and reported.
@Suite struct LADecodingErrorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let document: [UInt8]
        let path: String
        let message: String
        var testDescription: String { name }
    }

    static let la = "omobility-las-get-response/la"
    static let fv = la + "/first-version"
    static let signatures = LAFixtures.signatures

    static func component(_ inner: String, attributes: String = "") -> [UInt8] {
        LAFixtures.minimal(firstVersion: "<components-studied><component\(attributes)>\(inner)</component></components-studied>" + signatures)
    }

    static let cases: [Case] = [
        Case(name: "not XML", document: Array("<omobility-las-get-response".utf8), path: "/", message: "not well-formed XML"),
        Case(name: "other root", document: Array("<iias-get-response xmlns=\"urn:x\"/>".utf8), path: "iias-get-response",
             message: "expected <omobility-las-get-response>"),
        Case(name: "root without namespace", document: Array("<omobility-las-get-response/>".utf8), path: "omobility-las-get-response",
             message: "found <omobility-las-get-response> in no namespace"),
        Case(name: "component without title", document: component("<los-code>X</los-code>"), path: fv + "/components-studied/component",
             message: "missing <title>"),
        Case(name: "title after loi-id", document: component("<loi-id>CRI/1</loi-id><title>T</title>"),
             path: fv + "/components-studied/component/loi-id", message: "out of order: <title> must come before <loi-id>"),
        Case(name: "two titles", document: component("<title>T</title><title>U</title>"),
             path: fv + "/components-studied/component/title[2]", message: "<title> may appear only once here"),
        Case(name: "credit value not a decimal", document: component("<title>T</title><credit><scheme>ects</scheme><value>five</value></credit>"),
             path: fv + "/components-studied/component/credit/value", message: "\"five\" is not an xs:decimal"),
        Case(name: "bad los-id", document: component("<los-id>XX/1</los-id><title>T</title>"),
             path: fv + "/components-studied/component/los-id", message: "is not a course:LosID"),
        Case(name: "bad status", document: component("<title>T</title>", attributes: " status=\"changed\""),
             path: fv + "/components-studied/component/@status", message: "\"changed\" is not a component status"),
        Case(name: "term number not an integer", document: component("<title>T</title><term-id><trm:term-number>one</trm:term-number><trm:total-terms>2</trm:total-terms></term-id>"),
             path: fv + "/components-studied/component/term-id/term-number", message: "is not an xs:integer"),
        Case(name: "text in a complex element", document: component("<title>T</title>stray"),
             path: fv + "/components-studied/component", message: "must hold elements only, not the text \"stray\""),
        Case(name: "element in a simple element", document: component("<title>T<b>old</b></title>"),
             path: fv + "/components-studied/component/title", message: "must hold text only, not a <b> element"),
        Case(name: "no student signature", document: LAFixtures.minimal(firstVersion: "<components-studied/>"),
             path: fv, message: "missing <student-signature>"),
        Case(name: "bad timestamp", document: LAFixtures.minimal(firstVersion: "<student-signature><timestamp>2024-06-10 10:00</timestamp></student-signature>"),
             path: fv + "/student-signature/timestamp", message: "is not an xs:dateTime"),
        Case(name: "proposal without id", document: LAFixtures.document(la: LAFixtures.head + "<changes-proposal>\(signatures)</changes-proposal>"),
             path: la + "/changes-proposal", message: "missing the required attribute id"),
        Case(name: "no start", document: LAFixtures.document(la: LAFixtures.head.replacingOccurrences(of: "<start-year-month>2024-09</start-year-month>", with: "")),
             path: la, message: "missing <start-date> or <start-year-month> (found <end-year-month> instead)"),
        Case(name: "30 February", document: LAFixtures.document(la: LAFixtures.head.replacingOccurrences(of: "<start-year-month>2024-09</start-year-month>", with: "<start-date>2025-02-30</start-date>")),
             path: la + "/start-date", message: "\"2025-02-30\" is not an xs:date"),
        Case(name: "EQF 9", document: LAFixtures.document(la: LAFixtures.head.replacingOccurrences(of: ">7</eqf", with: ">9</eqf")),
             path: la + "/eqf-level-studied-at-departure", message: "is not an ewp:EqfLevel"),
        Case(name: "CEFR D1", document: LAFixtures.document(la: LAFixtures.head.replacingOccurrences(of: "B2", with: "D1")),
             path: la + "/student-language-skill/cefr-level", message: "is not an ewp:CefrLevel"),
        Case(name: "bad academic year", document: LAFixtures.document(la: LAFixtures.head.replacingOccurrences(of: "2024/2025", with: "2024-2025")),
             path: la + "/receiving-academic-year-id", message: "is not a trm:AcademicYearId"),
        Case(name: "bad contact e-mail", document: LAFixtures.document(la: LAFixtures.head.replacingOccurrences(of: "a@a.example", with: "nobody")),
             path: la + "/sending-hei/contact-person/email", message: "is not an ewp:Email"),
        Case(name: "provisions not http", document: LAFixtures.minimal(tail: "<provisions-url>ftp://x.example/p</provisions-url>"),
             path: la + "/provisions-url", message: "is not an ewp:HTTP URL"),
        Case(name: "second la broken", document: Array("""
            <omobility-las-get-response xmlns="\(LAFixtures.ns)"><la>\(LAFixtures.head)<first-version>\(signatures)</first-version></la><la/></omobility-las-get-response>
            """.utf8), path: "omobility-las-get-response/la[2]", message: "missing <omobility-id>"),
    ]

    @Test(arguments: cases)
    func refusedWithPath(_ c: Case) {
        do {
            _ = try OMobilityLAsGetResponse.decode(bytes: c.document)
            Issue.record("\(c.name): decoded without error")
        } catch {
            #expect(error.path == c.path)
            #expect(error.message.contains(c.message), "\(error.message)")
        }
    }

    @Test func theMinimalDocumentDecodes() throws {
        let decoded = try OMobilityLAsGetResponse.decode(bytes: LAFixtures.minimal())
        #expect(decoded.response.learningAgreements.map(\.omobilityID) == ["m-1"])
    }

    @Test func unknownElementsAreIgnoredAndReported() throws {
        let document = LAFixtures.minimal(
            firstVersion: "<components-studied><component><title>T</title><x:extra xmlns:x=\"urn:x\"/></component></components-studied>" + Self.signatures,
            tail: "<future-element>1</future-element>")
        let decoded = try OMobilityLAsGetResponse.decode(bytes: document)
        // Each element's unknown children are listed when it is read, before its known children are.
        #expect(decoded.ignoredElements == [Self.la + "/future-element", Self.fv + "/components-studied/component/extra"])
        #expect(decoded.response.learningAgreements.first?.firstVersion?.componentsStudied?.first?.title == "T")
    }
}
