import EWPAPIs
import EWPCore
import EWPModel
import EWPStore
import Foundation

/// Our answer (as the receiving HEI) to a partner's changes proposal, as the partner accepted it
/// through its `update` endpoint (HTTP 200). Stored as JSON in an own object (`LAAnswers`).
public struct LAAnswer: Sendable, Equatable, StoredJSONRecord {
    public enum Action: String, Sendable, Codable {
        case approve
        case comment
    }

    public var sendingHEI: String
    public var omobilityID: String
    public var changesProposalID: String
    public var action: Action
    public var comment: String?
    public var signature: LAVersion.SignatureRecord
    /// When the partner accepted it.
    public var at: Date
    /// The partner's `success-user-message`s.
    public var partnerMessages: [String]

    public init(sendingHEI: String, omobilityID: String, changesProposalID: String, action: LAUpdateAction, signature: Signature,
                at: Date, partnerMessages: [String]) {
        self.sendingHEI = sendingHEI
        self.omobilityID = omobilityID
        self.changesProposalID = changesProposalID
        switch action {
        case .approve: self.action = .approve
        case .comment(let text): self.action = .comment; comment = text
        }
        self.signature = LAVersion.SignatureRecord(signature)
        self.at = at
        self.partnerMessages = partnerMessages
    }

    var json: [UInt8] { storedJSON }

    public init?(json: [UInt8]) {
        guard let answer = Self.decodeStoredJSON(json) else { return nil }
        self = answer
    }
}

/// Our answers to partners' LA proposals, kept as own objects (kind `omobility-la-answer`, owner our
/// covered HEI): one per sending HEI, omobility-id and changes-proposal id (a later answer to the
/// same proposal replaces the earlier one). Never served to partners: they learn of it by `update`.
enum LAAnswers {
    static let kind = "omobility-la-answer"
    /// Filter key naming the LA ("<sending hei> <omobility-id>"), to list an LA's answers.
    static let laKey = "la"

    /// A SCHAC id has no spaces, so "<hei> <omobility-id>" names one partner's LA unambiguously.
    static func laID(sendingHEI: String, omobilityID: String) -> String {
        HEIID(sendingHEI).normalized + " " + omobilityID
    }

    static func objectID(sendingHEI: String, omobilityID: String, changesProposalID: String) -> String {
        laID(sendingHEI: sendingHEI, omobilityID: omobilityID) + " " + changesProposalID
    }

    static func object(localHEI: String, answer: LAAnswer) -> OwnObject {
        OwnObject(kind: kind, heiID: localHEI,
                  objectID: objectID(sendingHEI: answer.sendingHEI, omobilityID: answer.omobilityID, changesProposalID: answer.changesProposalID),
                  document: answer.json, partnerHEIs: [HEIID(answer.sendingHEI).normalized],
                  filterKeys: [laKey: [laID(sendingHEI: answer.sendingHEI, omobilityID: answer.omobilityID)]], modifiedAt: answer.at)
    }

    /// Records `answer` (no notification: the partner notifies us of the LA's change).
    static func save(store: any Store, localHEI: String, answer: LAAnswer) async throws {
        try await store.commit(ChangeSet(upserts: [object(localHEI: localHEI, answer: answer)], notificationsExpireAt: answer.at), now: answer.at)
    }

    /// Our answers to `sendingHEI`'s LA `omobilityID`, oldest first.
    static func answers(store: any Store, localHEI: String, sendingHEI: String, omobilityID: String) async throws -> [LAAnswer] {
        let ids = try await store.ownObjectIDs(kind: kind, heiID: localHEI, partnerHEI: HEIID(sendingHEI).normalized,
                                               filters: [laKey: [laID(sendingHEI: sendingHEI, omobilityID: omobilityID)]], modifiedSince: nil)
        return try await store.ownObjects(kind: kind, heiID: localHEI, ids: ids)
            .compactMap { $0.document.flatMap(LAAnswer.init(json:)) }
            .sorted { ($0.at, $0.changesProposalID) < ($1.at, $1.changesProposalID) }
    }

    /// What we answered to each (sending HEI, omobility-id, proposal id) asked, keyed by object id.
    static func answers(store: any Store, localHEI: String, objectIDs: [String]) async throws -> [String: LAAnswer] {
        guard !objectIDs.isEmpty else { return [:] }
        var out: [String: LAAnswer] = [:]
        for object in try await store.ownObjects(kind: kind, heiID: localHEI, ids: objectIDs) {
            if let answer = object.document.flatMap(LAAnswer.init(json:)) { out[object.objectID] = answer }
        }
        return out
    }

    /// The marks our answers put on a partner's LA: the proposals we approved, and the pending one
    /// when our latest answer to it is a comment.
    static func marks(_ la: LearningAgreement, answers: [LAAnswer]) -> LAMarks {
        let approved = answers.filter { $0.action == .approve }.map(\.changesProposalID)
        let pending = la.changesProposal?.id
        let rejected = pending.flatMap { id in answers.last { $0.changesProposalID == id }?.action == .comment ? id : nil }
        return LAMarks(approvedProposalIDs: approved, rejectedProposalID: rejected)
    }
}
