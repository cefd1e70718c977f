import Foundation

/// What has happened so far: the facts `RefreshPolicy` decides from. A value-type state machine.
public struct RefreshSchedule: Sendable, Equatable {
    public private(set) var lastAttempt: Date?
    /// When the catalogue being served was fetched or last revalidated (304).
    public private(set) var fetchedAt: Date?
    public private(set) var expiresAt: Date?
    public private(set) var consecutiveFailures = 0
    public private(set) var lastError: String?

    public init() {}

    /// A catalogue loaded from the store at start: known age and expiry, nothing attempted yet.
    public mutating func recordPersisted(fetchedAt: Date, expiresAt: Date) {
        self.fetchedAt = fetchedAt
        self.expiresAt = expiresAt
    }

    /// A 200 with a valid catalogue, or a 304 for the one served: both restart the freshness lifetime.
    public mutating func recordSuccess(at now: Date, directives: CacheDirectives, policy: RefreshPolicy) {
        lastAttempt = now
        fetchedAt = now
        expiresAt = policy.expiry(directives, receivedAt: now)
        consecutiveFailures = 0
        lastError = nil
    }

    /// Transport error, bad status, or a catalogue that failed validation/parsing: the old one stays.
    public mutating func recordFailure(at now: Date, reason: String) {
        lastAttempt = now
        consecutiveFailures += 1
        lastError = reason
    }

    /// Seconds since the served catalogue was fetched (nil before the first one).
    public func age(now: Date) -> TimeInterval? { fetchedAt.map { max(0, now.timeIntervalSince($0)) } }

    /// True when the served catalogue is past its expiry (still served: a stale copy beats none).
    public func isStale(now: Date) -> Bool { expiresAt.map { now >= $0 } ?? false }
}
