import EWPCore
import EWPModel
import EWPStore
import EWPSecurity
import Foundation

/// What an `update` request does to a stored LA (OMobility LAs API v1 endpoints/update.md), without
/// I/O: the checks in the order the spec gives them, then the new state of the LA, its version
/// record and the LA CNR to the receiving HEI (sent although the receiving HEI caused the change,
/// OMobility LA CNR API v1).
/// - approve: the proposal becomes the `first-version` (when there is none) or the new
///   `approved-changes`, carrying the receiving HEI's signature as sent; student data the
///   proposal carries is applied to `student`; the proposal goes away;
/// - comment: the LA stays as it is (the get-response has no place for a rejection); the proposal
///   is marked rejected (`LAState.rejected`), and the comment kept in the history.
public enum LAUpdates {
    public struct Outcome: Sendable {
        public var learningAgreement: OwnObject
        public var version: OwnObject
        public var notification: NotificationKey
        /// The LA as read: the commit must find it unchanged.
        public var expectation: OwnObjectExpectation
        /// The `success-user-message` of the response.
        public var message: String
    }

    public static func apply(_ request: OMobilityLAsUpdateRequest, to stored: OwnObject?, servedHEI: HEIID,
                             requesterHEIs: [HEIID], now: Date) throws(APIRequestError) -> Outcome {
        guard HEIID(request.sendingHEI) == servedHEI else {
            throw .badRequest("sending-hei-id \"\(CallerText.excerpt(request.sendingHEI))\" is not served here: this update endpoint serves the learning agreements of \(servedHEI) only.")
        }
        let unknown = APIRequestError.badRequest(
            "\(servedHEI) has no learning agreement with omobility-id \"\(request.omobilityID)\" whose receiving HEI your key covers (\(requesterHEIs.isEmpty ? "it covers no HEI" : requesterHEIs.map(\.value).joined(separator: ", "))); only the receiving HEI may update it.")
        guard let stored, !stored.isTombstone else { throw unknown }
        let la: LearningAgreement
        do {
            guard let decoded = try OwnLAStorage.learningAgreement(stored) else { throw unknown }
            la = decoded
        } catch {
            throw APIRequestError(status: .internalServerError, "\(error); the node's operator must re-import it.")
        }
        guard LAAccess.mayUpdate(la, requesterHEIs: requesterHEIs) else { throw unknown }
        guard let proposal = la.changesProposal else {
            throw conflict("Learning agreement \(la.omobilityID) has no pending changes proposal (you asked about \"\(request.changesProposalID)\"); its latest version is already approved. Fetch it again with get.")
        }
        guard proposal.id == request.changesProposalID else {
            throw conflict("The current changes proposal of learning agreement \(la.omobilityID) is \"\(proposal.id)\", not \"\(request.changesProposalID)\": it changed since you read it. Fetch it again with get and repeat your request on the current proposal.")
        }

        var marks = OwnLAStorage.marks(stored)
        var result = la
        let event: LAVersion.Event
        var comment: String?
        let message: String
        switch request.action {
        case .approve:
            result = approved(la, proposal: proposal, signature: request.signature)
            if !marks.approvedProposalIDs.contains(proposal.id) { marks.approvedProposalIDs.append(proposal.id) }
            marks.rejectedProposalID = nil
            event = .approved
            message = "The changes proposal \(proposal.id) of learning agreement \(la.omobilityID) is approved."
        case .comment(let text):
            marks.rejectedProposalID = proposal.id
            event = .commented
            comment = text
            message = "Your comment on the changes proposal \(proposal.id) of learning agreement \(la.omobilityID) is recorded; the sending HEI will answer with a new proposal."
        }
        let revision = OwnLAStorage.revision(stored) + 1
        let object = OwnLAStorage.object(result, heiID: stored.heiID, marks: marks, revision: revision, modifiedAt: now)
        let receiving = HEIID(la.receivingHEI.heiID).normalized
        let version = LAVersion(omobilityID: la.omobilityID, revision: revision, event: event, at: now, actorHEI: receiving,
                                changesProposalID: proposal.id, signature: request.signature, comment: comment,
                                document: object.document ?? [])
        return Outcome(learningAgreement: object,
                       version: OwnLAStorage.object(version, heiID: stored.heiID, receivingHEI: receiving),
                       notification: NotificationKey(api: OwnLAStorage.notificationAPI, localHEI: stored.heiID, partnerHEI: receiving,
                                                     objectID: la.omobilityID),
                       expectation: .unchanged(kind: OwnLAStorage.kind, heiID: stored.heiID, objectID: stored.objectID, stored),
                       message: message)
    }

    /// `la` with `proposal` approved by the receiving HEI's `signature`.
    public static func approved(_ la: LearningAgreement, proposal: ChangesProposal, signature: Signature) -> LearningAgreement {
        var result = la
        var tables = proposal.components
        tables.receivingHEISignature = signature
        if result.firstVersion == nil {
            result.firstVersion = tables
        } else {
            result.approvedChanges = tables
        }
        if let changed = proposal.student {
            result.student.givenNames = changed.givenNames ?? result.student.givenNames
            result.student.familyName = changed.familyName ?? result.student.familyName
            result.student.globalID = changed.globalID ?? result.student.globalID
            result.student.birthDate = changed.birthDate ?? result.student.birthDate
            result.student.citizenship = changed.citizenship ?? result.student.citizenship
            result.student.gender = changed.gender ?? result.student.gender
            result.student.email = changed.email ?? result.student.email
        }
        result.changesProposal = nil
        return result
    }

    /// 409 with a user message (update-request.xsd: the error SHOULD include one).
    static func conflict(_ developerMessage: String) -> APIRequestError {
        APIRequestError(status: .conflict, developerMessage,
                        userMessage: "Your copy of the Learning Agreement is not up-to-date. Please refresh your copy from our servers and repeat your request.")
    }
}
