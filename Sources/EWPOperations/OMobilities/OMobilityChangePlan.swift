import EWPAPIs
import EWPCore
import EWPNotifications
import EWPStore
import Foundation

/// One mobility of an imported document, read and assigned to its covered sending HEI.
struct OMobilityCandidate: Sendable {
    var mobility: OutgoingMobility
    /// The covered HEI that sends the student, as the configuration spells it.
    var sendingHEI: String
    var line: Int?
    var path: String?
}

/// Decides, without I/O, what storing mobilities over the stored ones changes: which objects to
/// write, which OMobility CNRs to queue, what to report and what refuses the document. The rules
/// (Outgoing Mobilities v2; ewp-specs-architecture › Broadcasting changes (CNR APIs)):
/// - a new mobility is created and its receiving HEI notified; a stored one whose document is
///   unchanged is left alone (no write, no CNR, modifiedAt kept); a changed one is replaced and
///   notified;
/// - a mobility's receiving HEI never changes: a stored mobility naming another one refuses the
///   document (the receiving HEI holds the nomination; a new one needs a new omobility-id);
/// - the id of a deleted mobility is never reused;
/// - a new mobility, or a status that differs from the stored one, records a status event
///   (`MobilityStatusEvents`) in the same transaction.
struct OMobilityChangePlan: Sendable {
    var upserts: [OwnObject] = []
    var notifications: [NotificationKey] = []
    var entries: [OMobilityImportEntry] = []
    var problems: [ImportIssue] = []

    /// `existing`: the stored mobilities of the candidates' sending HEIs and ids.
    init(_ candidates: [OMobilityCandidate], existing: [OwnObject], now: Date) {
        let stored = Dictionary(existing.map { ("\(HEIID($0.heiID).normalized)\u{0}\($0.objectID)", $0) }, uniquingKeysWith: { first, _ in first })
        for candidate in candidates {
            plan(candidate, stored: stored["\(HEIID(candidate.sendingHEI).normalized)\u{0}\(candidate.mobility.omobilityID.value)"], now: now)
        }
    }

    private mutating func plan(_ candidate: OMobilityCandidate, stored: OwnObject?, now: Date) {
        let mobility = candidate.mobility
        func refuse(_ message: String) { problems.append(.init(line: candidate.line, path: candidate.path, message: "omobility-id \(mobility.omobilityID): \(message)")) }
        if let stored, stored.isTombstone {
            return refuse("this mobility was deleted; ids of deleted objects are never reused")
        }
        if let stored, let other = OwnOMobilityStorage.receivingHEI(stored), other != mobility.receivingHEI {
            return refuse("it was imported with the receiving HEI \(other), not \(mobility.receivingHEI); a mobility's receiving HEI never changes (nominate with a new omobility-id)")
        }
        let object = OwnOMobilityStorage.object(mobility, sendingHEI: candidate.sendingHEI, modifiedAt: now)
        var entry = OMobilityImportEntry(sendingHEI: candidate.sendingHEI, omobilityID: mobility.omobilityID, receivingHEI: mobility.receivingHEI,
                                         status: mobility.status, outcome: .created)
        if let stored {
            entry.outcome = stored.document == object.document && stored.filterKeys == object.normalized.filterKeys ? .unchanged : .updated
        }
        entries.append(entry)
        guard entry.outcome != .unchanged else { return }
        upserts.append(object)
        let storedStatus = stored.flatMap { try? OwnOMobilityStorage.element($0) }.flatMap { try? OutgoingMobility($0) }?.status
        if storedStatus != mobility.status {
            let event = MobilityStatusEvent(sendingHEI: candidate.sendingHEI, omobilityID: mobility.omobilityID.value, side: .sending,
                                            status: mobility.status, at: now, origin: .imported)
            upserts.append(MobilityStatusEvents.object(event, localHEI: candidate.sendingHEI, partnerHEI: mobility.receivingHEI.value))
        }
        notifications.append(OwnOMobilityStorage.notification(sendingHEI: candidate.sendingHEI, receivingHEI: mobility.receivingHEI,
                                                              omobilityID: mobility.omobilityID))
    }
}

/// What the import did to one mobility.
public struct OMobilityImportEntry: ImportedObject {
    public var sendingHEI: String
    public var omobilityID: OMobilityID
    public var receivingHEI: HEIID
    public var status: String
    public var outcome: ImportOutcome

    public var reportLines: [String] { ["  \(outcome.rawValue) \(sendingHEI) \(omobilityID) (receiving HEI \(receivingHEI), \(status))"] }
}

/// What an import of one `omobilities-get-response` did.
public typealias OMobilityImportReport = ImportReport<OMobilityImportEntry>
