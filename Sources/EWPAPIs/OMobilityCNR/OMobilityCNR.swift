import EWPNotifications
import EWPXML

extension NotificationAPI {
    /// The queue key of Outgoing Mobility CNRs (stored: never changes).
    public static let omobility = NotificationAPI("omobility-cnr")
}

/// Outgoing Mobility CNR v1 as the engine sends it: the sending HEI names itself
/// (`sending_hei_id`) and repeats `omobility_id` (up to the partner's `max-omobility-ids`). The
/// receiving HEI pulls our mobilities; it hosts our students, so we index-sync its ToRs.
public struct OMobilityCNR: CNRAPI {
    public init() {}

    public var api: NotificationAPI { .omobility }
    public var entries: [APIReference] { [OMobilityCNRAPI.entry] }
    public func form(for entry: APIReference, localHEI: String, objectIDs: [String]) -> [(String, String)] {
        [("sending_hei_id", localHEI)] + objectIDs.map { ("omobility_id", $0) }
    }
    public func idsPerNotification(limits: [String: Int]) -> Int { max(1, limits["max-omobility-ids"] ?? 1) }
    public var source: PullSource { .omobilities }
    public var counterpartSource: PullSource { .imobilityToRs }
    public var response: XElement { OMobilityCNRAPI.response }
}
