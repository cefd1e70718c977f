import EWPCore
import Foundation

/// One report per partner, API, endpoint and problem within a window: a partner that is down fails
/// every call, and the portal needs to hear of it once, not once per call. Pure: the caller passes
/// the time (the node's one clock).
public struct MonitoringRateLimiter: Sendable {
    public struct Key: Sendable, Hashable {
        public let partner: HEIID
        public let api: String
        public let endpoint: String
        public let problem: String

        public init(partner: HEIID, api: String, endpoint: String, problem: String) {
            self.partner = partner
            self.api = api
            self.endpoint = endpoint
            self.problem = problem
        }
    }

    /// Seconds during which a problem reported once is not reported again.
    public let window: TimeInterval
    /// Most problems remembered at once; beyond it (once the expired ones are gone) a new problem
    /// is not reported, so a flood of distinct failures costs bounded memory and bounded reports.
    public let capacity: Int
    private var reportedAt: [Key: Date] = [:]

    public init(window: TimeInterval = 3600, capacity: Int = 10_000) {
        self.window = window
        self.capacity = capacity
    }

    /// True when `key` may be reported now (and remembers it); false when it was reported within
    /// the window, or too many other problems were.
    public mutating func admit(_ key: Key, now: Date) -> Bool {
        if let last = reportedAt[key], now.timeIntervalSince(last) < window, now >= last {
            return false
        }
        if reportedAt[key] == nil && reportedAt.count >= capacity {
            reportedAt = reportedAt.filter { now.timeIntervalSince($0.value) < window && now >= $0.value }
            guard reportedAt.count < capacity else { return false }
        }
        reportedAt[key] = now
        return true
    }
}
