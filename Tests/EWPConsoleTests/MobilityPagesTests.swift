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

    @Test("every role of the HEI may read them; an operator (no HEI) gets a 404")
    func access() async throws {
        let node = try await Self.node()
        try await node.createStaff(hei: "a.example", email: "viewer@a.example", roles: [.viewer])
        try await node.createOperator(email: "ops@example.org")
        #expect(try await node.signedIn("viewer@a.example").get("/console/mobilities/om-in").status == 200)
        #expect(try await node.signedIn("ops@example.org").get("/console/mobilities").status == 404)
    }
}
