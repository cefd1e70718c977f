import EWPNotifications
import EWPXML

/// Pulling a partner's Outgoing Mobilities v2 (we are the receiving HEI, the partner the sending
/// one): `get` names the partner as `sending_hei_id` and repeats `omobility_id` (up to its
/// `max-omobility-ids`); `index` names the partner and us as `receiving_hei_id`. A mobility's id is
/// its `omobility-id`; a copy is our incoming nomination.
public struct OMobilitiesPull: PulledAPI {
    public init() {}

    public var source: PullSource { .omobilities }
    public var entries: [APIReference] { [APIReference(namespace: OMobilitiesAPI.entryNamespace, name: "omobilities", majorVersion: 2)] }
    public var maxIDsElement: String { "max-omobility-ids" }

    public func getParameters(for entry: APIReference, partnerHEI: String, localHEI: String, ids: [String]) -> [(String, String)] {
        [("sending_hei_id", partnerHEI)] + ids.map { ("omobility_id", $0) }
    }

    public func indexParameters(for entry: APIReference, partnerHEI: String, localHEI: String, modifiedSince: String?) -> [(String, String)] {
        [("sending_hei_id", partnerHEI), ("receiving_hei_id", localHEI)] + (modifiedSince.map { [("modified_since", $0)] } ?? [])
    }

    public func indexIDs(_ root: XElement) -> [String] { PulledAnswer.ids(root, named: "omobility-id") }

    public func objects(in root: XElement, entry: APIReference, partnerHEI: String) -> [(id: String, element: XElement)] {
        PulledAnswer.objects(root, named: "student-mobility") { PulledAnswer.text($0, "omobility-id") }
    }
}

extension PullSource {
    /// The key of its partner copies and index-sync states (stored: never changes).
    public static let omobilities = PullSource("omobilities")
}
