import EWPNotifications
import EWPXML

/// Pulling a partner's IIAs Approval v2: its approvals of our IIAs, `get` by `iia_id` (our ids, up
/// to its `max-iia-ids`) at the entry's `url`; no `index`. An approval's id is its `iia-id`.
public struct IIAsApprovalPull: PulledAPI {
    public init() {}

    public var source: PullSource { .iiasApproval }
    public var entries: [APIReference] {
        [APIReference(namespace: IIAsApprovalAPI.entryNamespace, name: "iias-approval", majorVersion: 2)]
    }
    public var getURLElement: String { "url" }
    public var isIndexed: Bool { false }
    public var maxIDsElement: String { "max-iia-ids" }

    public func getParameters(for entry: APIReference, partnerHEI: String, localHEI: String, ids: [String]) -> [(String, String)] {
        ids.map { ("iia_id", $0) }
    }

    /// No `index` endpoint (index-sync never lists approvals).
    public func indexParameters(for entry: APIReference, partnerHEI: String, localHEI: String, modifiedSince: String?) -> [(String, String)] {
        modifiedSince.map { [("modified_since", $0)] } ?? []
    }

    public func indexIDs(_ root: XElement) -> [String] { PulledAnswer.ids(root, named: "omobility-id") }

    public func objects(in root: XElement, entry: APIReference, partnerHEI: String) -> [(id: String, element: XElement)] {
        PulledAnswer.objects(root, named: "approval") { PulledAnswer.text($0, "iia-id") }
    }
}

extension PullSource {
    /// The key of its partner copies and index-sync states (stored: never changes).
    public static let iiasApproval = PullSource("iias-approval")
}
