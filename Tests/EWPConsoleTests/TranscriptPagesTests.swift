import EWPConsole
import EWPNodeTestSupport
import EWPStore
import EWPTestSupport
import EWPXML
import Foundation
import Testing

/// The transcript pages: the account's HEI only (another HEI's transcript is a 404), searchable,
/// paginated, the detail with the ELMO document, and who may open them.
@Suite("Console: transcripts")
struct TranscriptPagesTests {
    /// Received transcripts (partner copies, as pulled): `count` of a.example's from p.example, one of c.example's.
    static func node(count: Int = 1) async throws -> ConsoleTestNode {
        let node = try await ConsoleTestNode()
        let tor = try #require(try XMLReader.parse(Array(ToRDocuments.v2(["x"], issuer: "p.example").utf8)).children.first)
        let document = XMLWriter.document(tor)
        let t0 = Date(timeIntervalSince1970: 1_800_000_000)
        try await node.store.savePartnerCopies((1...count).map {
            PartnerCopy(api: "imobility-tors", localHEI: "a.example", partnerHEI: "p.example", objectID: String(format: "a-%02d", $0), document: document,
                        hash: nil, seenAt: t0, changedAt: t0)
        } + [PartnerCopy(api: "imobility-tors", localHEI: "c.example", partnerHEI: "p.example", objectID: "c-secret", document: document,
                         hash: nil, seenAt: t0, changedAt: t0)])
        try await node.createMain(hei: "a.example", email: "main@a.example")
        return node
    }

    @Test("the list shows the account's HEI's transcripts with the student's name, and searches them")
    func listAndSearch() async throws {
        let node = try await Self.node()
        let browser = try await node.signedIn("main@a.example")
        let list = try await browser.get("/console/transcripts")
        #expect(list.status == 200)
        #expect(list.text.contains("<h1>Transcripts of records</h1>") && list.text.contains(#"<label for="q">"#))
        #expect(list.text.contains("a-01") && list.text.contains("Jan Nowak") && list.text.contains("p.example"))
        #expect(!list.text.contains("c-secret"))
        #expect(list.text.contains(#"href="/console/transcripts""#), "the navigation names the page")
        let found = try await browser.get("/console/transcripts?q=nowak&direction=received")
        #expect(found.text.contains("a-01") && found.text.contains("1 transcript(s)"))
        let issued = try await browser.get("/console/transcripts?direction=issued")
        #expect(issued.text.contains("No transcript matches") && !issued.text.contains("a-01"))
        let none = try await browser.get("/console/transcripts?q=c-secret")
        #expect(none.text.contains("No transcript matches"))
    }

    @Test("25 a page, the next page keeps the search")
    func pages() async throws {
        let node = try await Self.node(count: 30)
        let browser = try await node.signedIn("main@a.example")
        let first = try await browser.get("/console/transcripts?q=a-")
        #expect(first.text.contains("30 transcript(s)") && first.text.contains("a-25") && !first.text.contains("a-26"))
        #expect(first.text.contains(#"href="/console/transcripts?q=a-&amp;page=2""#), "\(first.text)")
        let second = try await browser.get("/console/transcripts?q=a-&page=2")
        #expect(second.text.contains("a-26") && second.text.contains("a-30") && !second.text.contains(">a-01<"))
    }

    @Test("the detail shows the document; another HEI's transcript and an unknown one are the same 404")
    func detailAndScope() async throws {
        let node = try await Self.node()
        let browser = try await node.signedIn("main@a.example")
        let shown = try await browser.get("/console/transcripts/p.example/a-01")
        #expect(shown.status == 200)
        #expect(shown.text.contains("Jan Nowak") && shown.text.contains("&lt;elmo") && shown.text.contains("<h1>Transcript of a-01</h1>"))
        let other = try await browser.get("/console/transcripts/p.example/c-secret")
        let unknown = try await browser.get("/console/transcripts/p.example/nothing")
        #expect(other.status == 404 && unknown.status == 404)
        #expect(!other.text.contains("Jan Nowak"))
        #expect(other.text.replacingOccurrences(of: "c-secret", with: "X") == unknown.text.replacingOccurrences(of: "nothing", with: "X"))
    }

    @Test("every role of the HEI may read them (viewing comes with each); an operator (no HEI) gets a 404; no session, the login page")
    func access() async throws {
        let node = try await Self.node()
        try await node.createStaff(hei: "a.example", email: "signer@a.example", roles: [.laSigner])
        try await node.createStaff(hei: "a.example", email: "viewer@a.example", roles: [.viewer])
        try await node.createOperator(email: "ops@example.org")
        #expect(try await node.signedIn("signer@a.example").get("/console/transcripts").status == 200)
        #expect(try await node.signedIn("viewer@a.example").get("/console/transcripts/p.example/a-01").status == 200)
        let operatorBrowser = try await node.signedIn("ops@example.org")
        #expect(try await operatorBrowser.get("/console/transcripts").status == 404)
        #expect(try await node.browser().get("/console/transcripts").status == 303)
    }
}
