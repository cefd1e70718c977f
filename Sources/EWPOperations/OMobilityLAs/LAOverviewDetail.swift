import EWPAPIs
import EWPModel
import EWPStore
import Foundation

extension LAOverview {
    /// One learning agreement in full: the current summary, its history and its findings.
    public struct Detail: Sendable {
        public var row: Row
        public var la: LearningAgreement?
        /// The `la` element as stored (ours: as `get` serves it; a partner's: as pulled); nil when deleted.
        public var document: [UInt8]?
        /// Ours: every version, oldest first (import, approval, comment).
        public var versions: [LAVersion]
        /// A partner's: the copy as last pulled (only the latest copy is kept).
        public var pulled: PartnerCopy?
        /// A partner's: our answers (approve, comment) to its proposals as the partner accepted them, oldest first.
        public var answers: [LAAnswer]
        public var findings: [LAVersion.FindingRecord]
        /// The day the findings were computed for (our import; a partner copy's last change).
        public var findingsAsOf: Date?

        public var json: [String: Any] {
            var summary = row.json
            if let la {
                summary["start"] = la.start.description
                summary["end"] = la.end.description
                summary["student_global_id"] = la.student.globalID ?? NSNull()
                summary["eqf_level"] = la.eqfLevelStudiedAtDeparture.value
                summary["isced_f_code"] = la.iscedFCode
                summary["language"] = "\(la.studentLanguageSkill.language) \(la.studentLanguageSkill.cefrLevel)"
            }
            summary["deleted"] = document == nil
            summary["document"] = document.map { String(decoding: $0, as: UTF8.self) } ?? NSNull()
            return ["la": summary, "history": history, "findings": findings.map(Self.json),
                    "findings_as_of": findingsAsOf.map(QueueRowFormat.timestamp) ?? NSNull()]
        }

        var history: [[String: Any]] {
            if let pulled {
                return [["event": "pulled", "seen_at": QueueRowFormat.timestamp(pulled.seenAt), "changed_at": QueueRowFormat.timestamp(pulled.changedAt),
                         "deleted": pulled.document == nil,
                         "document": pulled.document.map { String(decoding: $0, as: UTF8.self) } ?? NSNull()]] + answers.map(answerJSON)
            }
            return versions.map { version in
                ["revision": version.revision, "event": version.event.rawValue, "at": QueueRowFormat.timestamp(version.at),
                 "actor": version.actorHEI, "changes_proposal_id": version.changesProposalID ?? NSNull(),
                 "signature": version.signature.map(Self.json) ?? NSNull(), "comment": version.comment ?? NSNull(),
                 "findings": version.findings.map(Self.json), "document": version.document] as [String: Any]
            }
        }

        /// Our answer, in the terms of a version of ours: the receiving HEI (we) approved or commented.
        func answerJSON(_ answer: LAAnswer) -> [String: Any] {
            ["event": answer.event, "at": QueueRowFormat.timestamp(answer.at), "actor": row.heiID.value,
             "changes_proposal_id": answer.changesProposalID, "signature": Self.json(answer.signature),
             "comment": answer.comment ?? NSNull(), "partner_messages": answer.partnerMessages]
        }

        static func json(_ finding: LAVersion.FindingRecord) -> [String: Any] {
            ["rule": finding.rule, "severity": finding.severity, "message": finding.message]
        }

        static func json(_ signature: LAVersion.SignatureRecord) -> [String: Any] {
            ["signer_name": signature.signerName ?? NSNull(), "signer_position": signature.signerPosition ?? NSNull(),
             "signer_email": signature.signerEmail ?? NSNull(), "timestamp": signature.timestamp, "signer_app": signature.signerApp ?? NSNull()]
        }

        /// Human text for the CLI: the summary, one line per version, one line per finding.
        public var text: String {
            var lines = [row.line]
            if let la {
                lines.append("  \(la.sendingHEI.heiID) -> \(la.receivingHEI.heiID), \(la.start) to \(la.end), EQF \(la.eqfLevelStudiedAtDeparture.value), "
                             + "ISCED \(la.iscedFCode), \(la.studentLanguageSkill.language) \(la.studentLanguageSkill.cefrLevel)")
            }
            lines.append("history:")
            if let pulled {
                lines.append("  pulled from \(pulled.partnerHEI): last seen \(QueueRowFormat.timestamp(pulled.seenAt)), content changed "
                             + "\(QueueRowFormat.timestamp(pulled.changedAt))" + (pulled.document == nil ? " (deleted or no longer shown to us)" : "")
                             + " (only the latest copy is kept)")
            }
            for answer in answers {
                let signature = answer.signature
                lines.append("  \(QueueRowFormat.timestamp(answer.at)) \(answer.event) by \(row.heiID) proposal \(answer.changesProposalID) signed by "
                             + "\(signature.signerName ?? "?") (\(signature.signerPosition ?? "?"), \(signature.signerEmail ?? "?")) at \(signature.timestamp)"
                             + (answer.comment.map { " comment: \($0)" } ?? ""))
            }
            for version in versions {
                var line = "  r\(version.revision) \(QueueRowFormat.timestamp(version.at)) \(version.event.rawValue) by \(version.actorHEI)"
                if let id = version.changesProposalID { line += " proposal \(id)" }
                if let signature = version.signature { line += " signed by \(signature.signerName ?? "?") at \(signature.timestamp)" }
                if let comment = version.comment { line += " comment: \(comment)" }
                if !version.findings.isEmpty { line += " (\(version.findings.count) finding\(version.findings.count == 1 ? "" : "s"))" }
                lines.append(line)
            }
            let asOf = findingsAsOf.map { " as of \(QueueRowFormat.timestamp($0))" } ?? ""
            lines.append(findings.isEmpty ? "findings\(asOf): none" : "findings\(asOf):")
            lines += findings.map { "  \($0.severity) \($0.rule): \($0.message)" }
            return lines.joined(separator: "\n")
        }
    }
}

extension LAAnswer {
    /// "approved" or "commented", as the history of ours names the receiving HEI's answers.
    var event: String { action == .approve ? LAVersion.Event.approved.rawValue : LAVersion.Event.commented.rawValue }
}
