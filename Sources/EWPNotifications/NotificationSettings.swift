import EWPStore

/// Tuning of the notification engine. Seconds throughout.
public struct NotificationSettings: Sendable {
    /// First retry delay; later ones double up to `retryCap` (EWP_CNR_RETRY_BASE).
    public var retryBase: Double = 30
    public var retryCap: Double = 3600
    /// A row not delivered within this time becomes `dead` (EWP_CNR_LIFETIME, default 72 h).
    public var lifetime: Double = 72 * 3600
    /// How long a claimed row stays ours; longer than a call's timeout.
    public var lease: Double = 120
    /// Rows claimed at once, and sends in flight at once.
    public var batchSize = 64
    public var concurrency = 8
    /// Idle wait between looks at the queue (rows written by another process appear within it).
    public var pollInterval: Double = 1
    /// A row is due a second after the latest change that joined it, at most ten after its first:
    /// a burst of changes (or of CNRs) costs one call.
    public var settling = QueueSettling(window: 1, maxWait: 10)
    /// Delivered rows are kept this long for operators, then pruned.
    public var deliveredRetention: Double = 7 * 86400
    /// Index-sync of each partner and API (EWP_SYNC_INTERVAL).
    public var syncInterval: Double = 3600
    public var breakerThreshold = 5
    public var breakerCooldown: Double = 60
    public var breakerMaxCooldown: Double = 900

    public init() {}

    var schedule: RetrySchedule { RetrySchedule(base: retryBase, cap: retryCap) }
    var policy: DeliveryPolicy { DeliveryPolicy(schedule: schedule) }
}
