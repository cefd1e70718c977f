import EWPAPIs
import EWPOperations
import EWPStore
import Foundation

/// The approval records the operations layer writes when we approve a partner's IIA.
extension StoredIIAApprovals: IIAApprovalRecords {
    public func record(localHEI: String, partnerHEI: String, approval: IIAsApprovalAPI.Approval, now: Date) -> OwnObject {
        IIAApprovals.object(localHEI: localHEI, partnerHEI: partnerHEI, approval: approval, now: now)
    }
}
