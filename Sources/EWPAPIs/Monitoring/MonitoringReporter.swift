import EWPNotifications
import Foundation
import Synchronization

/// Reports failed partner calls to the Stats Portal, call-and-forget (ewp-specs-api-monitoring,
/// README "Server implementing this API": no retries, nothing stored). `callFailed` returns at
/// once: it decides whether the failure is reported (the rules of `MonitoringReport`, then the
/// rate limit) and puts the report in a bounded queue; one background task sends the queue's
/// reports one after the other. A full queue drops the new report. Every outcome is counted.
public final class MonitoringReporter: PartnerCallObserver {
    public enum Outcome: String, Sendable, CaseIterable {
        /// The portal accepted the report.
        case sent
        /// Not delivered: no portal in the catalogue, no answer, an error status.
        case failed
        /// Not sent: the same problem was reported within the window.
        case rateLimited = "rate_limited"
        /// Not sent: the queue was full.
        case queueFull = "queue_full"
    }

    /// Delivers one report; true when the portal accepted it.
    public typealias Send = @Sendable (MonitoringReport) async -> Bool

    /// Reports waiting at most: a burst of failures beyond it is dropped (and counted).
    public static let defaultQueueCapacity = 64

    private let limiter: Mutex<MonitoringRateLimiter>
    private let queue: AsyncStream<MonitoringReport>.Continuation
    private let now: @Sendable () -> Date
    private let record: @Sendable (Outcome) -> Void

    public init(limiter: MonitoringRateLimiter = MonitoringRateLimiter(), queueCapacity: Int = MonitoringReporter.defaultQueueCapacity,
                now: @escaping @Sendable () -> Date, record: @escaping @Sendable (Outcome) -> Void, send: @escaping Send) {
        self.limiter = Mutex(limiter)
        self.now = now
        self.record = record
        let (reports, queue) = AsyncStream.makeStream(of: MonitoringReport.self, bufferingPolicy: .bufferingOldest(queueCapacity))
        self.queue = queue
        // Holds no reference to the reporter: it ends when the reporter goes and the queue finishes.
        Task.detached {
            for await report in reports {
                record(await send(report) ? .sent : .failed)
            }
        }
    }

    deinit {
        queue.finish()
    }

    public func callFailed(_ failure: PartnerCallFailure) {
        guard let report = MonitoringReport(failure) else { return }
        let at = now()
        guard limiter.withLock({ $0.admit(report.rateKey, now: at) }) else {
            record(.rateLimited)
            return
        }
        if case .dropped = queue.yield(report) {
            record(.queueFull)
        }
    }
}
