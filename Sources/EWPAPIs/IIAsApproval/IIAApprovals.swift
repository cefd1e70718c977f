import EWPCore
import EWPStore
import EWPXML
import Foundation

/// Our approvals of partners' IIA copies, kept as own objects (kind `iia-approval`): one per partner
/// HEI and partner iia-id, holding the `approval` element we serve through IIAs Approval v2.
public enum IIAApprovals {
    public static let kind = "iia-approval"

    /// A SCHAC id has no spaces, so "<hei> <id>" names one partner's IIA unambiguously.
    public static func objectID(partnerHEI: String, partnerIIAID: String) -> String {
        HEIID(partnerHEI).normalized + " " + partnerIIAID
    }

    public static func object(localHEI: String, partnerHEI: String, approval: IIAsApprovalAPI.Approval, now: Date) -> OwnObject {
        OwnObject(kind: kind, heiID: localHEI, objectID: objectID(partnerHEI: partnerHEI, partnerIIAID: approval.iiaID),
                  document: XMLWriter.document(IIAsApprovalAPI.element(approval)), partnerHEIs: [HEIID(partnerHEI).normalized],
                  filterKeys: [:], hash: approval.iiaHash, modifiedAt: now)
    }

    /// The approvals we gave to `callerHEIs`' copies named `ids`, in request order.
    public static func approvals(store: any Store, localHEI: String, callerHEIs: [String], ids: [String]) async throws -> [IIAsApprovalAPI.Approval] {
        var wanted: [String: String] = [:]        // object id → the caller's iia id
        for hei in callerHEIs { for id in ids { wanted[objectID(partnerHEI: hei, partnerIIAID: id)] = id } }
        let stored = try await store.ownObjects(kind: kind, heiID: localHEI, ids: Array(wanted.keys))
        var byID: [String: IIAsApprovalAPI.Approval] = [:]
        for object in stored {
            guard object.document != nil, let hash = object.hash, let id = wanted[object.objectID] else { continue }
            byID[id] = IIAsApprovalAPI.Approval(iiaID: id, iiaHash: hash)
        }
        return ids.compactMap { byID[$0] }
    }
}
