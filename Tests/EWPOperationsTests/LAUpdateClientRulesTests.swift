import EWPAPIs
import EWPModel
@testable import EWPOperations
import EWPTestSupport
import EWPXML
import Foundation
import Testing

/// The pure decisions before our side approves or comments: which proposal, whether guideline errors block it, the request sent.
@Suite("LA update client: the decision before approving or commenting")
struct LAUpdateClientRulesTests {
    static let sending = "a.example"
    static let receiving = "b.example"
    static let updateURL = "https://a.example/omobility-las/update"
    /// Two weeks after the mobility started: the proposal (requested 2026-05-02) waits long.
    static let today = Date(timeIntervalSince1970: 1_789_000_000)   // 2026-09-10
    static let signer = LASigner(name: nil, position: nil, email: nil, adminEmail: "iro@b.example")

    static func la(_ stage: LADocuments.Stage, provisions: Bool = true, receiving: String = receiving) throws -> LearningAgreement {
        let text = LADocuments.response([LADocuments.la("om-1", sending: sending, receiving: receiving, stage: stage, provisions: provisions)])
        return try #require(try OMobilityLAsGetResponse(XMLReader.parse(Array(text.utf8))).learningAgreements.first)
    }

    func prepare(_ la: LearningAgreement, _ action: LAUpdateAction = .approve, updateURL: String? = updateURL) -> Result<LAUpdateRules.Ready, LAUpdateRefusal> {
        do throws(LAUpdateRefusal) {
            return .success(try LAUpdateRules.prepare(la, previous: nil, localHEI: Self.receiving, sendingHEI: Self.sending, action: action,
                                                      signer: Self.signer, updateURL: updateURL, now: Self.today))
        } catch {
            return .failure(error)
        }
    }

    func refusal(_ result: Result<LAUpdateRules.Ready, LAUpdateRefusal>) -> LAUpdateRefusal? {
        if case .failure(let refusal) = result { return refusal }
        return nil
    }

    @Test("the proposal acted on is the LA's changes-proposal: its id goes into the request, with our signature")
    func choosesTheProposal() throws {
        let la = try Self.la(.changesProposed(proposalID: "prop-7"))
        #expect(LAUpdateRules.pendingProposal(la)?.id == "prop-7")
        let ready = try prepare(la).get()
        #expect(ready.request.changesProposalID == "prop-7" && ready.request.omobilityID == "om-1" && ready.request.sendingHEI == Self.sending)
        #expect(ready.request.action == .approve)
        #expect(ready.request.signature.signerName == "International Relations Office" && ready.request.signature.signerEmail == "iro@b.example")
        #expect(ready.request.signature.signerApp == "ewp-node" && ready.request.signature.timestamp.date == Self.today)
        let first = try prepare(try Self.la(.proposedFirstVersion(proposalID: "first-1")), .comment("why")).get()
        #expect(first.request.changesProposalID == "first-1" && first.request.action == .comment("why"))
    }

    @Test("no pending changes proposal: refused, saying the latest version is approved")
    func noProposal() throws {
        let refused = try #require(refusal(prepare(try Self.la(.signedFirstVersion))))
        #expect(refused.reason == .noPendingProposal)
        #expect(refused.message.contains("no pending changes proposal") && refused.message.contains("already approved"), "\(refused.message)")
        #expect(refusal(prepare(try Self.la(.signedFirstVersion), .comment("x")))?.reason == .noPendingProposal)
    }

    @Test("a guideline error blocks an approval, naming every error rule; a comment on the same proposal goes through")
    func errorsBlockApproval() throws {
        let la = try Self.la(.changesProposed(proposalID: "p-err"), provisions: false)
        let refused = try #require(refusal(prepare(la)))
        #expect(refused.reason == .guidelineErrors)
        #expect(refused.findings.map(\.rule.id) == ["LA-PROVISIONS-URL"])
        #expect(refused.findings.allSatisfy { $0.severity == .error })
        #expect(refused.description.contains("error LA-PROVISIONS-URL: "), "\(refused.description)")
        let comment = try prepare(la, .comment("Please publish your provisions")).get()
        #expect(comment.findings.contains { $0.rule.id == "LA-PROVISIONS-URL" })
        #expect(LAUpdateRules.blockingFindings(comment.findings, action: .comment("x")).isEmpty)
        #expect(LAUpdateRules.blockingFindings(comment.findings, action: .approve).map(\.rule.id) == ["LA-PROVISIONS-URL"])
    }

    @Test("warnings do not block an approval and are returned")
    func warningsDoNotBlock() throws {
        let ready = try prepare(try Self.la(.changesProposed(proposalID: "p-late"))).get()
        #expect(!ready.findings.isEmpty)
        #expect(ready.findings.allSatisfy { $0.severity == .warning })
        #expect(ready.findings.contains { $0.rule.id == "LA-CHANGES-ANSWER" }, "\(ready.findings)")
    }

    @Test("a partner without update-url, or an LA of another receiving HEI, or an empty comment: refused")
    func otherRefusals() throws {
        let la = try Self.la(.changesProposed(proposalID: "p-1"))
        #expect(refusal(prepare(la, updateURL: nil))?.reason == .noUpdateEndpoint)
        #expect(refusal(prepare(la, updateURL: ""))?.reason == .noUpdateEndpoint)
        #expect(refusal(prepare(try Self.la(.changesProposed(proposalID: "p-1"), receiving: "c.example")))?.reason == .notReceivingHEI)
        #expect(refusal(prepare(la, .comment("  ")))?.reason == .badRequest)
    }

    @Test("the partner's refusal is shown with its developer-message and user-message")
    func partnerMessages() {
        let conflict = ErrorResponse(developerMessage: "proposal p-1 is not current", userMessages: [.init(text: "Please refresh your copy.")])
        #expect(LAUpdateResponses.partnerMessage(developerMessage: "proposal p-1 is not current", body: conflict.document)
                == ": proposal p-1 is not current (user message: Please refresh your copy.)")
        #expect(LAUpdateResponses.partnerMessage(developerMessage: nil, body: []) == " (no developer-message)")
    }

    @Test("signer values: given ones trimmed, blanks take the defaults")
    func signerDefaults() {
        let given = LASigner(name: " Ana ", position: "Coordinator", email: "ana@b.example", adminEmail: "iro@b.example")
        #expect(given == LASigner(name: "Ana", position: "Coordinator", email: "ana@b.example", adminEmail: "x"))
        let blank = LASigner(name: "", position: " ", email: nil, adminEmail: "iro@b.example")
        #expect(blank.name == LASigner.defaultName && blank.position == LASigner.defaultPosition && blank.email == "iro@b.example")
    }
}
