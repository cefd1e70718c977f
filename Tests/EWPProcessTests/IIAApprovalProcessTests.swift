// IIAs Approval v2 with real processes: the node approves a fake partner's
// copy (pull, recompute the iia-hash, refuse what may not be approved), serves the approval, and
// sends the IIA Approval CNR.
import EWPModel
import EWPStore
import EWPTestSupport
import EWPXML
import Foundation
import HTTPTypes
import Testing

private let nodeHEI = "node.test.example"
private let partnerHEI = "partner-d.test.example"

/// A partner IIA mapped to our `ourID` (unless nil), with the iia-hash the content really has
/// (or `declaredHash`).
private func partnerIIA(_ partnerID: String, ourID: String?, extra: String = "", declaredHash: String? = nil) throws -> String {
    let body = """
        <iia xmlns="https://github.com/erasmus-without-paper/ewp-specs-api-iias/blob/stable-v7/endpoints/get-response.xsd">\
        <partner><hei-id>\(partnerHEI)</hei-id><iia-id>\(partnerID)</iia-id><iia-code>\(partnerID)</iia-code></partner>\
        <partner><hei-id>\(nodeHEI)</hei-id>\(ourID.map { "<iia-id>\($0)</iia-id>" } ?? "")</partner><in-effect>false</in-effect>\
        <cooperation-conditions><student-studies-mobility-spec><sending-hei-id>\(partnerHEI)</sending-hei-id>\
        <receiving-hei-id>\(nodeHEI)</receiving-hei-id><receiving-first-academic-year-id>2026/2027</receiving-first-academic-year-id>\
        <receiving-last-academic-year-id>2028/2029</receiving-last-academic-year-id><mobilities-per-year\(extra)>2</mobilities-per-year>\
        <recommended-language-skill><language>en</language><cefr-level>B2</cefr-level></recommended-language-skill>\
        <total-months-per-year>10</total-months-per-year><blended>false</blended></student-studies-mobility-spec></cooperation-conditions>\
        <iia-hash>@@HASH@@</iia-hash></iia>
        """
    let hash = try declaredHash ?? IIAHash.hash(XMLReader.parse(Array(body.utf8)))
    return body.replacingOccurrences(of: "@@HASH@@", with: hash)
}

@Suite("IIA approvals between real processes", .serialized,
       .partnerNetwork(partners: [PartnerSpec(hei: partnerHEI)], nodeEnvironment: fastNotificationEnvironment),
       .timeLimit(.minutes(3)))
struct IIAApprovalProcessTests {
    @Test("Approving a partner's copy: pulled, hash recomputed, approval stored and served, approval CNR sent")
    func approve() async throws {
        let net = try requirePartnerNetwork()
        let partner = net.partner(0)
        try await partner.reset()
        let xml = try partnerIIA("P-APR-1", ourID: "OUR-1")
        try await partner.setObject(api: "iias", id: "P-APR-1", xml: xml)
        let result = try await runNodeCommand(net, ["iia", "approve", "--partner", partnerHEI, "--iia-id", "P-APR-1"])
        #expect(result.status == 0, "\(result.output)")
        let hash = try IIAHash.hash(XMLReader.parse(Array(xml.utf8)))
        #expect(result.output.contains(hash), "\(result.output)")

        let cnr = try await partner.waitForLog("the approval CNR") { $0.contains { $0.path == "/iia-approval-cnr" && $0.status == 200 } }
            .filter { $0.path == "/iia-approval-cnr" }
        #expect(cnr.first?.values("iia_id") == ["P-APR-1"], "the CNR names the partner's (the copy owner's) id: \(cnr)")
        #expect(cnr.first?.verified == true)

        let url = try #require(net.node(0).manifest(hei: nodeHEI).url(api: "iias-approval"))
        let answer = try await net.partnerSignedGET(partner: 0, url: url, query: [("iia_id", "P-APR-1"), ("iia_id", "unknown-1")])
        #expect(answer.status == 200, "\(answer.bodyText)")
        let root = try XMLReader.parse(answer.body)
        #expect(root.children.count == 1)
        #expect(root.children.first?.children.map(\.text) == ["P-APR-1", hash])
        let valid = try await OfficialSchemas.validate(answer.body, against: RepositoryPaths.spec("ewp-specs-api-iias-approval/response.xsd"))
        #expect(valid.valid, "\(valid.messages)")
        #expect(net.responseProblem(answer, endpointURL: url) == nil)

        let post = try await net.partnerSignedPOST(partner: 0, url: url, form: [("iia_id", "P-APR-1")])
        #expect(post.status == 200 && post.bodyText.contains(hash))
        let missing = try await net.partnerSignedGET(partner: 0, url: url)
        #expect(missing.status == 400)
    }

    @Test("Copies that may not be approved are refused with the reason, and nothing is stored or sent")
    func refusals() async throws {
        let net = try requirePartnerNetwork()
        let partner = net.partner(0)
        try await partner.reset()
        let cases: [(id: String, xml: String?, reason: String)] = [
            ("P-BADHASH", try partnerIIA("P-BADHASH", ourID: "OUR-2", declaredHash: String(repeating: "a", count: 64)), "hashes to"),
            ("P-NYD", try partnerIIA("P-NYD", ourID: "OUR-3", extra: " not-yet-defined=\"true\""), "not-yet-defined"),
            ("P-UNMAPPED", try partnerIIA("P-UNMAPPED", ourID: nil), "not mapped"),
            ("P-ABSENT", nil, "does not show"),
        ]
        for c in cases {
            if let xml = c.xml { try await partner.setObject(api: "iias", id: c.id, xml: xml) }
            let result = try await runNodeCommand(net, ["iia", "approve", "--partner", partnerHEI, "--iia-id", c.id])
            #expect(result.status == 1, "\(c.id): \(result.output)")
            #expect(result.output.contains(c.reason), "\(c.id): \(result.output)")
        }
        let url = try #require(net.node(0).manifest(hei: nodeHEI).url(api: "iias-approval"))
        let answer = try await net.partnerSignedGET(partner: 0, url: url, query: cases.map { ("iia_id", $0.id) })
        #expect(answer.status == 200)
        #expect(try XMLReader.parse(answer.body).children.isEmpty, "\(answer.bodyText)")
        try await Task.sleep(for: .seconds(2))
        #expect(try await partner.log(path: "/iia-approval-cnr").isEmpty)
    }

    @Test("An approval CNR from the partner pulls its approvals of our copy")
    func approvalCNRPullsApprovals() async throws {
        let net = try requirePartnerNetwork()
        let partner = net.partner(0)
        try await partner.reset()
        let ourHash = String(repeating: "b", count: 64)
        try await partner.setObject(api: "iias-approval", id: "OUR-9", xml: "<approval><iia-id>OUR-9</iia-id><iia-hash>\(ourHash)</iia-hash></approval>")
        let url = try #require(net.node(0).manifest(hei: nodeHEI).url(api: "iia-approval-cnr"))
        let answer = try await net.partnerSignedPOST(partner: 0, url: url, form: [("iia_id", "OUR-9")])
        #expect(answer.status == 200)
        let store = try SQLiteStore(path: net.node(0).databasePath)
        let deadline = ContinuousClock.now + .seconds(20)
        var copy: PartnerCopy?
        while copy?.document == nil, ContinuousClock.now < deadline {
            copy = try await store.partnerCopy(api: "iias-approval", localHEI: nodeHEI, partnerHEI: partnerHEI, objectID: "OUR-9")
            try await Task.sleep(for: .milliseconds(100))
        }
        let stored = String(decoding: copy?.document ?? [], as: UTF8.self)
        #expect(stored.contains(ourHash))
        let pulls = try await partner.log(path: "/iias-approval")
        #expect(pulls.first?.values("iia_id") == ["OUR-9"])
    }

    @Test("The admin API approves a partner's copy and lists and explains our IIAs (bearer token required)")
    func adminAPI() async throws {
        let net = try requirePartnerNetwork()
        let partner = net.partner(0)
        try await partner.setObject(api: "iias", id: "P-ADM-1", xml: try partnerIIA("P-ADM-1", ourID: "OUR-5"))
        let admin = net.node(0).baseURL + "/admin"
        let auth: HTTPFields = [(name: "Authorization", value: "Bearer test-admin-token")]
        let approved = try await net.http.send(.init(method: "POST", url: admin + "/iias/approve?partner=\(partnerHEI)&iia_id=P-ADM-1",
                                                     headers: auth, timeout: .seconds(30)))
        let body = String(decoding: approved.body, as: UTF8.self)
        #expect(approved.status == 200, "\(body)")
        #expect(body.contains("\"partner_iia_id\":\"P-ADM-1\"") && body.contains("\"our_iia_id\":\"OUR-5\""), "\(body)")
        // Each refusal answers with its reason's status: not shown to us 404, not approvable as it is
        // 409, a partner that publishes no IIAs API 400.
        try await partner.setObject(api: "iias", id: "P-ADM-BAD", xml: try partnerIIA("P-ADM-BAD", ourID: "OUR-6", declaredHash: String(repeating: "a", count: 64)))
        let refusals: [(query: String, status: Int, reason: String)] = [
            ("partner=\(partnerHEI)&iia_id=P-NONE", 404, "does not show"),
            ("partner=\(partnerHEI)&iia_id=P-ADM-BAD", 409, "hashes to"),
            ("partner=unknown.test.example&iia_id=P-ADM-1", 400, "publishes no"),
        ]
        for refusal in refusals {
            let refused = try await net.http.send(.init(method: "POST", url: admin + "/iias/approve?" + refusal.query, headers: auth, timeout: .seconds(30)))
            let text = String(decoding: refused.body, as: UTF8.self)
            #expect(refused.status == refusal.status && text.contains(refusal.reason), "\(refusal.query): \(refused.status) \(text)")
        }
        let upper = try await net.http.send(.init(method: "POST", url: admin + "/iias/approve?partner=\(partnerHEI.uppercased())&iia_id=P-ADM-1&hei=\(nodeHEI.uppercased())",
                                                  headers: auth, timeout: .seconds(30)))
        #expect(upper.status == 200, "HEI ids in any case: \(String(decoding: upper.body, as: UTF8.self))")
        let list = try await net.http.send(.init(url: admin + "/iias", headers: auth, timeout: .seconds(10)))
        #expect(list.status == 200 && String(decoding: list.body, as: UTF8.self).contains("\"iias\""))
        let explain = try await net.http.send(.init(url: admin + "/iias/explain?iia_id=NOPE", headers: auth, timeout: .seconds(10)))
        #expect(explain.status == 200 && String(decoding: explain.body, as: UTF8.self).contains("has no IIA NOPE"))
        let copy = try await net.http.send(.init(url: admin + "/iias/partner-copy?partner=\(partnerHEI)&iia_id=P-ADM-1", headers: auth, timeout: .seconds(10)))
        #expect(copy.status == 200 && String(decoding: copy.body, as: UTF8.self).contains("P-ADM-1"))
        let shown = try await runNodeCommand(net, ["iia", "show", "--partner", partnerHEI, "--iia-id", "P-ADM-1"])
        #expect(shown.status == 0 && shown.output.contains("<iia"), "\(shown.output)")
        let unauthorized = try await net.http.send(.init(url: admin + "/iias", timeout: .seconds(10)))
        #expect(unauthorized.status == 401)
    }
}
