import EWPAPIs
import EWPCore
import EWPModel
import Foundation

extension NodeOperations {
    /// What our approval or comment did.
    public struct PartnerLAUpdate: Sendable {
        public let sendingHEI: HEIID
        public let omobilityID: OMobilityID
        public let action: LAUpdateAction
        public let changesProposalID: String
        public let signature: Signature
        /// Guideline findings on the LA as it was acted on (warnings only for an approval).
        public let findings: [Finding]
        public let partnerMessages: [String]
        /// The LA as pulled afterwards (nil when that pull failed, see `refreshProblem`).
        public let after: LearningAgreement?
        public let refreshProblem: String?
        /// Why our answer was not recorded after the partner accepted it (nil: recorded; see `LAAnswers`).
        public let recordProblem: String?
    }

    /// The signer of our approvals and comments: the given values, else the defaults (see `LASigner`)
    /// with the first configured admin e-mail.
    public func laSigner(name: String?, position: String?, email: String?) -> LASigner {
        LASigner(name: name, position: position, email: email, adminEmail: adminEmail)
    }

    /// Approves or comments on the sending HEI's current changes proposal as our covered HEI
    /// `localHEI` (see `LAUpdateClient`); throws `LAUpdateRefusal` with the reasons when refused.
    public func updatePartnerLA(localHEI: HEIID, sendingHEI: HEIID, omobilityID: OMobilityID, action: LAUpdateAction,
                                signer: LASigner) async throws(LAUpdateRefusal) -> PartnerLAUpdate {
        let client = LAUpdateClient(store: store, partners: notifications.partners, now: now)
        let outcome = try await client.update(localHEI: localHEI.value, sendingHEI: sendingHEI.value, omobilityID: omobilityID.value,
                                              action: action, signer: signer)
        return PartnerLAUpdate(sendingHEI: sendingHEI, omobilityID: omobilityID, action: action,
                               changesProposalID: outcome.request.changesProposalID, signature: outcome.request.signature,
                               findings: outcome.findings, partnerMessages: outcome.partnerMessages, after: outcome.after,
                               refreshProblem: outcome.refreshProblem, recordProblem: outcome.recordProblem)
    }
}

extension NodeOperations.PartnerLAUpdate {
    /// The LA's state after the update, in words: the pending proposal, or the approved version.
    public var stateAfter: String {
        guard let after else { return "not known: \(refreshProblem ?? "the LA was not pulled again")" }
        if let proposal = after.changesProposal {
            return proposal.id == changesProposalID ? "changes proposal \(proposal.id) still pending" : "changes proposal \(proposal.id) pending"
        }
        return after.approvedChanges != nil ? "approved (first version and approved changes)" : "approved (first version)"
    }

    public var json: [String: Any] {
        [
            "sending_hei": sendingHEI.value, "omobility_id": omobilityID.value, "action": action.name, "changes_proposal_id": changesProposalID,
            "signature": ["signer_name": signature.signerName ?? "", "signer_position": signature.signerPosition ?? "",
                          "signer_email": signature.signerEmail ?? "", "timestamp": signature.timestamp.text, "signer_app": signature.signerApp ?? ""],
            "findings": findings.map(LAUpdateRefusal.json), "partner_messages": partnerMessages,
            "pending_proposal_after": after?.changesProposal?.id as Any? ?? NSNull(), "state_after": stateAfter,
            "answer_recorded": recordProblem == nil, "record_problem": recordProblem ?? NSNull(),
        ]
    }
}

extension LAUpdateRefusal {
    static func json(_ finding: Finding) -> [String: Any] {
        ["rule": finding.rule.id, "severity": finding.severity.rawValue, "message": finding.message]
    }

    public var json: [String: Any] {
        ["error": message, "reason": reason.rawValue, "findings": findings.map(Self.json)]
    }
}
