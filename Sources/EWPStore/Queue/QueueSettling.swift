import Foundation

/// The debounce of a burst of changes: a row becomes due `window` after the latest enqueue that joined
/// it, but never later than `maxWait` after its first one, so fifty edits of one object in a second are
/// one notification. `.none` makes a row due at once.
public struct QueueSettling: Sendable, Equatable {
    public var window: TimeInterval
    public var maxWait: TimeInterval

    public init(window: TimeInterval, maxWait: TimeInterval) {
        self.window = max(0, window)
        self.maxWait = max(self.window, maxWait)
    }

    public static let none = QueueSettling(window: 0, maxWait: 0)

    /// When a new row is due.
    func firstDue(now: Date) -> Date { now.addingTimeInterval(window) }

    /// When a row that just absorbed a change is due. A row that has failed before keeps its retry time.
    func dueAfterMerge(_ row: QueueRow, now: Date) -> Date {
        guard row.attempts == 0 else { return row.nextAttemptAt }
        return max(row.nextAttemptAt, min(now.addingTimeInterval(window), row.createdAt.addingTimeInterval(maxWait)))
    }
}
