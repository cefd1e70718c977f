import EWPAPIs
import EWPCore
import EWPModel
import EWPNotifications
import EWPStore
import EWPXML
import Foundation

/// Approving a partner's copy of an IIA (IIAs Approval v2): pull the copy with a signed
/// request, recompute its iia-hash and compare it with the one the partner declares, refuse what
/// is not valid for approval or not mapped to our IIA, then store the approval and queue the IIA
/// Approval CNR in one transaction.
struct IIAApprovalService {
    let store: any Store
    let partners: PartnerDirectory
    let policy: NotificationSettings

    struct Approved: Sendable {
        let partnerIIAID: String
        let hash: String
        let ourIIAID: String
    }

    struct Refusal: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    func approve(localHEI: String, partnerHEI: String, partnerIIAID: String, now: Date) async throws(Refusal) -> Approved {
        let copy = try await pullCopy(localHEI: localHEI, partnerHEI: partnerHEI, partnerIIAID: partnerIIAID, now: now)
        let declared = IIA.declaredHash(of: copy) ?? ""
        let computed = IIAHash.hash(copy)
        guard declared.lowercased() == computed else {
            throw Refusal("\(partnerHEI) declares iia-hash \(declared.isEmpty ? "(none)" : declared) for IIA \(partnerIIAID), but its content hashes to \(computed); the partner must fix its hash before it can be approved (see `ewp-node iia explain`)")
        }
        guard IIAHash.isValidForApproval(copy) else {
            throw Refusal("\(partnerHEI)'s IIA \(partnerIIAID) uses not-yet-defined or a v6-value, which IIAs v7 does not allow to approve")
        }
        let ourBlock = IIA.partners(of: copy).first { HEIID($0.heiID) == HEIID(localHEI) }
        guard let ourIIAID = ourBlock?.iiaID, !ourIIAID.isEmpty else {
            throw Refusal("\(partnerHEI)'s IIA \(partnerIIAID) is not mapped to an IIA of \(localHEI) (no iia-id of ours in it); unmapped IIAs cannot be approved")
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
            throw Refusal("cannot store the approval: \(error)")
        }
        return Approved(partnerIIAID: partnerIIAID, hash: computed, ourIIAID: ourIIAID)
    }

    private func pullCopy(localHEI: String, partnerHEI: String, partnerIIAID: String, now: Date) async throws(Refusal) -> XElement {
        let iias = IIAsPull()
        switch partners.resolve(iias.entry, partnerHEI: partnerHEI, now: now) {
        case .failed(let result):
            throw Refusal("cannot reach \(partnerHEI)'s IIAs v7 API: \(result.explanation)")
        case .found(let entry, let keys):
            let parameters = iias.getParameters(for: iias.entry, partnerHEI: partnerHEI, localHEI: localHEI, ids: [partnerIIAID])
            switch await partners.call(.get, entry: entry, keys: keys, urlElement: iias.getURLElement, localHEI: localHEI, parameters: parameters) {
            case .failure(let failure):
                throw Refusal("pulling \(partnerHEI)'s IIA \(partnerIIAID) failed: \(failure.result.explanation)")
            case .success(let result):
                guard let root = result.root, let copy = iias.objects(in: root, entry: iias.entry, partnerHEI: partnerHEI).first(where: { $0.id == partnerIIAID })?.element else {
                    throw Refusal("\(partnerHEI) does not show IIA \(partnerIIAID) to \(localHEI) (unknown, deleted or not shared with us)")
                }
                return copy
            }
        }
    }
}
