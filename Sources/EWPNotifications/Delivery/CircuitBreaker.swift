import Foundation

/// One partner's circuit breaker: after `threshold` failures in a row the partner is left alone
/// for a cool-down (doubling up to `maxCooldown` while it stays down); then one probe is let
/// through. A success closes it; a failed probe opens it again.
public struct CircuitBreaker: Sendable, Equatable {
    public enum State: Sendable, Equatable {
        case closed(consecutiveFailures: Int)
        case open(until: Date, cooldown: Double)
        case halfOpen(cooldown: Double, probeInFlight: Bool)
    }

    public private(set) var state: State = .closed(consecutiveFailures: 0)
    public let threshold: Int
    public let baseCooldown: Double
    public let maxCooldown: Double

    public init(threshold: Int = 5, baseCooldown: Double = 60, maxCooldown: Double = 900) {
        self.threshold = max(1, threshold)
        self.baseCooldown = baseCooldown
        self.maxCooldown = max(maxCooldown, baseCooldown)
    }

    /// Whether a call may go out now. In half-open state only one probe at a time is allowed;
    /// asking marks it in flight.
    public mutating func allowCall(now: Date) -> Bool {
        switch state {
        case .closed:
            return true
        case .open(let until, let cooldown):
            guard now >= until else { return false }
            state = .halfOpen(cooldown: cooldown, probeInFlight: true)
            return true
        case .halfOpen(let cooldown, let probeInFlight):
            guard !probeInFlight else { return false }
            state = .halfOpen(cooldown: cooldown, probeInFlight: true)
            return true
        }
    }

    /// True while calls are refused (open and the cool-down is not over).
    public func isOpen(now: Date) -> Bool {
        switch state {
        case .open(let until, _): return now < until
        case .halfOpen(_, let probeInFlight): return probeInFlight
        case .closed: return false
        }
    }

    /// When the breaker lets a probe through (nil when closed).
    public var reopensAt: Date? {
        if case .open(let until, _) = state { return until }
        return nil
    }

    public mutating func recordSuccess() {
        state = .closed(consecutiveFailures: 0)
    }

    /// A failure that says the partner is down (transport error, 5xx). 4xx answers are not failures
    /// of the partner's host: record them as successes.
    public mutating func recordFailure(now: Date) {
        switch state {
        case .closed(let failures):
            if failures + 1 >= threshold {
                state = .open(until: now.addingTimeInterval(baseCooldown), cooldown: baseCooldown)
            } else {
                state = .closed(consecutiveFailures: failures + 1)
            }
        case .open(let until, let cooldown):
            state = .open(until: until, cooldown: cooldown)
        case .halfOpen(let cooldown, _):
            let next = min(maxCooldown, cooldown * 2)
            state = .open(until: now.addingTimeInterval(next), cooldown: next)
        }
    }
}
