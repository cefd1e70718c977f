import EWPNotifications
import EWPXML

extension NotificationAPI {
    /// The queue key of Incoming Mobility CNRs (stored: never changes).
    public static let imobility = NotificationAPI("imobility-cnr")
}

/// Incoming Mobility CNR v1 as the engine sends it: the receiving HEI names itself
/// (`receiving_hei_id`) and repeats `omobility_id` (up to the partner's `max-omobility-ids`). The
/// sending HEI pulls our answers; it sends us students, so we index-sync its mobilities.
public struct IMobilityCNR: CNRAPI {
    public init() {}

    public var api: NotificationAPI { .imobility }
    public var entries: [APIReference] { [IMobilityCNRAPI.entry] }
    public func form(for entry: APIReference, localHEI: String, objectIDs: [String]) -> [(String, String)] {
        [("receiving_hei_id", localHEI)] + objectIDs.map { ("omobility_id", $0) }
    }
    public func idsPerNotification(limits: [String: Int]) -> Int { max(1, limits["max-omobility-ids"] ?? 1) }
    public var source: PullSource { .imobilities }
    public var counterpartSource: PullSource { .omobilities }
    public var response: XElement { IMobilityCNRAPI.response }
}
