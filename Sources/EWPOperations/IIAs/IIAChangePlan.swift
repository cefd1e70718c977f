import EWPAPIs
import EWPCore
import EWPModel
import EWPStore
import Foundation

/// One checked IIA of ours to store: `iia` passed `OwnIIARules` for `heiID`.
struct IIACandidate: Sendable {
    var iia: IIA
    var heiID: String
    /// Position of the `iia` element in its document's root (for problem locations).
    var position: Int

    var iiaID: String { iia.local.iiaID ?? "" }
}

/// Decides, without I/O, what storing candidates over the stored objects changes: which objects
/// to write, which CNRs to queue, what to report. The rules (IIAs API v7 README;
/// ewp-specs-architecture › Broadcasting changes (CNR APIs)):
/// - a new id is created and its partner notified;
/// - a stored id whose document (with our hash) and partner are unchanged is left alone: no write,
///   no CNR, modifiedAt kept;
/// - a changed one is replaced and its partner notified; a changed partner HEI notifies the old
///   partner too (it can no longer see the IIA); a mutually approved IIA that changes keeps its
///   last approved version as `iia-snapshot` (its approvals no longer match the new hash);
/// - the id of a deleted IIA is never reused: a problem, and the document is refused.
struct IIAChangePlan: Sendable {
    var upserts: [OwnObject] = []
    var notifications: [NotificationKey] = []
    var entries: [IIAImportEntry] = []
    /// Locations from the document root.
    var problems: [IIAProblem] = []

    /// `mutuallyApproved`: ids (of `existing`) whose current version both partners approved.
    init(_ candidates: [IIACandidate], existing: [OwnObject], mutuallyApproved: Set<String> = [], now: Date) {
        let stored = Dictionary(existing.map { ("\($0.heiID) \($0.objectID)", $0) }, uniquingKeysWith: { first, _ in first })
        for candidate in candidates {
            let key = "\(candidate.heiID) \(candidate.iiaID)"
            plan(candidate, existing: stored[key], approved: mutuallyApproved.contains(key), now: now)
        }
    }

    /// The key `mutuallyApproved` uses for an object.
    static func key(_ object: OwnObject) -> String { "\(object.heiID) \(object.objectID)" }

    private mutating func plan(_ candidate: IIACandidate, existing: OwnObject?, approved: Bool, now: Date) {
        let iia = candidate.iia
        if let existing, existing.isTombstone {
            problems.append(IIAProblem(at: [candidate.position, iia.local.position],
                                       "iia-id \(candidate.iiaID) belonged to an IIA of \(candidate.heiID) that was deleted; ids of deleted IIAs are never reused (IIAs API v7 README): give this IIA a new id"))
            return
        }
        let object = OwnIIAStorage.object(iia, heiID: candidate.heiID, modifiedAt: now)
        guard let existing else {
            record(object, outcome: .created, notify: object.partnerHEIs)
            return
        }
        if existing.document == object.document && existing.partnerHEIs == object.partnerHEIs {
            entries.append(.init(heiID: HEIID(candidate.heiID), iiaID: IIAID(candidate.iiaID), outcome: .unchanged))
            return
        }
        if approved {
            var snapshot = existing
            snapshot.kind = OwnIIAStorage.snapshotKind
            snapshot.modifiedAt = now
            upserts.append(snapshot)
        }
        record(object, outcome: .updated, notify: object.partnerHEIs + existing.partnerHEIs.filter { !object.partnerHEIs.contains($0) })
    }

    private mutating func record(_ object: OwnObject, outcome: ImportOutcome, notify partners: [String]) {
        upserts.append(object)
        notifications += partners.map { Self.notification(heiID: object.heiID, partner: $0, iiaID: object.objectID) }
        entries.append(.init(heiID: HEIID(object.heiID), iiaID: IIAID(object.objectID), outcome: outcome))
    }

    /// The IIA CNR telling `partner` that our IIA `iiaID` changed (created, updated or deleted).
    static func notification(heiID: String, partner: String, iiaID: String) -> NotificationKey {
        NotificationKey(api: OwnIIAStorage.notificationAPI, localHEI: heiID, partnerHEI: partner, objectID: iiaID)
    }
}
