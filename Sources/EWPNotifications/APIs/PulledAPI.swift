import EWPXML

/// A partner API we pull objects from after a CNR or an index-sync: which of the partner's
/// manifest entries to call, the parameters of its `get` and `index`, and how to read its answers.
/// Defined here, where the puller and index-sync use it; each API's descriptor lives in its EWPAPIs
/// folder, and the node passes the list in (`PulledAPIs`, beside the CNR APIs' `CNRAPIs`).
public protocol PulledAPI: Sendable {
    /// The source described: the key of its partner copies and index-sync states.
    var source: PullSource { get }
    /// The partner's manifest entries we can pull from, preferred (newest) first.
    var entries: [APIReference] { get }
    /// The manifest URL element of the `get` endpoint.
    var getURLElement: String { get }
    /// The manifest element limiting the ids per `get`.
    var maxIDsElement: String { get }
    /// Whether it has an `index` endpoint, so index-sync can list it.
    var isIndexed: Bool { get }
    /// Parameters of a `get` for `ids` held by `partnerHEI`, asked on behalf of `localHEI`, in the
    /// version `entry` names.
    func getParameters(for entry: APIReference, partnerHEI: String, localHEI: String, ids: [String]) -> [(String, String)]
    /// Parameters of an `index` call listing what `partnerHEI` holds with `localHEI`.
    func indexParameters(for entry: APIReference, partnerHEI: String, localHEI: String, modifiedSince: String?) -> [(String, String)]
    /// The ids an `index` answer lists.
    func indexIDs(_ root: XElement) -> [String]
    /// The objects of a `get` answer that belong to `partnerHEI`, by their id in the partner's numbering.
    func objects(in root: XElement, entry: APIReference, partnerHEI: String) -> [(id: String, element: XElement)]
}

extension PulledAPI {
    public var getURLElement: String { "get-url" }
    public var isIndexed: Bool { true }

    /// How many ids one `get` may carry to a partner whose entry declares `limits`.
    public func maxIDsPerGet(limits: [String: Int]) -> Int { max(1, limits[maxIDsElement] ?? 1) }

    /// The oldest version we pull from (the last of `entries`).
    public var entry: APIReference { entries[entries.count - 1] }
}

/// The pulled APIs the node knows, one descriptor per source.
public struct PulledAPIs: Sendable {
    public let all: [any PulledAPI]

    public init(_ all: [any PulledAPI]) { self.all = all }

    public subscript(source: PullSource) -> (any PulledAPI)? { all.first { $0.source == source } }

    /// The sources that have an `index` endpoint, in list order.
    public var indexed: [PullSource] { all.filter(\.isIndexed).map(\.source) }
}
