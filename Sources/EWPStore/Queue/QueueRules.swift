import Foundation

/// When a new enqueue joins a row that is already waiting instead of adding one. Pure; every store uses it.
public enum MergeRule {
    /// The id of the row that absorbs a new enqueue, or nil to insert a new row. `existing` are rows of
    /// the same queue and key. A candidate is `pending` and not leased (`LeaseRule.isLeased`); a leased row
    /// is in flight and may have read the object before this change, so it never absorbs one. Of several
    /// candidates the oldest (lowest id) wins.
    public static func mergeTarget(existing: [QueueRow], now: Date) -> Int64? {
        existing.lazy.filter { $0.state == .pending && !LeaseRule.isLeased($0, now: now) }.map(\.id).min()
    }

    /// `row` after absorbing one more change: mergedChanges + 1, updatedAt = now, expiresAt = the later of
    /// both, nextAttemptAt as `settling` says (unchanged with `.none`). A lease that ran out is cleared: its holder may have read the object
    /// before this change, so it must no longer finish the row (`LeaseRule.holds` turns false).
    public static func merge(into row: QueueRow, now: Date, expiresAt: Date, settling: QueueSettling = .none) -> QueueRow {
        var merged = row
        merged.nextAttemptAt = settling.dueAfterMerge(row, now: now)
        merged.mergedChanges += 1
        merged.updatedAt = now
        merged.expiresAt = max(row.expiresAt, expiresAt)
        merged.leaseOwner = nil
        merged.leaseUntil = nil
        return merged
    }
}

/// Who may work on a row, and when. Pure; every store uses it.
public enum LeaseRule {
    /// A lease is in force while `leaseUntil > now`.
    public static func isLeased(_ row: QueueRow, now: Date) -> Bool {
        guard let until = row.leaseUntil else { return false }
        return until > now
    }

    /// Pending, due (nextAttemptAt <= now) and not leased.
    public static func isClaimable(_ row: QueueRow, now: Date) -> Bool {
        row.state == .pending && row.nextAttemptAt <= now && !isLeased(row, now: now)
    }

    /// Whether `owner` may record an outcome: the row is pending and `owner` is its lease owner. A lease
    /// that ran out still counts unless someone else claimed the row, an enqueue merged into it, or an
    /// operator acted on it meanwhile (each of these replaces or clears the owner).
    public static func holds(_ row: QueueRow, owner: String, now: Date) -> Bool {
        row.state == .pending && row.leaseOwner == owner
    }

    /// Whether a claim with these arguments can lease anything: false for `limit` <= 0; throws for an
    /// empty owner or a lease that is not positive (the arguments `claim` refuses).
    public static func claimsAnything(_ queue: NotificationQueue, owner: String, lease: TimeInterval, limit: Int) throws -> Bool {
        guard limit > 0 else { return false }
        guard lease > 0, !owner.isEmpty else {
            throw StoreError(.invalidInput, "claim from the \(queue.rawValue) queue needs an owner and a positive lease (owner \"\(owner)\", lease \(lease) s)")
        }
        return true
    }

    /// `row` leased to `owner` until now + lease.
    public static func claim(_ row: QueueRow, owner: String, now: Date, lease: TimeInterval) -> QueueRow {
        var claimed = row
        claimed.leaseOwner = owner
        claimed.leaseUntil = now.addingTimeInterval(lease)
        claimed.updatedAt = now
        return claimed
    }
}
