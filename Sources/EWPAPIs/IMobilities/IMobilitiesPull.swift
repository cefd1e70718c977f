import EWPNotifications
import EWPXML

/// Pulling a partner's Incoming Mobilities v1 (we are the sending HEI, the partner the receiving
/// one): its answers to our nominations. `get` names the partner as `receiving_hei_id` and repeats
/// `omobility_id` (our ids, up to its `max-omobility-ids`); there is no `index`.
public struct IMobilitiesPull: PulledAPI {
    public init() {}

    public var source: PullSource { .imobilities }
    public var entries: [APIReference] { [APIReference(namespace: IMobilitiesAPI.entryNamespace, name: "imobilities", majorVersion: 1)] }
    public var isIndexed: Bool { false }
    public var maxIDsElement: String { "max-omobility-ids" }

    public func getParameters(for entry: APIReference, partnerHEI: String, localHEI: String, ids: [String]) -> [(String, String)] {
        [("receiving_hei_id", partnerHEI)] + ids.map { ("omobility_id", $0) }
    }

    /// No `index` endpoint (index-sync never lists answers).
    public func indexParameters(for entry: APIReference, partnerHEI: String, localHEI: String, modifiedSince: String?) -> [(String, String)] { [] }

    public func indexIDs(_ root: XElement) -> [String] { [] }

    public func objects(in root: XElement, entry: APIReference, partnerHEI: String) -> [(id: String, element: XElement)] {
        PulledAnswer.objects(root, named: "student-mobility-for-studies") { PulledAnswer.text($0, "omobility-id") }
    }
}

extension PullSource {
    /// The key of its partner copies (stored: never changes).
    public static let imobilities = PullSource("imobilities")
}
