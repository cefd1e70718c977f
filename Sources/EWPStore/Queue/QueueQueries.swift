import Foundation

/// Which rows `queueRows` lists. A nil field does not filter.
public struct QueueFilter: Sendable, Equatable {
    public var states: [QueueState]?
    public var api: String?
    public var partnerHEI: String?
    /// At most this many rows (newest first).
    public var limit: Int

    public init(states: [QueueState]? = nil, api: String? = nil, partnerHEI: String? = nil, limit: Int = 100) {
        self.states = states
        self.api = api
        self.partnerHEI = partnerHEI
        self.limit = limit
    }
}

/// How many rows of one queue share an API, partner, state and (for pending rows) retrying flag.
public struct QueueCount: Sendable, Equatable {
    public var api: String
    public var partnerHEI: String
    public var state: QueueState
    /// Pending with attempts > 0. Always false for other states.
    public var retrying: Bool
    public var count: Int

    public init(api: String, partnerHEI: String, state: QueueState, retrying: Bool, count: Int) {
        self.api = api
        self.partnerHEI = partnerHEI
        self.state = state
        self.retrying = retrying
        self.count = count
    }
}

/// A queue at a glance, for the operator and the metrics.
public struct QueueSummary: Sendable, Equatable {
    /// Sorted by api, partnerHEI, state (declaration order), retrying (false first).
    public var counts: [QueueCount]
    /// The createdAt of the oldest pending row, nil when none is pending.
    public var oldestPendingCreatedAt: Date?

    public init(counts: [QueueCount], oldestPendingCreatedAt: Date?) {
        self.counts = counts
        self.oldestPendingCreatedAt = oldestPendingCreatedAt
    }
}

extension QueueCount {
    /// The order of `QueueSummary.counts`: api, partnerHEI, state (declaration order), retrying last.
    public static func summaryOrder(_ a: QueueCount, _ b: QueueCount) -> Bool {
        let rank = { (state: QueueState) in QueueState.allCases.firstIndex(of: state) ?? 0 }
        return (a.api, a.partnerHEI, rank(a.state), a.retrying ? 1 : 0) < (b.api, b.partnerHEI, rank(b.state), b.retrying ? 1 : 0)
    }
}
