import EWPStore
import Foundation
import Logging
import Synchronization

/// The claim → attempt → record loop both queues share. It leases a batch of due rows (several
/// processes may run it on one database: the lease keeps each row with one of them), holds back
/// rows whose partner's circuit is open, groups the rest into calls, makes the
/// calls concurrently and records each row's outcome by the pure `DeliveryPolicy`. Bursts were
/// already merged and settled in the queue (`QueueSettling`), so every claimed row is due.
final class QueueProcessor: Sendable {
    typealias Attempt = @Sendable (_ unit: [QueueRow]) async -> AttemptResult
    typealias Grouping = @Sendable (_ rows: [QueueRow]) -> [[QueueRow]]
    typealias Observer = @Sendable (_ unit: [QueueRow], _ result: AttemptResult) async -> Void

    let queue: EWPStore.NotificationQueue
    let store: any Store
    let settings: NotificationSettings
    let owner: String
    let logger: Logger
    private let now: @Sendable () -> Date
    private let random: @Sendable () -> Double
    private let attempt: Attempt
    private let grouping: Grouping
    private let observer: Observer
    private let breakers = Mutex<[String: CircuitBreaker]>([:])
    private let lastSweep = Mutex<Date>(.distantPast)

    init(queue: EWPStore.NotificationQueue, store: any Store, settings: NotificationSettings, owner: String, logger: Logger,
         now: @escaping @Sendable () -> Date, random: @escaping @Sendable () -> Double,
         grouping: @escaping Grouping, attempt: @escaping Attempt, observer: @escaping Observer) {
        self.queue = queue
        self.store = store
        self.settings = settings
        self.owner = owner
        self.logger = logger
        self.now = now
        self.random = random
        self.grouping = grouping
        self.attempt = attempt
        self.observer = observer
    }

    /// Runs until the task is cancelled. Store errors are logged and retried after a pause.
    func run() async {
        while !Task.isCancelled {
            let handled: Int
            do {
                handled = try await runOnce()
            } catch {
                logger.error("notification queue pass failed", metadata: ["queue": .string(queue.rawValue), "error": .string("\(error)")])
                handled = 0
            }
            if handled == 0 {
                try? await Task.sleep(for: .seconds(settings.pollInterval))
            }
        }
    }

    /// One pass: sweep if due, claim a batch, attempt it. Returns the number of rows claimed.
    @discardableResult
    func runOnce() async throws -> Int {
        try await sweepIfDue()
        let start = now()
        let open = breakers.withLock { breakers in Set(breakers.filter { $0.value.isOpen(now: start) }.keys) }
        let rows = try await store.claim(queue, owner: owner, now: start, lease: settings.lease, limit: settings.batchSize, excludingPartners: open)
        guard !rows.isEmpty else { return 0 }

        let units = grouping(rows)
        await withTaskGroup(of: Void.self) { group in
            var running = 0
            for unit in units {
                if running >= settings.concurrency {
                    await group.next()
                    running -= 1
                }
                group.addTask { await self.handle(unit) }
                running += 1
            }
        }
        return rows.count
    }

    private func handle(_ unit: [QueueRow]) async {
        guard let partner = unit.first?.key.partnerHEI else { return }
        let allowed = breakers.withLock { breakers in
            var breaker = breakers[partner] ?? newBreaker()
            defer { breakers[partner] = breaker }
            return breaker.allowCall(now: now())
        }
        let result: AttemptResult
        if allowed {
            result = await attempt(unit)
            breakers.withLock { breakers in
                var breaker = breakers[partner] ?? newBreaker()
                if case .transient = result { breaker.recordFailure(now: now()) } else { breaker.recordSuccess() }
                breakers[partner] = breaker
            }
        } else {
            let reopens = breakers.withLock { $0[partner]?.reopensAt } ?? now().addingTimeInterval(settings.breakerCooldown)
            result = .deferred(until: reopens)
        }

        let finishedAt = now()
        for row in unit {
            let outcome = settings.policy.outcome(of: result, for: row, now: finishedAt, random: random())
            do {
                let recorded = try await store.finish(queue, id: row.id, owner: owner, outcome: outcome, now: finishedAt)
                if !recorded {
                    logger.warning("lease lost before the outcome was recorded; another worker owns the row now",
                                   metadata: ["queue": .string(queue.rawValue), "row": .stringConvertible(row.id)])
                }
            } catch {
                logger.error("cannot record a notification outcome", metadata: ["queue": .string(queue.rawValue), "row": .stringConvertible(row.id), "error": .string("\(error)")])
            }
            log(row, result: result, outcome: outcome)
        }
        await observer(unit, result)
    }

    private func newBreaker() -> CircuitBreaker {
        CircuitBreaker(threshold: settings.breakerThreshold, baseCooldown: settings.breakerCooldown, maxCooldown: settings.breakerMaxCooldown)
    }

    private func sweepIfDue() async throws {
        let current = now()
        let due = lastSweep.withLock { last in
            guard current.timeIntervalSince(last) >= 30 else { return false }
            last = current
            return true
        }
        guard due else { return }
        let expired = try await store.expire(queue, now: current)
        if expired > 0 {
            logger.warning("notifications expired undelivered", metadata: ["queue": .string(queue.rawValue), "rows": .stringConvertible(expired)])
        }
        _ = try await store.prune(queue, deliveredBefore: current.addingTimeInterval(-settings.deliveredRetention))
    }

    private func log(_ row: QueueRow, result: AttemptResult, outcome: QueueOutcome) {
        var metadata: Logger.Metadata = [
            "queue": .string(queue.rawValue), "row": .stringConvertible(row.id), "api": .string(row.key.api),
            "hei": .string(row.key.localHEI), "partner": .string(row.key.partnerHEI), "object": .string(row.key.objectID),
            "attempt": .stringConvertible(row.attempts + 1),
        ]
        switch outcome {
        case .delivered:
            logger.info("notification delivered", metadata: metadata)
        case .release:
            logger.debug("notification deferred", metadata: metadata)
        case .retry(let at, let error):
            metadata["error"] = .string(error)
            metadata["next_attempt"] = .string(ISO8601DateFormatter().string(from: at))
            logger.warning("notification attempt failed; will retry", metadata: metadata)
        case .finished(let state, let error):
            metadata["error"] = .string(error)
            metadata["state"] = .string(state.rawValue)
            logger.warning("notification not delivered", metadata: metadata)
        }
    }
}
