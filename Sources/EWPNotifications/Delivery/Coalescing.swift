import EWPStore
import Foundation

/// The debounce rule: a row that was just queued or merged into waits `window` after its latest
/// change, so a burst of changes (or CNRs) to one object costs one call; a row never waits more
/// than `maxWait` after it was first queued.
public enum Coalescing {
    /// When the row may be attempted; `now` or earlier means at once.
    public static func readyAt(_ row: QueueRow, window: Double, maxWait: Double) -> Date {
        guard row.attempts == 0 else { return row.nextAttemptAt }
        let settled = row.updatedAt.addingTimeInterval(window)
        let deadline = row.createdAt.addingTimeInterval(maxWait)
        return max(row.nextAttemptAt, min(settled, deadline))
    }
}
