import Foundation

/// How a row changes when an attempt ends, when it expires and when an operator acts on it.
/// Pure; every store uses it. Each transition clears the lease and sets updatedAt.
public enum QueueTransition {
    /// `row` after `outcome`. Throws for `.finished` with a state other than rejected, unsupported or dead.
    public static func finish(_ row: QueueRow, outcome: QueueOutcome, now: Date) throws -> QueueRow {
        try validate(outcome)
        var next = unleased(row, now: now)
        switch outcome {
        case .delivered:
            next.attempts += 1
            next.state = .delivered
            next.lastError = nil
            next.finishedAt = now
        case .retry(let at, let error):
            next.attempts += 1
            next.nextAttemptAt = at
            next.lastError = error
        case .finished(let state, let error):
            next.attempts += 1
            next.state = state
            next.lastError = error
            next.finishedAt = now
        case .release(let at):
            next.nextAttemptAt = at
        }
        return next
    }

    /// Throws for an outcome no attempt can have: `.finished` with a state other than rejected,
    /// unsupported or dead.
    public static func validate(_ outcome: QueueOutcome) throws {
        if case .finished(let state, _) = outcome, ![.rejected, .unsupported, .dead].contains(state) {
            throw StoreError(.invalidInput, "an attempt cannot finish as \(state.rawValue); use rejected, unsupported or dead")
        }
    }

    /// Whether `expire` applies: pending, not leased, and expiresAt <= now.
    public static func isExpired(_ row: QueueRow, now: Date) -> Bool {
        row.state == .pending && !LeaseRule.isLeased(row, now: now) && row.expiresAt <= now
    }

    /// `row` turned `dead` because its lifetime ended.
    public static func expire(_ row: QueueRow, now: Date) -> QueueRow {
        var next = unleased(row, now: now)
        next.state = .dead
        next.finishedAt = now
        let previous = row.lastError.map { "; last error: \($0)" } ?? ""
        next.lastError = "expired after \(row.attempts) attempt(s): not delivered by \(row.expiresAt.formatted(.iso8601))\(previous)"
        return next
    }

    /// Operator retry: any row back to pending, due now, with a new expiry. Attempts and lastError stay
    /// as a record of what happened so far.
    public static func retry(_ row: QueueRow, now: Date, expiresAt: Date) -> QueueRow {
        var next = unleased(row, now: now)
        next.state = .pending
        next.nextAttemptAt = now
        next.expiresAt = expiresAt
        next.finishedAt = nil
        return next
    }

    /// Operator drop: nil for a delivered row (nothing left to drop); a row already dropped stays as it is.
    public static func drop(_ row: QueueRow, now: Date) -> QueueRow? {
        switch row.state {
        case .delivered: return nil
        case .dropped: return row
        default:
            var next = unleased(row, now: now)
            next.state = .dropped
            next.finishedAt = now
            return next
        }
    }

    private static func unleased(_ row: QueueRow, now: Date) -> QueueRow {
        var next = row
        next.leaseOwner = nil
        next.leaseUntil = nil
        next.updatedAt = now
        return next
    }
}
