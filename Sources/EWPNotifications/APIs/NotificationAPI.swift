import EWPXML

/// The key of a change-notification (CNR) API: one value per spec repository, stored in the queues,
/// so a repository's major versions share one row per (API, partner, object) and the version is
/// chosen at send time. What the API is (entries, forms, the source it makes us pull) is its
/// `CNRAPI` descriptor; the well-known keys are declared beside their descriptors in EWPAPIs
/// (`NotificationAPI.iia`, ...).
public struct NotificationAPI: StoredKey {
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// A CNR API as both sides use it: who is notified of what, with which form, and where the
/// notified side pulls the changed objects from. Defined here, where the outbox dispatcher, the
/// inbound puller and index-sync use it; each API's descriptor lives in its EWPAPIs folder, and
/// the node passes the list in (`CNRAPIs`).
public protocol CNRAPI: Sendable {
    /// The queue key of its notifications (inbound and outbox).
    var api: NotificationAPI { get }
    /// The partner's manifest entries we can send to, preferred (newest) first.
    var entries: [APIReference] { get }
    /// The form a CNR about `objectIDs` carries in the version `entry` names.
    func form(for entry: APIReference, localHEI: String, objectIDs: [String]) -> [(String, String)]
    /// How many object ids one CNR may carry to a partner whose entry declares `limits`.
    func idsPerNotification(limits: [String: Int]) -> Int
    /// Where the notified side pulls the changed objects from.
    var source: PullSource { get }
    /// After we notify a partner through this API, the partner is someone we hold objects with, so
    /// its copies of these counterpart objects are worth an index-sync.
    var counterpartSource: PullSource { get }
    /// The empty element our CNR endpoint answers with (the oldest version's).
    var response: XElement { get }
}

extension CNRAPI {
    /// The oldest version we send (the last of `entries`).
    public var entry: APIReference { entries[entries.count - 1] }
}

/// The CNR APIs the node knows, one descriptor per queue key.
public struct CNRAPIs: Sendable {
    public let all: [any CNRAPI]

    public init(_ all: [any CNRAPI]) { self.all = all }

    public subscript(api: NotificationAPI) -> (any CNRAPI)? { all.first { $0.api == api } }

    /// The CNR API whose notifications make us pull from `source` (the inbound queue's key).
    public func notifying(_ source: PullSource) -> (any CNRAPI)? { all.first { $0.source == source } }
}

/// A manifest API entry to look up in the registry catalogue.
public struct APIReference: Sendable, Hashable {
    public let namespace: String
    public let name: String
    public let majorVersion: Int

    public init(namespace: String, name: String, majorVersion: Int) {
        self.namespace = namespace
        self.name = name
        self.majorVersion = majorVersion
    }
}
