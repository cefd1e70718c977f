import EWPNotifications
import EWPXML

/// Pulling a partner's OMobility LAs v1 (we are the receiving HEI, the partner the sending one):
/// `get` names the partner as `sending_hei_id` and repeats `omobility_id` (up to its
/// `max-omobility-ids`); `index` names both HEIs. An LA's id is its `omobility-id`.
public struct OMobilityLAsPull: PulledAPI {
    public init() {}

    public var source: PullSource { .omobilityLAs }
    public var entries: [APIReference] { [APIReference(namespace: OMobilityLAsAPI.entryNamespace, name: "omobility-las", majorVersion: 1)] }
    public var maxIDsElement: String { "max-omobility-ids" }

    public func getParameters(for entry: APIReference, partnerHEI: String, localHEI: String, ids: [String]) -> [(String, String)] {
        [("sending_hei_id", partnerHEI)] + ids.map { ("omobility_id", $0) }
    }

    public func indexParameters(for entry: APIReference, partnerHEI: String, localHEI: String, modifiedSince: String?) -> [(String, String)] {
        [("sending_hei_id", partnerHEI), ("receiving_hei_id", localHEI)] + (modifiedSince.map { [("modified_since", $0)] } ?? [])
    }

    public func indexIDs(_ root: XElement) -> [String] { PulledAnswer.ids(root, named: "omobility-id") }

    public func objects(in root: XElement, entry: APIReference, partnerHEI: String) -> [(id: String, element: XElement)] {
        PulledAnswer.objects(root, named: "la") { PulledAnswer.text($0, "omobility-id") }
    }
}

extension PullSource {
    /// The key of its partner copies and index-sync states (stored: never changes).
    public static let omobilityLAs = PullSource("omobility-las")
}
