import ArgumentParser
import EWPCore
import EWPModel
import EWPNode
import EWPOperations
import Foundation

/// The options `la approve` and `la comment` share.
struct LAUpdateOptions: ParsableArguments {
    @Option(name: .customLong("sending-hei"), help: "The sending HEI (the LA master) whose learning agreement this is.")
    var sendingHEI: HEIID
    @Option(name: .customLong("omobility-id"), help: "The mobility's id (the learning agreement's id).")
    var omobilityID: OMobilityID
    @Option(help: "Our covered HEI, the receiving HEI (needed when the node covers several).")
    var hei: HEIID?
    @Option(name: .customLong("signer-name"), help: "Who signs for our HEI (default: \"\(LASigner.defaultName)\").")
    var signerName: String?
    @Option(name: .customLong("signer-position"), help: "The signer's position (default: \"\(LASigner.defaultPosition)\").")
    var signerPosition: String?
    @Option(name: .customLong("signer-email"), help: "The signer's e-mail (default: the admin e-mail, EWP_ADMIN_EMAIL).")
    var signerEmail: String?

    /// Runs the update; prints what was done, or the reason on stderr and exits 1.
    func run(_ action: LAUpdateAction) async throws {
        let operations = try await makeCommandOperations()
        let local = try coveredHEI(hei, in: operations)
        let signer = operations.laSigner(name: signerName, position: signerPosition, email: signerEmail)
        do {
            let done = try await operations.updatePartnerLA(localHEI: local, sendingHEI: sendingHEI, omobilityID: omobilityID,
                                                         action: action, signer: signer)
            let verb = action == .approve ? "approved" : "commented on"
            print("\(verb) changes proposal \(done.changesProposalID) of \(sendingHEI)'s learning agreement \(omobilityID), signed by \(signer.name) (\(signer.position), \(signer.email))")
            for message in done.partnerMessages where !message.isEmpty { print("\(sendingHEI) says: \(message)") }
            for finding in done.findings { print(finding) }
            print("now: \(done.stateAfter)")
            if let problem = done.recordProblem { print("warning: \(problem)") }
        } catch {
            FileHandle.standardError.write(Data("\(action == .approve ? "not approved" : "not commented"): \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}

/// `ewp-node la approve --sending-hei HEI --omobility-id ID`: approve (sign) the partner's current
/// changes proposal through its `update` endpoint, as the receiving HEI.
struct LAApproveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve", abstract: "Approve (sign) a partner's current changes proposal, as the receiving HEI.",
        discussion: """
            Pulls the learning agreement fresh from the sending HEI, refuses when there is no pending changes proposal, \
            when the Erasmus+ guidelines find errors in it (each rule is listed), or when the partner takes no updates; \
            then sends approve-proposal-v1 and pulls the agreement again. Signer defaults: name and position \
            "\(LASigner.defaultName)", e-mail the admin e-mail (EWP_ADMIN_EMAIL); signer-app "\(LASigner.app)". \
            Exit 1 with the reason on stderr when not approved.
            """)
    @OptionGroup var options: LAUpdateOptions

    func run() async throws { try await options.run(.approve) }
}

/// `ewp-node la comment --sending-hei HEI --omobility-id ID --comment TEXT`: send the partner's
/// current changes proposal back with a comment, as the receiving HEI.
struct LACommentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "comment", abstract: "Comment on (do not accept) a partner's current changes proposal, as the receiving HEI.",
        discussion: """
            Pulls the learning agreement fresh, refuses when there is no pending changes proposal or the partner takes no \
            updates, then sends comment-proposal-v1 and pulls the agreement again. Guideline findings are shown but do not \
            block a comment. Signer defaults as for `la approve`. Exit 1 with the reason on stderr when not sent.
            """)
    @OptionGroup var options: LAUpdateOptions
    @Option(help: "Why the proposal is not accepted and what to change.") var comment: String

    func run() async throws { try await options.run(.comment(comment)) }
}
