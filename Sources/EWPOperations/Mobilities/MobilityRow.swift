import EWPAPIs
import EWPCore
import Foundation

/// A nomination as one of our covered HEIs holds it: ours (we are the sending HEI, the mobility as
/// imported) or a partner's (we are the receiving HEI, the copy pulled from the sending HEI), with
/// the receiving HEI's answer as far as we know it.
public struct MobilityNomination: Sendable, Equatable {
    public var role: LAOverview.Role
    public var partnerHEI: HEIID
    public var omobilityID: OMobilityID
    /// The sending HEI's status (Outgoing Mobilities: nomination, live, recognized, cancelled).
    public var status: String
    public var academicYear: String
    public var studentName: String?
    /// The receiving HEI's answer: ours when we are the receiving HEI (`pending` until our staff
    /// act), the partner's as last pulled when we are the sending HEI (nil before the first pull).
    public var answer: NominationAnswer?
    /// Ours: the last import that changed it; a partner's: when its content last changed.
    public var changedAt: Date

    public init(role: LAOverview.Role, partnerHEI: HEIID, omobilityID: OMobilityID, status: String, academicYear: String, studentName: String?,
                answer: NominationAnswer?, changedAt: Date) {
        self.role = role
        self.partnerHEI = partnerHEI
        self.omobilityID = omobilityID
        self.status = status
        self.academicYear = academicYear
        self.studentName = studentName
        self.answer = answer
        self.changedAt = changedAt
    }
}

/// One mobility in the joined view of a covered HEI: the nomination, its status on both sides, the
/// learning agreement and the transcripts of records that carry the same omobility-id, the history
/// of status changes, and what looks wrong (`flags`).
public struct MobilityRow: Sendable {
    /// Our covered HEI.
    public var heiID: HEIID
    /// `sending`: our student (our nomination, our LA, the partner's transcript); `receiving`: the
    /// partner's student (its nomination, its LA, our transcript).
    public var role: LAOverview.Role
    public var omobilityID: OMobilityID
    /// The other HEI of the mobility.
    public var partnerHEI: HEIID
    /// Nil when an LA or a transcript carries the id but no nomination is held.
    public var nomination: MobilityNomination?
    public var learningAgreement: LAOverview.Row?
    /// Received (we are the sending HEI) or issued (we are the receiving HEI; one per ToRs version).
    public var transcripts: [ToROverview.Row]
    /// Oldest first.
    public var history: [MobilityStatusEvent]
    /// Each a sentence saying what is wrong (`MobilityFlags`).
    public var flags: [String]

    public var sendingHEI: HEIID { role == .sending ? heiID : partnerHEI }
    public var receivingHEI: HEIID { role == .sending ? partnerHEI : heiID }
    /// The sending HEI's status; nil when no nomination is held.
    public var sendingStatus: String? { nomination?.status }
    /// The receiving HEI's answer; nil when unknown (no nomination, or not pulled yet).
    public var receivingStatus: String? { nomination?.answer?.status.rawValue }
    /// Transcripts present (not deleted or hidden by the partner).
    public var presentTranscripts: [ToROverview.Row] { transcripts.filter { $0.document != nil } }

    public var json: [String: Any] {
        [
            "hei": heiID.value, "role": role.rawValue, "omobility_id": omobilityID.value, "partner": partnerHEI.value,
            "sending_hei": sendingHEI.value, "receiving_hei": receivingHEI.value,
            "nomination": nomination.map { nomination -> [String: Any] in
                ["status": nomination.status, "academic_year": nomination.academicYear, "student": nomination.studentName ?? NSNull(),
                 "changed_at": QueueRowFormat.timestamp(nomination.changedAt)]
            } ?? NSNull(),
            "sending_status": sendingStatus ?? NSNull(), "receiving_status": receivingStatus ?? NSNull(),
            "answer": nomination?.answer.map { NominationAnswerJSON.object($0, sendingHEI: sendingHEI.value) } ?? NSNull(),
            "learning_agreement": learningAgreement?.json ?? NSNull(),
            "transcripts": transcripts.map(\.json), "transcript_present": !presentTranscripts.isEmpty,
            "history": history.map(\.json), "flags": flags,
        ]
    }

    /// One line for `mobility list`.
    public var line: String {
        var parts = ["\(role.rawValue) \(heiID) \(omobilityID) \(role == .sending ? "->" : "<-") \(partnerHEI)"]
        if let nomination {
            parts.append("\(nomination.academicYear) \(nomination.studentName ?? "-")")
        } else {
            parts.append("no nomination held")
        }
        parts.append("status: sending \(sendingStatus ?? "-"), receiving \(receivingStatus ?? "-")")
        parts.append("LA: " + (learningAgreement.map { $0.party?.state.rawValue ?? "unreadable" } ?? "none"))
        parts.append("ToR: " + (presentTranscripts.isEmpty ? "none" : presentTranscripts.map(\.version).joined(separator: ",")))
        if !flags.isEmpty { parts.append("FLAGGED: " + flags.joined(separator: "; ")) }
        return parts.joined(separator: "  ")
    }

    /// Several lines for `mobility show`.
    public var text: String {
        var lines = ["mobility \(omobilityID): \(sendingHEI) -> \(receivingHEI) (held by \(heiID), the \(role.rawValue) HEI)"]
        if let nomination {
            lines.append("  nomination: \(nomination.status), academic year \(nomination.academicYear), student \(nomination.studentName ?? "-"), changed \(QueueRowFormat.timestamp(nomination.changedAt))")
            lines.append("  receiving HEI's answer: " + (nomination.answer.map { NominationAnswerJSON.line($0, sendingHEI: sendingHEI.value) } ?? "not known yet"))
        } else {
            lines.append("  nomination: none held")
        }
        if let la = learningAgreement {
            lines.append("  learning agreement: " + (la.party.map { $0.text } ?? "unreadable: \(la.problem ?? "?")") + "  changed \(QueueRowFormat.timestamp(la.lastChange))")
        } else {
            lines.append("  learning agreement: none")
        }
        lines += transcripts.isEmpty ? ["  transcript of records: none"] : transcripts.map { "  transcript of records: \($0.line)" }
        lines.append("  history:")
        lines += history.isEmpty ? ["    (no status change recorded)"] : history.map { "    \($0.line)" }
        if !flags.isEmpty { lines += ["  flags:"] + flags.map { "    - \($0)" } }
        return lines.joined(separator: "\n")
    }
}

/// What looks wrong in a joined mobility, each a sentence (pure rules): a learning agreement or a
/// transcript of records that exists for a nomination the receiving HEI rejected or the sending HEI
/// cancelled (ewp-specs-api-omobilities README, "Workflows of changes in nomination and departure
/// statuses": neither follows such a nomination).
public enum MobilityFlags {
    public static func flags(sendingStatus: String?, receivingStatus: String?, hasLearningAgreement: Bool, hasTranscript: Bool) -> [String] {
        var reasons: [String] = []
        let documents = [hasLearningAgreement ? "a learning agreement" : nil, hasTranscript ? "a transcript of records" : nil].compactMap { $0 }
        guard !documents.isEmpty else { return [] }
        if receivingStatus == NominationAnswer.Status.rejected.rawValue {
            reasons += documents.map { "the receiving HEI rejected this nomination, yet \($0) exists for it" }
        }
        if sendingStatus == "cancelled" {
            reasons += documents.map { "the sending HEI cancelled this mobility, yet \($0) exists for it" }
        }
        return reasons
    }
}
