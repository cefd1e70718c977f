import EWPStore
import Foundation

/// What one attempt at a queued notification (or pull) came to, classified for the retry rules.
public enum AttemptResult: Sendable, Equatable {
    /// The partner answered 2xx.
    case accepted
    /// The partner answered 4xx (other than 408 and 429): our request is wrong; retrying will not help.
    case refused(String)
    /// Worth retrying: no answer, a timeout, 5xx, 408, 429, or an answer whose signature did not verify.
    case transient(String)
    /// The partner publishes no endpoint for this API in the registry catalogue.
    case noEndpoint(String)
    /// Nothing can be done for this row any more (e.g. its HEI is no longer covered by this node).
    case impossible(String)
    /// Not attempted: the partner's circuit is open, or no catalogue is loaded yet.
    case deferred(until: Date)
}

extension AttemptResult {
    /// What happened, for logs, reports and operators.
    public var explanation: String {
        switch self {
        case .accepted: "accepted"
        case .refused(let why), .transient(let why), .noEndpoint(let why), .impossible(let why): why
        case .deferred: "no registry catalogue loaded yet, or the partner's circuit is open"
        }
    }
}

/// The pure rule from an attempt's result to the row's next state.
public struct DeliveryPolicy: Sendable {
    public var schedule: RetrySchedule

    public init(schedule: RetrySchedule) {
        self.schedule = schedule
    }

    /// `random` in 0..<1 picks the retry jitter.
    public func outcome(of result: AttemptResult, for row: QueueRow, now: Date, random: Double) -> QueueOutcome {
        switch result {
        case .accepted:
            return .delivered
        case .refused(let why):
            return .finished(.rejected, error: why)
        case .noEndpoint(let why):
            return .finished(.unsupported, error: why)
        case .impossible(let why):
            return .finished(.dead, error: why)
        case .deferred(let until):
            return .release(at: until)
        case .transient(let why):
            let attempts = row.attempts + 1
            let next = now.addingTimeInterval(schedule.delay(afterAttempts: attempts, random: random))
            guard next < row.expiresAt else {
                return .finished(.dead, error: "gave up after \(attempts) attempt\(attempts == 1 ? "" : "s") (lifetime ends \(ISO8601DateFormatter().string(from: row.expiresAt))); last error: \(why)")
            }
            return .retry(at: next, error: why)
        }
    }

    /// Classifies an HTTP status (nil = no response at all).
    public static func classify(status: Int?, message: String) -> AttemptResult {
        guard let status else { return .transient(message) }
        switch status {
        case 200..<300: return .accepted
        case 408, 429: return .transient(message)
        case 400..<500: return .refused(message)
        default: return .transient(message)
        }
    }
}
