import EWPXML

/// A partner API we pull objects from after a CNR or an index-sync: how to ask for some ids, how to
/// list what changed, and how to find each object (and its id) in the answer.
public enum PullSource: String, Sendable, CaseIterable {
    case iias
    case iiasApproval = "iias-approval"
    case omobilityLAs = "omobility-las"
    case imobilityToRs = "imobility-tors"

    public var entry: APIReference {
        switch self {
        case .iias: APIReference(namespace: NotificationAPI.entryNamespace("iias", 7), name: "iias", majorVersion: 7)
        case .iiasApproval: APIReference(namespace: NotificationAPI.entryNamespace("iias-approval", 2), name: "iias-approval", majorVersion: 2)
        case .omobilityLAs: APIReference(namespace: NotificationAPI.entryNamespace("omobility-las", 1), name: "omobility-las", majorVersion: 1)
        case .imobilityToRs: APIReference(namespace: NotificationAPI.entryNamespace("imobility-tors", 2), name: "imobility-tors", majorVersion: 2)
        }
    }

    /// The CNR API whose notifications make us pull from this source (the inbound queue's key).
    public var notification: NotificationAPI {
        switch self {
        case .iias: .iia
        case .iiasApproval: .iiaApproval
        case .omobilityLAs: .omobilityLA
        case .imobilityToRs: .imobilityToR
        }
    }

    /// The sources that have an `index` endpoint, so index-sync can list them.
    public static let indexed: [PullSource] = [.iias, .omobilityLAs, .imobilityToRs]

    /// The manifest URL element of the `get` endpoint.
    var getURLElement: String { self == .iiasApproval ? "url" : "get-url" }

    /// The manifest limit on ids per `get`.
    var maxIDsLimit: String { self == .iias || self == .iiasApproval ? "max-iia-ids" : "max-omobility-ids" }

    public func maxIDsPerGet(limits: [String: Int]) -> Int { max(1, limits[maxIDsLimit] ?? 1) }

    /// Parameters of a `get` for `ids` held by `partnerHEI`, asked on behalf of `localHEI`.
    public func getParameters(partnerHEI: String, localHEI: String, ids: [String]) -> [(String, String)] {
        switch self {
        case .iias, .iiasApproval: ids.map { ("iia_id", $0) }
        case .omobilityLAs: [("sending_hei_id", partnerHEI)] + ids.map { ("omobility_id", $0) }
        case .imobilityToRs: [("receiving_hei_id", partnerHEI)] + ids.map { ("omobility_id", $0) }
        }
    }

    /// Parameters of an `index` call listing what `partnerHEI` holds with `localHEI`.
    public func indexParameters(partnerHEI: String, localHEI: String, modifiedSince: String?) -> [(String, String)] {
        var parameters: [(String, String)]
        switch self {
        case .iias, .iiasApproval: parameters = []
        case .omobilityLAs: parameters = [("sending_hei_id", partnerHEI), ("receiving_hei_id", localHEI)]
        case .imobilityToRs: parameters = [("receiving_hei_id", partnerHEI), ("sending_hei_id", localHEI)]
        }
        if let modifiedSince { parameters.append(("modified_since", modifiedSince)) }
        return parameters
    }

    /// The ids an `index` response lists.
    public func indexIDs(_ root: XElement) -> [String] {
        let name = self == .iias ? "iia-id" : "omobility-id"
        return root.children.filter { $0.name == name }.map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    /// The objects of a `get` response by their id in the partner's numbering. For IIAs the id is
    /// the `iia-id` of the partner block naming `partnerHEI` (the spec puts the served HEI first);
    /// for approvals, the approved copy's `iia-id`; for LAs and ToRs, `omobility-id`.
    public func objects(in root: XElement, partnerHEI: String) -> [(id: String, element: XElement)] {
        var out: [(id: String, element: XElement)] = []
        for element in root.children {
            let id: String?
            switch self {
            case .iias:
                guard element.name == "iia" else { continue }
                let partners = element.children.filter { $0.name == "partner" }
                let own = partners.first { Self.text($0, "hei-id")?.lowercased() == partnerHEI.lowercased() } ?? partners.first
                id = own.flatMap { Self.text($0, "iia-id") }
            case .iiasApproval:
                guard element.name == "approval" else { continue }
                id = Self.text(element, "iia-id")
            case .omobilityLAs:
                guard element.name == "la" else { continue }
                id = Self.text(element, "omobility-id")
            case .imobilityToRs:
                guard element.name == "tor" else { continue }
                id = Self.text(element, "omobility-id")
            }
            if let id, !id.isEmpty { out.append((id, element)) }
        }
        return out
    }

    private static func text(_ element: XElement, _ child: String) -> String? {
        element.children.first { $0.name == child }.map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) }
    }
}
