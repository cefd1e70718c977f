import EWPNotifications
import EWPStore
import EWPXML

/// Approval states of our IIAs from the records the IIAs Approval work keeps (IIAs Approval API
/// v2):
/// - the partner approved our copy: its `approval` pulled after its approval CNR (partner copy of
///   api `iias-approval`, keyed by OUR iia-id) names our current iia-hash;
/// - we approved the partner's copy: our approval (own object of kind `iia-approval`, see
///   `IIAApprovals`) of the partner's iia-id our IIA is mapped to, with the hash of the partner's
///   copy as we last pulled it (if we hold none, the approval stands; a deleted copy voids it).
public struct StoredIIAApprovals: IIAApprovalLookup {
    let store: any Store

    public init(store: any Store) {
        self.store = store
    }

    public func states(heiID: String, iias: [OwnObject]) async throws -> [String: IIAApprovalState] {
        let live = iias.filter { !$0.isTombstone }
        let ourApprovalIDs = live.compactMap { iia in
            OwnIIAStorage.partner(of: iia).flatMap { partner in
                partner.iiaID.map { IIAApprovals.objectID(partnerHEI: partner.hei, partnerIIAID: $0) }
            }
        }
        let ourApprovals = Dictionary(
            try await store.ownObjects(kind: IIAApprovals.kind, heiID: heiID, ids: ourApprovalIDs).filter { !$0.isTombstone }.map { ($0.objectID, $0) },
            uniquingKeysWith: { first, _ in first })

        var states: [String: IIAApprovalState] = [:]
        for iia in live {
            guard let partner = OwnIIAStorage.partner(of: iia) else { continue }
            var state = IIAApprovalState()
            if let approval = try await store.partnerCopy(api: PullSource.iiasApproval.rawValue, localHEI: heiID, partnerHEI: partner.hei,
                                                          objectID: iia.objectID),
               let document = approval.document {
                state.partnerApproved = iia.hash != nil && Self.approvedHash(document) == iia.hash
            }
            if let partnerIIAID = partner.iiaID,
               let ours = ourApprovals[IIAApprovals.objectID(partnerHEI: partner.hei, partnerIIAID: partnerIIAID)] {
                let copy = try await store.partnerCopy(api: PullSource.iias.rawValue, localHEI: heiID, partnerHEI: partner.hei, objectID: partnerIIAID)
                state.localApproved = copy.map { $0.document != nil && $0.hash == ours.hash } ?? true
            }
            if state != IIAApprovalState() { states[iia.objectID] = state }
        }
        return states
    }

    /// The `iia-hash` an `approval` element names, lowercased.
    public static func approvedHash(_ document: [UInt8]) -> String? {
        guard let element = try? XMLReader.parse(document) else { return nil }
        return IIAsApprovalAPI.Approval(element)?.iiaHash
    }
}
