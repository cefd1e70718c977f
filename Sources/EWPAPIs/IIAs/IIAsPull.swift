import EWPCore
import EWPModel
import EWPNotifications
import EWPXML

/// Pulling a partner's IIAs v7: `get` by `iia_id` (up to its `max-iia-ids`), `index` with
/// `modified_since` only. A copy's id is the `iia-id` of the partner block naming the partner (the
/// spec puts the served HEI first, so the first block when none names it).
public struct IIAsPull: PulledAPI {
    public init() {}

    public var source: PullSource { .iias }
    public var entries: [APIReference] { [APIReference(namespace: IIAsAPI.entryNamespace, name: "iias", majorVersion: 7)] }
    public var maxIDsElement: String { "max-iia-ids" }

    public func getParameters(for entry: APIReference, partnerHEI: String, localHEI: String, ids: [String]) -> [(String, String)] {
        ids.map { ("iia_id", $0) }
    }

    public func indexParameters(for entry: APIReference, partnerHEI: String, localHEI: String, modifiedSince: String?) -> [(String, String)] {
        modifiedSince.map { [("modified_since", $0)] } ?? []
    }

    public func indexIDs(_ root: XElement) -> [String] { PulledAnswer.ids(root, named: "iia-id") }

    public func objects(in root: XElement, entry: APIReference, partnerHEI: String) -> [(id: String, element: XElement)] {
        PulledAnswer.objects(root, named: "iia") { element in
            let partners = IIA.partners(of: element)
            return (partners.first { HEIID($0.heiID) == HEIID(partnerHEI) } ?? partners.first)?.iiaID
        }
    }
}

extension PullSource {
    /// The key of its partner copies and index-sync states (stored: never changes).
    public static let iias = PullSource("iias")
}
