import EWPNotifications
import EWPXML

extension NotificationAPI {
    /// The queue key of IIA CNRs (stored: never changes).
    public static let iia = NotificationAPI("iia-cnr")
}

/// IIA CNR v3 as the engine sends it: the master of an IIA copy tells the partner, one IIA per
/// CNR (`iia_id` is not repeatable), named by the sender's IIA id. The partner pulls our IIAs;
/// we index-sync its IIAs in turn.
public struct IIACNR: CNRAPI {
    public init() {}

    public var api: NotificationAPI { .iia }
    public var entries: [APIReference] { [IIACNRAPI.entry] }
    public func form(for entry: APIReference, localHEI: String, objectIDs: [String]) -> [(String, String)] {
        objectIDs.prefix(1).map { ("iia_id", $0) }
    }
    public func idsPerNotification(limits: [String: Int]) -> Int { 1 }
    public var source: PullSource { .iias }
    public var counterpartSource: PullSource { .iias }
    public var response: XElement { IIACNRAPI.response }
}
