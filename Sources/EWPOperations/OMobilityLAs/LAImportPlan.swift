import EWPAPIs
import EWPCore
import EWPModel
import EWPStore
import Foundation

/// One LA of ours to store: its sending HEI is the covered HEI `heiID`.
struct LACandidate: Sendable {
    var la: LearningAgreement
    var heiID: String
    /// Path of the `la` element in its document (for problem locations).
    var path: String
}

/// Decides, without I/O, what storing candidates over the stored LAs changes:
/// - the Erasmus+ guideline check runs on every LA, with the stored one as the previous version:
///   an error refuses the document; warnings are reported and stored with the new version;
/// - a new omobility-id is created, a changed LA replaced (revision + 1, a version record), and
///   the receiving HEI gets an LA CNR; an LA whose stored bytes would not change is left alone
///   (no write, no CNR);
/// - refused: a different receiving HEI for a stored mobility; a changes proposal the receiving
///   HEI already approved coming back as pending (the import would undo its signature); a
///   changes proposal that keeps its id but changes its content (its id identifies the version
///   the receiving HEI approves, OMobility LAs API v1 endpoints/get.md); the id of a deleted LA;
/// - the receiving HEI's answers are kept: approved proposal ids always, the rejection of the
///   current proposal while that proposal is still the one imported.
struct LAImportPlan: Sendable {
    var upserts: [OwnObject] = []
    var notifications: [NotificationKey] = []
    var expectations: [OwnObjectExpectation] = []
    var entries: [LAImportEntry] = []
    var problems: [ImportIssue] = []

    init(_ candidates: [LACandidate], existing: [OwnObject], now: Date) {
        let stored = Dictionary(existing.map { ("\($0.heiID) \($0.objectID)", $0) }, uniquingKeysWith: { first, _ in first })
        var years = Set<String>()
        for candidate in candidates {
            let object = stored["\(candidate.heiID) \(candidate.la.omobilityID)"]
            expectations.append(.unchanged(kind: OwnLAStorage.kind, heiID: candidate.heiID, objectID: candidate.la.omobilityID, object))
            guard plan(candidate, existing: object, now: now) else { continue }
            if years.insert("\(candidate.heiID) \(candidate.la.receivingAcademicYearID)").inserted {
                upserts.append(OwnLAStorage.yearObject(candidate.la.receivingAcademicYearID, heiID: candidate.heiID, at: now))
            }
        }
    }

    /// Plans one candidate; true when it is written.
    private mutating func plan(_ candidate: LACandidate, existing: OwnObject?, now: Date) -> Bool {
        let la = candidate.la
        func problem(_ message: String) { problems.append(ImportIssue(path: candidate.path, message: message)) }
        if let existing, existing.isTombstone {
            problem("omobility-id \(la.omobilityID) belonged to a learning agreement of \(candidate.heiID) that was deleted; its id is never reused")
            return false
        }
        // A stored LA that cannot be read is replaced as if new (the import repairs it).
        let previous = existing.flatMap { try? OwnLAStorage.learningAgreement($0) }
        let marks = existing.map(OwnLAStorage.marks) ?? LAMarks()
        var refused = false
        if let previous, HEIID(previous.receivingHEI.heiID) != HEIID(la.receivingHEI.heiID) {
            problem("the receiving HEI of mobility \(la.omobilityID) is \(previous.receivingHEI.heiID) and never changes (this document says \(la.receivingHEI.heiID)); another receiving HEI is another mobility with its own omobility-id")
            refused = true
        }
        if let proposal = la.changesProposal {
            if marks.approvedProposalIDs.contains(proposal.id) {
                problem("changes-proposal \(proposal.id) was already approved by the receiving HEI \(la.receivingHEI.heiID); import the learning agreement as it is now (the approved tables in first-version or approved-changes, with the receiving HEI's signature), or a new proposal with a new id")
                refused = true
            } else if let pending = previous?.changesProposal, pending.id == proposal.id, pending != proposal {
                problem("changes-proposal \(proposal.id) has new content but the same id; its id must change whenever its content does (the receiving HEI approves a proposal by its id)")
                refused = true
            }
        }
        let findings = GuidelineCheck.findings(for: la, today: now, context: GuidelineContext(previous: previous))
        for finding in findings where finding.severity == .error {
            problem("\(finding) (guideline rule \(finding.rule.id): \(finding.rule.sources.first.map { "\($0)" } ?? "Erasmus+ LA guidelines"))")
            refused = true
        }
        let warnings = findings.filter { $0.severity == .warning }
        guard !refused else { return false }

        var newMarks = marks
        if newMarks.rejectedProposalID != la.changesProposal?.id { newMarks.rejectedProposalID = nil }
        let revision = OwnLAStorage.revision(existing) + 1
        let object = OwnLAStorage.object(la, heiID: candidate.heiID, marks: newMarks, revision: revision, modifiedAt: now)
        if let existing, existing.document == object.document, OwnLAStorage.marks(existing) == newMarks {
            entries.append(.init(heiID: HEIID(candidate.heiID), omobilityID: OMobilityID(la.omobilityID), outcome: .unchanged, warnings: warnings))
            return false
        }
        let receiving = HEIID(la.receivingHEI.heiID).normalized
        let version = LAVersion(omobilityID: la.omobilityID, revision: revision, event: .imported, at: now, actorHEI: candidate.heiID,
                                changesProposalID: la.changesProposal?.id, findings: warnings, document: object.document ?? [])
        upserts += [object, OwnLAStorage.object(version, heiID: candidate.heiID, receivingHEI: receiving)]
        notifications.append(NotificationKey(api: OwnLAStorage.notificationAPI, localHEI: candidate.heiID, partnerHEI: receiving,
                                             objectID: la.omobilityID))
        entries.append(.init(heiID: HEIID(candidate.heiID), omobilityID: OMobilityID(la.omobilityID), outcome: existing == nil ? .created : .updated,
                             warnings: warnings))
        return true
    }
}
