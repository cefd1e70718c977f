import Foundation

/// When to fetch the catalogue again (ewp-specs-api-registry › Caching). Pure: every decision is a
/// function of the recorded facts and `now`.
///
/// - A catalogue (fresh 200 or a 304 revalidation) stays fresh for `min(configured, server lifetime)`,
///   clamped to [60 s, 3 h]: never longer than 3 hours (MUST), never a self-chosen TTL below 1 minute.
/// - After a failed fetch the last good catalogue keeps being served; retries back off from 60 s,
///   doubling, up to the configured interval.
/// - An early refresh for an unknown keyId is allowed at most once per `earlyRefreshSpacing` since the
///   last attempt of any kind.
public struct RefreshPolicy: Sendable, Equatable {
    public static let minimumLifetime: TimeInterval = 60
    public static let maximumLifetime: TimeInterval = 3 * 3600
    /// How long a stale copy is tolerated before status reports it as too old (the Java registry client's
    /// default); it is still served — refusing every request would be worse than an old key list.
    public static let staleTolerance: TimeInterval = 5 * 24 * 3600

    /// EWP_REGISTRY_REFRESH, clamped to [60 s, 3 h].
    public let configuredInterval: TimeInterval
    public let earlyRefreshSpacing: TimeInterval
    public let firstRetryDelay: TimeInterval

    public init(configuredInterval: TimeInterval, earlyRefreshSpacing: TimeInterval = 60, firstRetryDelay: TimeInterval = 60) {
        self.configuredInterval = Self.clamp(configuredInterval)
        self.earlyRefreshSpacing = max(1, earlyRefreshSpacing)
        self.firstRetryDelay = max(1, firstRetryDelay)
    }

    static func clamp(_ t: TimeInterval) -> TimeInterval {
        guard t.isFinite else { return maximumLifetime }
        return min(maximumLifetime, max(minimumLifetime, t))
    }

    /// How long a catalogue received at `receivedAt` with these headers counts as fresh.
    public func lifetime(_ directives: CacheDirectives, receivedAt: Date) -> TimeInterval {
        guard let server = directives.serverLifetime(receivedAt: receivedAt) else { return configuredInterval }
        return Self.clamp(min(configuredInterval, server))
    }

    /// When a catalogue received (or revalidated) at `receivedAt` expires.
    public func expiry(_ directives: CacheDirectives, receivedAt: Date) -> Date {
        receivedAt.addingTimeInterval(lifetime(directives, receivedAt: receivedAt))
    }

    /// Delay before the next attempt after `consecutiveFailures` (≥ 1) failed attempts in a row.
    public func retryDelay(consecutiveFailures: Int) -> TimeInterval {
        guard consecutiveFailures > 0 else { return 0 }
        let doublings = min(consecutiveFailures - 1, 20)
        return min(configuredInterval, firstRetryDelay * Double(1 << doublings))
    }

    /// When the next regular fetch is due.
    public func nextAttempt(_ s: RefreshSchedule) -> Date {
        if s.consecutiveFailures > 0, let last = s.lastAttempt {
            return last.addingTimeInterval(retryDelay(consecutiveFailures: s.consecutiveFailures))
        }
        return s.expiresAt ?? s.lastAttempt.map { $0.addingTimeInterval(firstRetryDelay) } ?? .distantPast
    }

    /// Whether an unknown keyId may trigger a fetch now.
    public func mayRefreshEarly(_ s: RefreshSchedule, now: Date) -> Bool {
        guard let last = s.lastAttempt else { return true }
        return now.timeIntervalSince(last) >= earlyRefreshSpacing
    }
}
