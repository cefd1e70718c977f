import EWPNotifications
import EWPXML

extension NotificationAPI {
    /// The queue key of IMobility ToR CNRs, v1 and v2 alike (stored: never changes).
    public static let imobilityToR = NotificationAPI("imobility-tor-cnr")
}

/// IMobility ToR CNR v1 and v2 as the engine sends them. ToR CNR v2 came with IMobility ToRs v3; a
/// partner may publish either, and we send in the newest it publishes (looked up at send time, so
/// the outbox keeps one row per partner and mobility whatever the version). v1 names our HEI
/// (`receiving_hei_id`) and repeats `omobility_id`; v2 repeats `omobility_id` only (the partner
/// learns our HEI from our signature). The sending HEI pulls our ToRs; it sends us students, so we
/// index-sync its LAs.
public struct IMobilityToRCNR: CNRAPI {
    public init() {}

    public var api: NotificationAPI { .imobilityToR }
    public var entries: [APIReference] { [IMobilityToRCNRv2API.entry, IMobilityToRCNRAPI.entry] }
    public func form(for entry: APIReference, localHEI: String, objectIDs: [String]) -> [(String, String)] {
        let ids = objectIDs.map { ("omobility_id", $0) }
        return entry.majorVersion == IMobilityToRCNRv2API.entry.majorVersion ? ids : [("receiving_hei_id", localHEI)] + ids
    }
    public func idsPerNotification(limits: [String: Int]) -> Int { max(1, limits["max-omobility-ids"] ?? 1) }
    public var source: PullSource { .imobilityToRs }
    public var counterpartSource: PullSource { .omobilityLAs }
    public var response: XElement { IMobilityToRCNRAPI.response }
}
