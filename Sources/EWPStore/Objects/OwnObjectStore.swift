import Foundation

/// Our own objects (`OwnObject`), keyed by kind, heiID and objectID, changed together with the
/// notifications they cause. Every method throws `StoreError`.
///
/// Change stamps, for `index`'s modified_since with several writers (processes on one database): a
/// commit stores each object's modifiedAt as the latest of the caller's, the store's clock at the
/// moment it writes (under its lock), and its owner's (kind, heiID) newest modifiedAt + 1 µs. So the
/// stamps of one owner only grow, and a `modifiedSince` query never misses a change committed after
/// it answered: such a change was stamped after the query ran (a query waits for a commit that has
/// stamped but not yet committed), i.e. later than any T up to the query's time. A partner that asks
/// again with T = when it asked last gets every change since (clocks in sync, as cliauth-httpsig's
/// dates need anyway). The store's clock: on PostgreSQL the database server's, one for every process;
/// on SQLite the clock the store was opened with (the node's), serialised by the file's write lock.
public protocol OwnObjectStore: Sendable {
    /// Applies every upsert (insert or replace by identity) and enqueues every notification in the outbox
    /// (as `enqueue(.outbox, notifications, now:, expiresAt: notificationsExpireAt)`, merging likewise) in
    /// ONE transaction: all or nothing. Fails, changing nothing, if any upsert fails
    /// `OwnObject.validate(replacing:)` (e.g. reuses a deleted id) or any notification key has an empty field.
    func commit(_ changes: ChangeSet, now: Date) async throws

    /// The objects with these ids (tombstones included; unknown ids left out), sorted by objectID, in
    /// their `normalized` form.
    func ownObjects(kind: String, heiID: String, ids: [String]) async throws -> [OwnObject]

    /// Ids of live objects (not tombstones) of `kind` owned by `heiID`, sorted. `partnerHEI`, if given,
    /// must be in partnerHEIs. Each key of `filters` must match one of its values (AND across keys, OR
    /// within; a key with no values matches nothing). `modifiedSince`, if given: modifiedAt > it (see the
    /// change stamps above).
    func ownObjectIDs(kind: String, heiID: String, partnerHEI: String?, filters: [String: [String]],
                      modifiedSince: Date?) async throws -> [String]
}

/// Pages of our own objects for people's lists (the console), cut by the store so a list never
/// reads more than one page of documents. Every method throws `StoreError`.
public protocol OwnObjectPageStore: Sendable {
    /// One page of the live objects of `kind` owned by `heiID` (as `ownObjectIDs` without filters),
    /// sorted by objectID: at most `limit` ids from `offset`, with the number of all matches. `search`,
    /// unless blank, keeps the objects where it is part of the objectID, of a partner HEI, or of a
    /// value of a filter key in `searchKeys`, ignoring the case of ASCII letters.
    func ownObjectIDPage(kind: String, heiID: String, search: String?, searchKeys: [String], limit: Int, offset: Int) async throws -> OwnObjectIDPage
}

/// One page of object ids and how many match in all.
public struct OwnObjectIDPage: Sendable, Equatable {
    public var ids: [String]
    public var total: Int

    public init(ids: [String], total: Int) {
        self.ids = ids
        self.total = total
    }

    /// The search text as the stores compare it: trimmed and lower-cased; nil when blank.
    public static func searchText(_ search: String?) -> String? {
        guard let text = search?.trimmingCharacters(in: .whitespacesAndNewlines).lowercased(), !text.isEmpty else { return nil }
        return text
    }
}
