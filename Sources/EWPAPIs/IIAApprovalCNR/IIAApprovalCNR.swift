import EWPNotifications
import EWPXML

extension NotificationAPI {
    /// The queue key of IIA Approval CNRs (stored: never changes).
    public static let iiaApproval = NotificationAPI("iia-approval-cnr")
}

/// IIA Approval CNR v2 as the engine sends it: the approver tells the copy's owner, one IIA per
/// CNR, named by the owner's IIA id. The owner pulls our approvals; we index-sync its IIAs.
public struct IIAApprovalCNR: CNRAPI {
    public init() {}

    public var api: NotificationAPI { .iiaApproval }
    public var entries: [APIReference] { [IIAApprovalCNRAPI.entry] }
    public func form(for entry: APIReference, localHEI: String, objectIDs: [String]) -> [(String, String)] {
        objectIDs.prefix(1).map { ("iia_id", $0) }
    }
    public func idsPerNotification(limits: [String: Int]) -> Int { 1 }
    public var source: PullSource { .iiasApproval }
    public var counterpartSource: PullSource { .iias }
    public var response: XElement { IIAApprovalCNRAPI.response }
}
