import Foundation

/// One notification in a queue.
public struct QueueRow: Sendable, Equatable {
    public var id: Int64
    public var queue: NotificationQueue
    public var key: NotificationKey
    public var state: QueueState
    /// Finished send attempts (a release does not count).
    public var attempts: Int
    /// 1 + the number of enqueues merged into this row.
    public var mergedChanges: Int
    public var createdAt: Date
    public var updatedAt: Date
    /// Not claimable before this time.
    public var nextAttemptAt: Date
    /// Past this time a pending row is expired (`dead`) instead of sent.
    public var expiresAt: Date
    public var leaseOwner: String?
    public var leaseUntil: Date?
    public var lastError: String?
    /// When it left `pending`.
    public var finishedAt: Date?

    public init(id: Int64, queue: NotificationQueue, key: NotificationKey, state: QueueState, attempts: Int,
                mergedChanges: Int, createdAt: Date, updatedAt: Date, nextAttemptAt: Date, expiresAt: Date,
                leaseOwner: String? = nil, leaseUntil: Date? = nil, lastError: String? = nil, finishedAt: Date? = nil) {
        self.id = id
        self.queue = queue
        self.key = key
        self.state = state
        self.attempts = attempts
        self.mergedChanges = mergedChanges
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.nextAttemptAt = nextAttemptAt
        self.expiresAt = expiresAt
        self.leaseOwner = leaseOwner
        self.leaseUntil = leaseUntil
        self.lastError = lastError
        self.finishedAt = finishedAt
    }

    /// A fresh pending row, due at once. `id` is 0 until the store assigns one.
    public static func new(_ queue: NotificationQueue, _ key: NotificationKey, now: Date, expiresAt: Date,
                           settling: QueueSettling = .none) -> QueueRow {
        QueueRow(id: 0, queue: queue, key: key, state: .pending, attempts: 0, mergedChanges: 1,
                 createdAt: now, updatedAt: now, nextAttemptAt: settling.firstDue(now: now), expiresAt: expiresAt)
    }
}

/// How an attempt on a claimed row ended.
public enum QueueOutcome: Sendable, Equatable {
    /// Done: attempts += 1, state `delivered`, lastError cleared.
    case delivered
    /// Try again later: attempts += 1, back to `pending`, due at `at`.
    case retry(at: Date, error: String)
    /// Given up: `rejected`, `unsupported` or `dead`; attempts += 1.
    case finished(QueueState, error: String)
    /// Not attempted (e.g. the partner's circuit is open): back to `pending` due at `at`, attempts unchanged.
    case release(at: Date)
}
