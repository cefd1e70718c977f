import EWPAPIs
import EWPCore
import EWPStore
import Foundation

/// One transcript of an imported document, read and assigned to its issuer (a covered HEI).
struct ToRCandidate: Sendable {
    var tor: TranscriptOfRecords
    var receivingHEI: String
    /// Where it is in the document: its line and path, e.g. `/imobility-tors-get-response/tor[2]`.
    var line: Int?
    var path: String?
    /// The sending HEI named by the learning agreement we hold for this mobility (nil: none held).
    var sendingHEIFromLA: String?
}

/// Decides, without I/O, what storing transcripts over the stored ones changes: which objects to
/// write, which ToR CNRs to queue, what to report, and what refuses the document. The rules
/// (README `import`, IMobility ToRs API; ewp-specs-architecture › Broadcasting changes (CNR APIs)):
/// - a ToR does not name its sending HEI: it is the one the learning agreement we hold for the
///   mobility names, else `--sending-hei` (for every ToR of the file without one); neither: refused;
/// - a mobility's sending HEI never changes: a stored transcript (of either version) naming
///   another one refuses the document;
/// - a new transcript is created and its sending HEI notified; a stored one whose document is
///   unchanged is left alone (no write, no CNR, modifiedAt kept); a changed one is replaced and
///   notified;
/// - the id of a deleted transcript is never reused.
struct ToRChangePlan: Sendable {
    var upserts: [OwnObject] = []
    var notifications: [NotificationKey] = []
    var entries: [ToRImportEntry] = []
    var problems: [ImportIssue] = []

    /// `existing`: the stored transcripts (both versions) of the candidates' receiving HEIs and ids.
    init(_ candidates: [ToRCandidate], sendingHEIOption: String?, existing: [OwnObject], now: Date) {
        let stored = Dictionary(grouping: existing) { Self.key($0.heiID, $0.objectID) }
        for candidate in candidates {
            plan(candidate, option: sendingHEIOption, stored: stored[Self.key(candidate.receivingHEI, candidate.tor.omobilityID)] ?? [], now: now)
        }
    }

    private static func key(_ hei: String, _ id: String) -> String { "\(hei)\u{0}\(id)" }

    private mutating func plan(_ candidate: ToRCandidate, option: String?, stored: [OwnObject], now: Date) {
        let tor = candidate.tor
        let sending: String
        switch Self.sendingHEI(candidate, option: option, stored: stored) {
        case .failure(let problem):
            problems.append(.init(line: candidate.line, path: candidate.path, message: problem.message))
            return
        case .success(let hei):
            sending = hei
        }
        let existing = stored.first { $0.kind == tor.version.storageKind }
        if let existing, existing.isTombstone {
            problems.append(.init(line: candidate.line, path: candidate.path, message: "omobility-id \(tor.omobilityID): the \(tor.version) transcript of this mobility was deleted; ids of deleted objects are never reused"))
            return
        }
        let object = OwnToRStorage.object(tor, receivingHEI: candidate.receivingHEI, sendingHEI: sending, modifiedAt: now)
        var entry = ToRImportEntry(receivingHEI: HEIID(candidate.receivingHEI), omobilityID: OMobilityID(tor.omobilityID), sendingHEI: HEIID(sending),
                                    outcome: .created)
        if let existing {
            entry.outcome = existing.document == object.document && existing.filterKeys == object.normalized.filterKeys ? .unchanged : .updated
        }
        entries.append(entry)
        guard entry.outcome != .unchanged else { return }
        upserts.append(object)
        notifications.append(OwnToRStorage.notification(receivingHEI: candidate.receivingHEI, sendingHEI: sending, omobilityID: tor.omobilityID))
    }

    struct Refusal: Error, Equatable {
        let message: String
    }

    /// The sending HEI of `candidate` (lowercased), or why there is none.
    static func sendingHEI(_ candidate: ToRCandidate, option: String?, stored: [OwnObject]) -> Result<String, Refusal> {
        let id = candidate.tor.omobilityID
        guard let sending = (candidate.sendingHEIFromLA ?? option).map({ HEIID($0).normalized }) else {
            return .failure(Refusal(message: "omobility-id \(id): a transcript does not name its sending HEI and no learning agreement we hold for this mobility names it; give it with --sending-hei HEI_ID"))
        }
        guard sending != HEIID(candidate.receivingHEI).normalized else {
            return .failure(Refusal(message: "omobility-id \(id): the sending HEI \(sending) is the receiving HEI that issued the transcript; a mobility goes from one HEI to another"))
        }
        if let other = stored.compactMap(OwnToRStorage.sendingHEI).first(where: { $0 != sending }) {
            return .failure(Refusal(message: "omobility-id \(id): its transcript was imported with the sending HEI \(other), not \(sending); a mobility's sending HEI never changes"))
        }
        return .success(sending)
    }

    /// The covered HEI that issued `tor`: the one its ELMO reports name as issuer (SCHAC id), or
    /// the only HEI the node covers when they name none.
    static func receivingHEI(_ tor: TranscriptOfRecords, coveredHEIs: [HEIID]) -> Result<String, Refusal> {
        let id = tor.omobilityID
        let issuers = coveredHEIs.filter { tor.issuerHEIs.contains($0.normalized) }
        if issuers.count == 1 { return .success(issuers[0].value) }
        if issuers.count > 1 {
            return .failure(Refusal(message: "omobility-id \(id): the transcript names several issuers this node covers (\(issuers.listed)); one receiving HEI issues it"))
        }
        if !tor.issuerHEIs.isEmpty {
            return .failure(Refusal(message: "omobility-id \(id): issued by \(tor.issuerHEIs.joined(separator: ", ")), not a HEI this node covers (\(coveredHEIs.listed)); import only transcripts your HEIs issued"))
        }
        if coveredHEIs.count == 1 { return .success(coveredHEIs[0].value) }
        return .failure(Refusal(message: "omobility-id \(id): this node covers several HEIs (\(coveredHEIs.listed)) and the transcript does not say which issued it: give its report/issuer an identifier of type \"schac\""))
    }
}
