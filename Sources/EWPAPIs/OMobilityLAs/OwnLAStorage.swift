import EWPCore
import EWPModel
import EWPNotifications
import EWPStore
import EWPXML
import Foundation

/// How our own learning agreements (we are the sending HEI, the LA master) live in the generic
/// `OwnObjectStore`:
/// - kind `omobility-la`; heiID = our covered HEI (the sending HEI); objectID = the omobility-id;
/// - document = the `la` element exactly as `get` serves it (written by the LA model's encoder, so
///   equal LAs have equal bytes);
/// - partnerHEIs = [the receiving HEI], lower-cased (the access rule compares SCHAC ids
///   case-insensitively);
/// - filterKeys for `index`: `receiving-hei-id`, `receiving-academic-year-id`, `global-id`,
///   `mobility-type`; for `stats`: `la-state` (`LAState`) and `la-approval` (`LAApprovalHistory`);
///   and the receiving HEI's answers: `approved-proposal-id` (every proposal it approved) and
///   `rejected-proposal-id` (the current proposal, when it commented on it);
/// - hash = the revision: the number of the latest version record (below), so a conditional
///   commit (`ConditionalOwnObjectStore`) notices any change made since it read the LA;
/// - modifiedAt = the last change (import, approval, comment), for `index`'s modified_since.
///
/// The history: kind `omobility-la-version`, one object per revision, objectID
/// `<omobility-id>#<revision, 6 digits>`, filter `omobility-id`, document = an `LAVersion` as
/// JSON: what happened (imported, approved, commented), who signed and when, the comment, the
/// guideline warnings of an import, and the `la` as it was afterwards.
///
/// Kind `omobility-la-year` (objectID = a receiving academic year, one per year any LA of the HEI
/// ever had) lets `stats` list its years without reading every LA.
public enum OwnLAStorage {
    public static let kind = "omobility-la"
    public static let versionKind = "omobility-la-version"
    public static let yearKind = "omobility-la-year"
    public static let notificationAPI = NotificationAPI.omobilityLA.rawValue

    public enum Key {
        public static let receivingHEI = "receiving-hei-id"
        public static let academicYear = "receiving-academic-year-id"
        public static let globalID = "global-id"
        public static let mobilityType = "mobility-type"
        public static let state = "la-state"
        public static let approval = "la-approval"
        public static let approvedProposal = "approved-proposal-id"
        public static let rejectedProposal = "rejected-proposal-id"
        public static let omobilityID = "omobility-id"
    }

    /// The stored form of `la` owned by `heiID`, with the receiving HEI's answers `marks`, at `revision`.
    public static func object(_ la: LearningAgreement, heiID: String, marks: LAMarks, revision: Int, modifiedAt: Date) -> OwnObject {
        let receiving = HEIID(la.receivingHEI.heiID).normalized
        var filters: [String: [String]] = [
            Key.receivingHEI: [receiving],
            Key.academicYear: [la.receivingAcademicYearID],
            Key.mobilityType: [la.mobilityType.rawValue],
            Key.state: [LAState(la, marks: marks).rawValue],
            Key.approval: [LAApprovalHistory(la).rawValue],
            Key.approvedProposal: marks.approvedProposalIDs,
        ]
        if let globalID = la.student.globalID?.trimmingCharacters(in: .whitespacesAndNewlines), !globalID.isEmpty {
            filters[Key.globalID] = [globalID]
        }
        if let rejected = marks.rejectedProposalID { filters[Key.rejectedProposal] = [rejected] }
        return OwnObject(kind: kind, heiID: heiID, objectID: la.omobilityID, document: document(la), partnerHEIs: [receiving],
                         filterKeys: filters, hash: String(revision), modifiedAt: modifiedAt)
    }

    /// The bytes stored for `la`: one writer, fixed prefixes, so equal LAs give equal bytes.
    public static func document(_ la: LearningAgreement) -> [UInt8] {
        XMLWriter.document(la.element, prefixes: LANamespace.conventionalPrefixes)
    }

    /// The receiving HEI's answers recorded on a stored LA.
    public static func marks(_ object: OwnObject) -> LAMarks {
        LAMarks(approvedProposalIDs: object.filterKeys[Key.approvedProposal] ?? [],
                rejectedProposalID: object.filterKeys[Key.rejectedProposal]?.first)
    }

    /// The revision of a stored LA (0 for an object that has none).
    public static func revision(_ object: OwnObject?) -> Int { object?.hash.flatMap { Int($0) } ?? 0 }

    /// The stored LA as an element (nil for a tombstone); throws when the stored bytes are not XML.
    public static func element(_ object: OwnObject) throws(XMLProblem) -> XElement? {
        guard let document = object.document else { return nil }
        return try XMLReader.parse(document)
    }

    /// The stored LA as `get` serves it (nil for a tombstone): its stored bytes, spliced into the
    /// answer without being parsed and written again (`XElement(storedDocument:name:namespace:)`).
    /// Those bytes are ours, never a partner's: `document(_:)` wrote them, escaping every text, from
    /// an LA the institution's system imported (or the receiving HEI's answer changed) and the node
    /// checked.
    public static func servedElement(_ object: OwnObject) throws(XMLProblem) -> XElement? {
        guard let document = object.document else { return nil }
        return try XElement(storedDocument: document, name: "la", namespace: LANamespace.getResponse)
    }

    /// The stored LA decoded (nil for a tombstone); throws a description when it cannot be read.
    public static func learningAgreement(_ object: OwnObject) throws(StoredLAError) -> LearningAgreement? {
        do {
            guard let element = try element(object) else { return nil }
            return try LearningAgreement(element)
        } catch {
            throw StoredLAError(object: object, reason: "\(error)")
        }
    }

    // MARK: history

    /// The version record objectID for `revision` of `omobilityID`.
    public static func versionID(_ omobilityID: String, revision: Int) -> String {
        let digits = String(revision)
        return omobilityID + "#" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// The stored form of a version record.
    public static func object(_ version: LAVersion, heiID: String, receivingHEI: String) -> OwnObject {
        OwnObject(kind: versionKind, heiID: heiID, objectID: versionID(version.omobilityID, revision: version.revision),
                  document: version.json, partnerHEIs: [HEIID(receivingHEI).normalized],
                  filterKeys: [Key.omobilityID: [version.omobilityID]], modifiedAt: version.at)
    }

    /// The year marker `stats` lists.
    public static func yearObject(_ year: String, heiID: String, at: Date) -> OwnObject {
        OwnObject(kind: yearKind, heiID: heiID, objectID: year, document: Array(year.utf8), modifiedAt: at)
    }

    /// Every version of `omobilityID`, oldest first.
    public static func history(_ store: any OwnObjectStore, heiID: String, omobilityID: String) async throws -> [LAVersion] {
        let ids = try await store.ownObjectIDs(kind: versionKind, heiID: heiID, partnerHEI: nil,
                                               filters: [Key.omobilityID: [omobilityID]], modifiedSince: nil)
        return try await store.ownObjects(kind: versionKind, heiID: heiID, ids: ids)
            .compactMap { $0.document.flatMap(LAVersion.init(json:)) }
            .sorted { $0.revision < $1.revision }
    }
}

/// A stored LA that cannot be read back (written by another version, or damaged).
public struct StoredLAError: Error, Sendable, CustomStringConvertible {
    public let omobilityID: String
    public let heiID: String
    public let reason: String

    init(object: OwnObject, reason: String) {
        omobilityID = object.objectID
        heiID = object.heiID
        self.reason = reason
    }

    public var description: String { "the stored learning agreement \(omobilityID) of \(heiID) cannot be read: \(reason)" }
}

/// What the receiving HEI answered through `update`, kept with the LA.
public struct LAMarks: Sendable, Equatable {
    /// Every changes-proposal id it approved (an import may not bring one of them back as pending).
    public var approvedProposalIDs: [String]
    /// The current changes proposal, when it commented on (rejected) it.
    public var rejectedProposalID: String?

    public init(approvedProposalIDs: [String] = [], rejectedProposalID: String? = nil) {
        self.approvedProposalIDs = approvedProposalIDs
        self.rejectedProposalID = rejectedProposalID
    }
}

/// Where the latest version stands with the receiving HEI (stats: `la-outgoing-latest-version-*`).
public enum LAState: String, Sendable, CaseIterable {
    /// A changes proposal waits for the receiving HEI's approval or comment.
    case awaiting
    /// No proposal is pending: the latest version carries the receiving HEI's signature.
    case approved
    /// The receiving HEI commented on (rejected) the current changes proposal.
    case rejected

    public init(_ la: LearningAgreement, marks: LAMarks) {
        if let proposal = la.changesProposal {
            self = marks.rejectedProposalID == proposal.id ? .rejected : .awaiting
        } else {
            self = .approved
        }
    }
}

/// The approvals so far (stats: `la-outgoing-(not-)modified-after-approval`).
public enum LAApprovalHistory: String, Sendable, CaseIterable {
    /// The receiving HEI has not approved any version yet.
    case neverApproved = "never-approved"
    /// Only the first version was approved, and nothing followed it.
    case notModifiedAfterApproval = "not-modified-after-approval"
    /// A version was approved and later versions (approved changes or a proposal) followed.
    case modifiedAfterApproval = "modified-after-approval"

    public init(_ la: LearningAgreement) {
        guard la.firstVersion?.receivingHEISignature != nil else {
            self = .neverApproved
            return
        }
        self = la.approvedChanges == nil && la.changesProposal == nil ? .notModifiedAfterApproval : .modifiedAfterApproval
    }
}
