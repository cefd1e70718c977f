import EWPCore
import EWPStore
import Foundation

extension NodeOperations {
    public struct ApprovedIIA: Sendable {
        public let partnerIIAID: IIAID
        public let ourIIAID: IIAID
        public let hash: String
    }

    /// Approves a partner's copy (see `IIAApprovalService`); throws with the reason when refused.
    public func approveIIA(localHEI: HEIID, partnerHEI: HEIID, partnerIIAID: IIAID) async throws(IIAApprovalRefusal) -> ApprovedIIA {
        let service = IIAApprovalService(store: store, partners: notifications.partners, policy: policy)
        let approved = try await service.approve(localHEI: localHEI, partnerHEI: partnerHEI, partnerIIAID: partnerIIAID, now: now())
        return ApprovedIIA(partnerIIAID: approved.partnerIIAID, ourIIAID: approved.ourIIAID, hash: approved.hash)
    }

    /// Our IIAs and partners' copies, read through the node's approval records.
    public var iiaOverview: IIAOverview { IIAOverview(store: store) }
}
