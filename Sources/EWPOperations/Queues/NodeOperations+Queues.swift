import EWPAPIs
import EWPCore
import EWPNotifications
import EWPStore
import Foundation

/// A state operators name when they list rows: a stored `QueueState`, or `retrying` (a pending row
/// that has failed before; see `QueueRowFormat.stateName`). `pending` includes the retrying rows.
/// The CLI's `--state` and the admin API's `?state=` parse through it.
public enum QueueStateName: Sendable, Equatable, RawRepresentable, CaseIterable {
    case stored(QueueState)
    case retrying

    public init?(rawValue name: String) {
        if name == "retrying" {
            self = .retrying
        } else if let state = QueueState(rawValue: name) {
            self = .stored(state)
        } else {
            return nil
        }
    }

    public var rawValue: String {
        switch self {
        case .stored(let state): state.rawValue
        case .retrying: "retrying"
        }
    }

    public static let allCases = QueueState.allCases.map(Self.stored) + [.retrying]

    /// Every name, for messages.
    public static let names = allCases.map(\.rawValue)

    /// How operators see a row's or a count's state: `retrying` for a pending one that has failed before.
    public static func name(_ state: QueueState, retrying: Bool) -> String {
        state == .pending && retrying ? "retrying" : state.rawValue
    }

    var storedState: QueueState {
        switch self {
        case .stored(let state): state
        case .retrying: .pending
        }
    }

    func matches(_ row: QueueRow) -> Bool {
        switch self {
        case .stored(let state): row.state == state
        case .retrying: row.state == .pending && row.attempts > 0
        }
    }
}

/// What an operator does to one queued row.
public enum QueueRowAction: String, Sendable {
    /// Send (or pull) it again now, with a fresh lifetime.
    case retry
    /// Give up on it (only while not delivered).
    case drop
}

extension NodeOperations {
    /// The rows of `queue`, newest first: in any of `states` (all when empty), for `partner` and `api` when given.
    public func queueRows(_ queue: EWPStore.NotificationQueue, states: [QueueStateName] = [], partner: HEIID? = nil, api: NotificationAPI? = nil,
                          limit: Int? = nil) async throws -> [QueueRow] {
        var filter = QueueFilter()
        if !states.isEmpty { filter.states = Array(Set(states.map(\.storedState))).sorted { $0.rawValue < $1.rawValue } }
        filter.partnerHEI = partner?.value
        filter.api = api?.rawValue
        if let limit { filter.limit = limit }
        let rows = try await store.queueRows(queue, filter: filter)
        return states.isEmpty ? rows : rows.filter { row in states.contains { $0.matches(row) } }
    }

    /// Retries or drops row `id` of `queue`; the row as it is afterwards, nil when there is no such row
    /// (for `drop`: no such row that is not delivered yet). A retry lives `policy.lifetime` from now.
    public func changeRow(_ queue: EWPStore.NotificationQueue, id: Int64, _ action: QueueRowAction) async throws -> QueueRow? {
        let at = now()
        let changed = switch action {
        case .retry: try await store.retryRow(queue, id: id, now: at, expiresAt: at.addingTimeInterval(policy.lifetime))
        case .drop: try await store.dropRow(queue, id: id, now: at)
        }
        guard changed else { return nil }
        return try await store.queueRow(queue, id: id)
    }

    /// The APIs index-sync covers, or only the one named `api`; nil when `api` names none of them.
    public static func syncSources(_ api: String?) -> [PullSource]? {
        guard let api else { return PullSource.indexed }
        return PullSource(indexedName: api).map { [$0] }
    }

    /// What `syncNow` did: one index report per covered HEI and API, and the pulls it queued that
    /// still wait for their first attempt (a running node finishes them).
    public struct SyncOutcome: Sendable {
        public let reports: [IndexSync.Report]
        public let pendingPulls: Int
    }

    /// Sync now (`ewp-node sync`, `POST /admin/sync`): index-syncs `partner` for `localHEIs` and
    /// `sources`, then works the pulls it queued until they are done or `drainFor` has passed.
    public func syncNow(_ partner: HEIID, localHEIs: [HEIID], sources: [PullSource] = PullSource.indexed,
                        drainFor: TimeInterval = 60) async throws -> SyncOutcome {
        let reports = await notifications.indexSync.syncPartner(partner, localHEIs: localHEIs, sources: sources)
        let pending = try await workQueue(.inbound, partner: partner, deadline: now().addingTimeInterval(drainFor))
        return SyncOutcome(reports: reports, pendingPulls: pending)
    }

    /// Works `queue` (sends the outbox, or pulls what the inbound queue holds) for `partner` now, for
    /// one-shot commands: until no row for the partner waits for its first attempt, or `deadline`
    /// passes. Returns how many still wait (a running node finishes them).
    @discardableResult
    public func workQueue(_ queue: EWPStore.NotificationQueue, partner: HEIID, deadline: Date) async throws -> Int {
        var filter = QueueFilter()
        filter.states = [.pending]
        filter.partnerHEI = partner.value
        while true {
            switch queue {
            case .outbox: _ = try await notifications.dispatcher.runOnce()
            case .inbound: _ = try await notifications.puller.runOnce()
            }
            let waiting = try await store.queueRows(queue, filter: filter).filter { $0.attempts == 0 }
            if waiting.isEmpty || now() > deadline { return waiting.count }
            try await Task.sleep(for: .milliseconds(300))
        }
    }
}

extension NodeOperations {
    /// Both queues' summaries (for the metrics and the admin summary); a queue the store cannot
    /// summarise is left out and logged, so one failing queue never hides the other.
    public func queueSummaries() async -> [EWPStore.NotificationQueue: QueueSummary] {
        var summaries = [EWPStore.NotificationQueue: QueueSummary]()
        for queue in EWPStore.NotificationQueue.allCases {
            do {
                summaries[queue] = try await store.queueSummary(queue, now: now())
            } catch {
                logger.error("cannot summarise a notification queue", metadata: ["queue": .string(queue.rawValue), "error": .string("\(error)")])
            }
        }
        return summaries
    }
}
