import EWPAPIs
import EWPCore
import EWPModel
import Foundation

/// Where a learning agreement stands with each party, derived from the LA itself and the receiving
/// HEI's answers: for our own LAs those recorded with it, for a partner's ours (`LAAnswers`), as `LAMarks`.
public struct LAPartyState: Sendable, Equatable {
    /// The sending HEI's signature on the first version (or on the proposed first version), as
    /// "name, timestamp"; nil when the LA has neither.
    public var sendingSignature: String?
    /// The receiving HEI's signature on the first version; nil while the first version is unsigned by it.
    public var receivingSignature: String?
    /// The changes proposal waiting for the receiving HEI, if any.
    public var pendingProposalID: String?
    /// Whether the receiving HEI commented on (rejected) the pending proposal. Nil when nothing is
    /// pending, or when the answers are unknown (`marks` nil).
    public var proposalRejected: Bool?
    /// Whether the receiving HEI approved the pending proposal, the LA not yet showing its
    /// signature (a partner's copy fetched before our approval). Nil as `proposalRejected`.
    public var proposalApproved: Bool?
    /// The latest version with the receiving HEI: awaiting, approved, rejected.
    public var state: LAState
    /// Approvals so far: never approved, approved and not modified since, modified after approval.
    public var approval: LAApprovalHistory

    /// `marks` nil: the receiving HEI's answers are unknown.
    public init(_ la: LearningAgreement, marks: LAMarks?) {
        let original = la.originalTables
        sendingSignature = original.map { Self.signature($0.sendingHEISignature) }
        receivingSignature = la.firstVersion?.receivingHEISignature.map(Self.signature)
        pendingProposalID = la.changesProposal?.id
        state = LAState(la, marks: marks ?? LAMarks())
        approval = LAApprovalHistory(la)
        if let pending = pendingProposalID, let marks {
            proposalRejected = marks.rejectedProposalID == pending
            proposalApproved = marks.approvedProposalIDs.contains(pending)
        } else {
            proposalRejected = nil
            proposalApproved = nil
        }
    }

    public var sendingSignedFirstVersion: Bool { sendingSignature != nil }
    public var receivingSignedFirstVersion: Bool { receivingSignature != nil }

    static func signature(_ signature: Signature) -> String {
        [signature.signerName, signature.timestamp.text].compactMap { $0 }.joined(separator: ", ")
    }

    var json: [String: Any] {
        ["state": state.rawValue, "approval": approval.rawValue,
         "sending_signed_first_version": sendingSignedFirstVersion, "sending_signature": sendingSignature ?? NSNull(),
         "receiving_signed_first_version": receivingSignedFirstVersion, "receiving_signature": receivingSignature ?? NSNull(),
         "pending_proposal_id": pendingProposalID ?? NSNull(), "proposal_rejected": proposalRejected ?? NSNull(),
         "proposal_approved": proposalApproved ?? NSNull()]
    }

    var text: String {
        var out = "state: \(state.rawValue)"
        if let pendingProposalID {
            out += " (proposal \(pendingProposalID)"
                + (proposalRejected == true ? ", commented by the receiving HEI"
                   : proposalApproved == true ? ", approved by the receiving HEI, not yet in this copy"
                   : proposalRejected == false ? ", not answered yet" : "") + ")"
        }
        return out + "  first version signed: sending \(sendingSignedFirstVersion ? "yes" : "no"), receiving \(receivingSignedFirstVersion ? "yes" : "no")"
            + "  \(approval.rawValue)"
    }
}

extension LAOverview {
    /// Which side of the mobility our covered HEI is on.
    public enum Role: String, Sendable, CaseIterable {
        /// Our LA: we are the sending HEI (the LA master).
        case sending
        /// A partner's LA: we are the receiving HEI; the partner's copy as pulled.
        case receiving
    }

    /// One learning agreement in a list.
    public struct Row: Sendable {
        /// Our covered HEI.
        public var heiID: HEIID
        public var role: Role
        public var omobilityID: OMobilityID
        /// The other HEI: the receiving HEI of ours, the sending HEI of a partner's.
        public var partnerHEI: HEIID
        public var mobilityType: String?
        public var academicYear: String?
        public var studentName: String?
        /// Nil when the LA cannot be read (`problem` says why).
        public var party: LAPartyState?
        /// Ours: the last import, approval or comment; a partner's: when its content last changed.
        public var lastChange: Date
        public var errors: Int
        public var warnings: Int
        /// Why the stored LA cannot be read as a learning agreement (a partner may send anything).
        public var problem: String?

        init(heiID: HEIID, role: Role, omobilityID: OMobilityID, partnerHEI: HEIID, la: LearningAgreement?, marks: LAMarks?,
             lastChange: Date, findings: [LAVersion.FindingRecord], problem: String?) {
            self.heiID = heiID
            self.role = role
            self.omobilityID = omobilityID
            self.partnerHEI = partnerHEI
            mobilityType = la?.mobilityType.rawValue
            academicYear = la?.receivingAcademicYearID
            studentName = la.flatMap { Self.name($0.student) }
            party = la.map { LAPartyState($0, marks: marks) }
            self.lastChange = lastChange
            errors = findings.filter { $0.severity == GuidelineSeverity.error.rawValue }.count
            warnings = findings.filter { $0.severity == GuidelineSeverity.warning.rawValue }.count
            self.problem = problem
        }

        static func name(_ student: Student) -> String? {
            let name = [student.givenNames, student.familyName].compactMap { $0 }.joined(separator: " ")
            return name.isEmpty ? nil : name
        }

        /// The sending and receiving HEIs in the LA's terms.
        public var sendingHEI: HEIID { role == .sending ? heiID : partnerHEI }
        public var receivingHEI: HEIID { role == .sending ? partnerHEI : heiID }

        public var json: [String: Any] {
            var object: [String: Any] = [
                "hei": heiID.value, "role": role.rawValue, "omobility_id": omobilityID.value, "partner": partnerHEI.value,
                "sending_hei": sendingHEI.value, "receiving_hei": receivingHEI.value,
                "mobility_type": mobilityType ?? NSNull(), "academic_year": academicYear ?? NSNull(), "student": studentName ?? NSNull(),
                "last_change": QueueRowFormat.timestamp(lastChange), "errors": errors, "warnings": warnings, "unreadable": problem ?? NSNull(),
            ]
            object.merge(party?.json ?? [:]) { _, new in new }
            return object
        }

        public var line: String {
            let what = "\(role.rawValue) \(heiID) \(omobilityID) \(role == .sending ? "->" : "<-") \(partnerHEI)"
            guard let party else { return what + "  UNREADABLE: \(problem ?? "?")" }
            return what + "  \(mobilityType ?? "-") \(academicYear ?? "-") \(studentName ?? "-")  \(party.text)"
                + "  findings: \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
                + "  changed \(QueueRowFormat.timestamp(lastChange))"
        }
    }
}
