import EWPAPIs
import EWPCore
import EWPModel
import EWPNotifications
import EWPStore
import EWPXML
import Foundation
import HTTPTypes

/// Approving a partner's copy of an IIA (IIAs Approval v2): pull the copy with a signed
/// request, recompute its iia-hash and compare it with the one the partner declares, refuse what
/// is not valid for approval or not mapped to our IIA, then store the approval and queue the IIA
/// Approval CNR in one transaction.
struct IIAApprovalService {
    let store: any Store
    let partners: PartnerDirectory
    let policy: NotificationSettings

    struct Approved: Sendable {
        let partnerIIAID: IIAID
        let hash: String
        let ourIIAID: IIAID
    }

    typealias Refusal = IIAApprovalRefusal

    func approve(localHEI heiID: HEIID, partnerHEI partnerID: HEIID, partnerIIAID iiaID: IIAID, now: Date) async throws(Refusal) -> Approved {
        // The store and the partner see the ids as given: our HEI as configured, the partner's as named.
        let localHEI = heiID.value, partnerHEI = partnerID.value, partnerIIAID = iiaID.value
        let copy = try await pullCopy(localHEI: heiID, partnerHEI: partnerID, partnerIIAID: partnerIIAID, now: now)
        let declared = IIA.declaredHash(of: copy) ?? ""
        let computed = IIAHash.hash(copy)
        guard declared.lowercased() == computed else {
            throw Refusal(.conflict, "\(partnerHEI) declares iia-hash \(declared.isEmpty ? "(none)" : declared) for IIA \(partnerIIAID), but its content hashes to \(computed); the partner must fix its hash before it can be approved (see `ewp-node iia explain`)")
        }
        guard IIAHash.isValidForApproval(copy) else {
            throw Refusal(.conflict, "\(partnerHEI)'s IIA \(partnerIIAID) uses not-yet-defined or a v6-value, which IIAs v7 does not allow to approve")
        }
        let ourBlock = IIA.partners(of: copy).first { HEIID($0.heiID) == heiID }
        guard let ourIIAID = ourBlock?.iiaID, !ourIIAID.isEmpty else {
            throw Refusal(.conflict, "\(partnerHEI)'s IIA \(partnerIIAID) is not mapped to an IIA of \(localHEI) (no iia-id of ours in it); unmapped IIAs cannot be approved")
        }

        let approval = IIAsApprovalAPI.Approval(iiaID: partnerIIAID, iiaHash: computed)
        let settings = policy
        let changes = ChangeSet(
            upserts: [IIAApprovals.object(localHEI: localHEI, partnerHEI: partnerHEI, approval: approval, now: now)],
            notifications: [NotificationKey(api: NotificationAPI.iiaApproval.rawValue, localHEI: localHEI, partnerHEI: partnerHEI, objectID: partnerIIAID)],
            notificationsExpireAt: now.addingTimeInterval(settings.lifetime), settling: settings.settling)
        do {
            try await store.savePartnerCopies([PartnerCopy(api: PullSource.iias.rawValue, localHEI: localHEI, partnerHEI: partnerHEI, objectID: partnerIIAID,
                                                           document: XMLWriter.document(copy), hash: computed, seenAt: now, changedAt: now)])
            try await store.commit(changes, now: now)
        } catch {
            throw Refusal(.storeFailed, "cannot store the approval: \(error)")
        }
        return Approved(partnerIIAID: iiaID, hash: computed, ourIIAID: IIAID(ourIIAID))
    }

    private func pullCopy(localHEI heiID: HEIID, partnerHEI partnerID: HEIID, partnerIIAID: String, now: Date) async throws(Refusal) -> XElement {
        let iias = IIAsPull()
        let localHEI = heiID.value, partnerHEI = partnerID.value
        switch partners.resolve(iias.entry, partnerHEI: partnerID, now: now) {
        case .failed(.noEndpoint(let why)):
            // A partner that publishes no IIAs v7 API: the request names no HEI we can approve with.
            throw Refusal(.badRequest, "cannot reach \(partnerHEI)'s IIAs v7 API: \(why)")
        case .failed(let result):
            throw Refusal(.unreachable, "cannot reach \(partnerHEI)'s IIAs v7 API: \(result.explanation)")
        case .found(let entry, let keys):
            let parameters = iias.getParameters(for: iias.entry, partnerHEI: partnerHEI, localHEI: localHEI, ids: [partnerIIAID])
            switch await partners.call(.get, entry: entry, keys: keys, urlElement: iias.getURLElement, localHEI: heiID, partnerHEI: partnerID,
                                       parameters: parameters) {
            case .failure(let failure):
                throw Refusal(.unreachable, "pulling \(partnerHEI)'s IIA \(partnerIIAID) failed: \(failure.result.explanation)")
            case .success(let result):
                guard let root = result.root, let copy = iias.objects(in: root, entry: iias.entry, partnerHEI: partnerHEI).first(where: { $0.id == partnerIIAID })?.element else {
                    throw Refusal(.notFound, "\(partnerHEI) does not show IIA \(partnerIIAID) to \(localHEI) (unknown, deleted or not shared with us)")
                }
                return copy
            }
        }
    }
}

/// Why a partner's copy was not approved, with the status the admin API answers.
public struct IIAApprovalRefusal: EWPError, CustomStringConvertible {
    public enum Reason: Sendable {
        /// The partner does not show the IIA to us (unknown, deleted or not shared).
        case notFound
        /// The copy may not be approved as it is: its hash does not match, it is not valid for
        /// approval, or it is not mapped to an IIA of ours.
        case conflict
        /// The request names a partner that publishes no IIAs v7 API.
        case badRequest
        /// The partner could not be reached, or its answer was refused; or no catalogue is loaded yet.
        case unreachable
        /// The database failed; nothing was stored.
        case storeFailed
    }

    public let reason: Reason
    public let description: String

    init(_ reason: Reason, _ description: String) {
        self.reason = reason
        self.description = description
    }

    public var developerMessage: String { description }

    public var status: HTTPResponse.Status {
        switch reason {
        case .notFound: .notFound
        case .conflict: .conflict
        case .badRequest: .badRequest
        case .unreachable: .badGateway
        case .storeFailed: .serviceUnavailable
        }
    }
}
