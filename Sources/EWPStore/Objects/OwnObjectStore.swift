import Foundation

/// Our own objects (`OwnObject`), keyed by kind, heiID and objectID, changed together with the
/// notifications they cause. Every method throws `StoreError`.
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
    /// within; a key with no values matches nothing). `modifiedSince`, if given: modifiedAt > it.
    func ownObjectIDs(kind: String, heiID: String, partnerHEI: String?, filters: [String: [String]],
                      modifiedSince: Date?) async throws -> [String]
}
