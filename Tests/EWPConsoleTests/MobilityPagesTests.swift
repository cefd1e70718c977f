import EWPAPIs
import EWPConsole
import EWPCore
import EWPNodeTestSupport
import EWPNotifications
import EWPOperations
import EWPStore
import EWPTestSupport
import EWPXML
import Foundation
import Testing

/// The mobility pages: the account's HEI only (another HEI's mobility is a 404), the joined
/// statuses, the history and the flags, and who may open them.
@Suite("Console: mobilities")
struct MobilityPagesTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    /// A partner's nomination to a.example (om-in, rejected by a.example's staff, with an LA the partner
    /// sent anyway) and one to c.example (om-secret).
    static func node() async throws -> ConsoleTestNode {
        let node = try await ConsoleTestNode()
        func nomination(_ id: String, to hei: String) throws -> PartnerCopy {
            let root = try XMLReader.parse(Array(MobilityDocuments.getResponse([MobilityDocuments.mobility(id, sending: "p.example", receiving: hei)]).utf8))
            return PartnerCopy(api: PullSource.omobilities.rawValue, localHEI: hei, partnerHEI: "p.example", objectID: id,
                               document: XMLWriter.document(root.children[0]), hash: nil, seenAt: t0, changedAt: t0)
        }
        let copies = [try nomination("om-in", to: "a.example"), try nomination("om-secret", to: "c.example")]
        try await node.store.savePartnerCopies(copies)
        try await MobilityStatusEvents.apply(store: node.store, .omobilities, copies)
        _ = try await node.runtime.operations.changeNomination(sendingHEI: HEIID("p.example"), omobilityID: "om-in", .reject(comment: "No places left"))
        let la = PartnerCopy(api: PullSource.omobilityLAs.rawValue, localHEI: "a.example", partnerHEI: "p.example", objectID: "om-in",
                             document: Array("<la/>".utf8), hash: nil, seenAt: t0, changedAt: t0)
        try await node.store.savePartnerCopies([la])
        try await node.createMain(hei: "a.example", email: "main@a.example")
        return node
    }

    @Test("the list joins both statuses and flags the LA of a rejected nomination; search and status filter")
    func list() async throws {
        let node = try await Self.node()
        let browser = try await node.signedIn("main@a.example")
        let list = try await browser.get("/console/mobilities")
        #expect(list.status == 200)
        #expect(list.text.contains("<h1>Mobilities and nominations</h1>") && list.text.contains(#"<label for="status">"#))
        #expect(list.text.contains(">om-in</a>") && list.text.contains("Nowak") && list.text.contains("<td>nomination</td><td>rejected</td>"), "\(list.text)")
        #expect(list.text.contains(#"<strong class="notice warning">flagged</strong>"#), "\(list.text)")
        #expect(!list.text.contains("om-secret"))
        #expect(list.text.contains(#"href="/console/mobilities""#), "the navigation names the page")
        #expect(try await browser.get("/console/mobilities?status=flagged&q=nowak").text.contains("1 mobility(ies)"))
        #expect(try await browser.get("/console/mobilities?status=verified").text.contains("No mobility matches"))
        #expect(try await browser.get("/console/mobilities?side=sending").text.contains("No mobility matches"))
    }

    @Test("the detail shows the answer, the history and the flag in words; another HEI's mobility and an unknown one are the same 404")
    func detailAndScope() async throws {
        let node = try await Self.node()
        let browser = try await node.signedIn("main@a.example")
        let shown = try await browser.get("/console/mobilities/om-in")
        #expect(shown.status == 200)
        #expect(shown.text.contains("<h1>Mobility om-in</h1>") && shown.text.contains("No places left"))
        #expect(shown.text.contains("the receiving HEI rejected this nomination"), "\(shown.text)")
        #expect(shown.text.contains("<td>nomination</td><td>pulled</td>") && shown.text.contains("<td>rejected</td><td>answered</td>"), "\(shown.text)")
        #expect(shown.text.contains(#"href="/console/las/p.example/om-in""#))
        let other = try await browser.get("/console/mobilities/om-secret")
        let unknown = try await browser.get("/console/mobilities/nothing")
        #expect(other.status == 404 && unknown.status == 404)
        #expect(other.text.replacingOccurrences(of: "om-secret", with: "X") == unknown.text.replacingOccurrences(of: "nothing", with: "X"))
    }

    @Test("a nomination answerer verifies, rejects (with a comment) and dates an incoming nomination through the operation; audited; CSRF; others get 403 or 404")
    func answerNomination() async throws {
        let node = try await Self.node()
        try await node.createStaff(hei: "a.example", email: "nominations@a.example", roles: [.nominationAnswerer])
        try await node.createStaff(hei: "a.example", email: "viewer@a.example", roles: [.viewer])
        try await node.createMain(hei: "c.example", email: "main@c.example")
        let viewer = try await node.signedIn("viewer@a.example")
        #expect(!(try await viewer.get("/console/mobilities/om-in")).text.contains("Verify the nomination"))
        #expect(try await viewer.post("/console/mobilities/om-in/verify", [("sending", "p.example")]).status == 403)

        let answerer = try await node.signedIn("nominations@a.example")
        let page = try await answerer.get("/console/mobilities/om-in")
        #expect(page.text.contains("Verify the nomination") && page.text.contains(#"name="sending" value="p.example""#), "\(page.text)")
        #expect(try await answerer.post("/console/mobilities/om-in/verify", [("sending", "p.example"), ("_csrf", "")]).status == 403)
        let noReason = try await answerer.post("/console/mobilities/om-in/reject", [("sending", "p.example"), ("comment", " ")])
        #expect(noReason.status == 400 && noReason.text.contains("Write why the nomination is rejected"))
        let early = try await answerer.post("/console/mobilities/om-in/dates", [("sending", "p.example"), ("arrival", "2027-02-01")])
        #expect(early.status == 409 && early.text.contains("Not saved: the nomination om-in is rejected; verify it"), "\(early.text)")

        let verified = try await answerer.post("/console/mobilities/om-in/verify", [("sending", "p.example"), ("comment", "Welcome")])
        #expect(verified.status == 303 && verified.location == "/console/mobilities/om-in?done=verified")
        let shown = try await answerer.get(try #require(verified.location))
        #expect(shown.text.contains("the nomination is verified") && shown.text.contains("<td>verified</td><td>answered</td>"), "\(shown.text)")
        let dated = try await answerer.post("/console/mobilities/om-in/dates", [("sending", "p.example"), ("arrival", "2027-02-01"), ("departure", "")])
        #expect(dated.status == 303)
        #expect(try await answerer.get("/console/mobilities/om-in").text.contains("<dt>Actual arrival</dt><dd>2027-02-01</dd>"))
        // Two dates: the arrival is saved, the departure before it is refused and said so.
        let backwards = try await answerer.post("/console/mobilities/om-in/dates", [("sending", "p.example"), ("arrival", "2027-02-03"), ("departure", "2027-02-02")])
        #expect(backwards.status == 409 && backwards.text.contains("before the arrival") && backwards.text.contains("<dt>Actual arrival</dt><dd>2027-02-03</dd>"))
        #expect(try await answerer.post("/console/mobilities/om-in/dates", [("sending", "p.example"), ("arrival", "2027-02-03")]).status == 303)
        #expect(!(try await answerer.get("/console/mobilities/om-in?done=forged")).text.contains("forged"))
        let rejected = try await answerer.post("/console/mobilities/om-in/reject", [("sending", "p.example"), ("comment", "Course closed")])
        #expect(rejected.status == 303)
        let answer = try await node.runtime.operations.mobilityOverview.show(heiIDs: ["a.example"], omobilityID: "om-in").first?.nomination?.answer
        #expect(answer?.status == .rejected && answer?.comment == "Course closed" && answer?.actualArrivalDate == "2027-02-03")

        let main = try await node.signedIn("main@a.example")
        #expect(try await main.get("/console/accounts").text.contains(#"value="nomination-answerer""#), "the main account may grant the role")
        let audit = try await main.get("/console/audit")
        for action in ["nomination.verify", "nomination.dates", "nomination.reject"] { #expect(audit.text.contains(action), "\(action)") }
        #expect(audit.text.contains("nominations@a.example") && audit.text.contains("comment: Course closed"))
        #expect(audit.text.components(separatedBy: "nomination.dates").count - 1 == 2, "each date that changed, once; the same date again is no change")

        // Another HEI's nomination, or one that is not there, is the same 404 (and changes nothing).
        _ = try await answerer.get("/console/mobilities")
        let other = try await answerer.post("/console/mobilities/om-secret/verify", [("sending", "p.example")])
        let unknown = try await answerer.post("/console/mobilities/nothing/verify", [("sending", "p.example")])
        #expect(other.status == 404 && unknown.status == 404)
        let wrongSender = try await answerer.post("/console/mobilities/om-in/verify", [("sending", "q.example")])
        #expect(wrongSender.status == 404)
        let otherMain = try await node.signedIn("main@c.example")
        _ = try await otherMain.get("/console/mobilities")
        #expect(try await otherMain.post("/console/mobilities/om-in/verify", [("sending", "p.example")]).status == 404)
        let secret = try await node.runtime.operations.mobilityOverview.show(heiIDs: ["c.example"], omobilityID: "om-secret").first
        #expect(secret?.receivingStatus == "pending", "the other HEI's nomination was not answered through the console")
    }

    @Test("every role of the HEI may read them; an operator (no HEI) gets a 404")
    func access() async throws {
        let node = try await Self.node()
        try await node.createStaff(hei: "a.example", email: "viewer@a.example", roles: [.viewer])
        try await node.createOperator(email: "ops@example.org")
        #expect(try await node.signedIn("viewer@a.example").get("/console/mobilities/om-in").status == 200)
        #expect(try await node.signedIn("ops@example.org").get("/console/mobilities").status == 404)
    }
}
