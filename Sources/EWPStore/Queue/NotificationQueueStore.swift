import Foundation

/// The durable notification queues (`NotificationQueue`): CNRs we send and CNRs we received, one row per
/// pending notification. Several node processes may share one store: every method is one atomic
/// transaction, and no two callers ever hold a lease on the same row at once. Rows change only by the
/// pure rules `MergeRule`, `LeaseRule` and `QueueTransition`. Times are passed in (`now`): the store
/// reads no clock. Every method throws `StoreError`.
public protocol NotificationQueueStore: Sendable {
    /// Enqueues `keys` in one transaction. A key whose queue holds a pending, unleased row for it merges
    /// into that row (`MergeRule`); otherwise a new pending row is added, due at `now`, expiring at
    /// `expiresAt` (now + the queue's lifetime). Throws, adding nothing, if any key has an empty field.
    func enqueue(_ queue: NotificationQueue, _ keys: [NotificationKey], now: Date, expiresAt: Date, settling: QueueSettling) async throws

    /// Atomically leases up to `limit` claimable rows (`LeaseRule.isClaimable`), oldest nextAttemptAt
    /// first (then lowest id), skipping rows whose partner is in `excludingPartners`. Each returned row has
    /// leaseOwner = `owner` and leaseUntil = now + `lease`. Reads no more than `limit` rows, however long
    /// the queue. Concurrent claims, from this process or another, never return the same row while its
    /// lease holds. `limit` <= 0 returns nothing; `lease` must be positive.
    func claim(_ queue: NotificationQueue, owner: String, now: Date, lease: TimeInterval, limit: Int,
               excludingPartners: Set<String>) async throws -> [QueueRow]

    /// Records how an attempt ended (`QueueTransition.finish`) if `owner` still holds the row's lease
    /// (`LeaseRule.holds`, even when the lease ran out) and returns true. Returns false and changes nothing
    /// if the row is gone, or someone else claimed it, or an enqueue merged into it after the lease ran
    /// out, or an operator retried or dropped it. Clears the lease; sets finishedAt for terminal states.
    func finish(_ queue: NotificationQueue, id: Int64, owner: String, outcome: QueueOutcome, now: Date) async throws -> Bool

    /// Turns every pending, unleased row with expiresAt <= now `dead` (lastError "expired after …").
    /// Returns how many.
    func expire(_ queue: NotificationQueue, now: Date) async throws -> Int

    /// Rows matching `filter`, newest (highest id) first, at most `filter.limit`.
    func queueRows(_ queue: NotificationQueue, filter: QueueFilter) async throws -> [QueueRow]

    /// One row, nil if `queue` has no row `id`.
    func queueRow(_ queue: NotificationQueue, id: Int64) async throws -> QueueRow?

    /// Operator: puts row `id` back to pending, due `now`, lease cleared, expiring at `expiresAt`
    /// (`QueueTransition.retry`), whatever its state. Returns false if there is no such row.
    func retryRow(_ queue: NotificationQueue, id: Int64, now: Date, expiresAt: Date) async throws -> Bool

    /// Operator: marks a row not yet delivered `dropped` (`QueueTransition.drop`), lease cleared. Returns
    /// false if there is no such row or it was delivered.
    func dropRow(_ queue: NotificationQueue, id: Int64, now: Date) async throws -> Bool

    /// Counts per api, partner, state and retrying flag, and the oldest pending row's createdAt.
    /// `now` is the caller's clock, for stores that count relative to it; the counts do not depend on it.
    func queueSummary(_ queue: NotificationQueue, now: Date) async throws -> QueueSummary

    /// Deletes delivered rows whose finishedAt is before `cutoff`. Returns how many.
    func prune(_ queue: NotificationQueue, deliveredBefore cutoff: Date) async throws -> Int
}

extension NotificationQueueStore {
    /// Enqueues rows due at once (no settling).
    public func enqueue(_ queue: NotificationQueue, _ keys: [NotificationKey], now: Date, expiresAt: Date) async throws {
        try await enqueue(queue, keys, now: now, expiresAt: expiresAt, settling: .none)
    }
}
