import EWPAPIs
import EWPOperations
import EWPRegistry
import EWPSecurity
import EWPStore
import Foundation
import Prometheus
import Synchronization

/// What ops staff see at `/metrics` (Prometheus text). Owns its registry, so several nodes can
/// live in one test process; `serve` also bootstraps swift-metrics onto the same registry.
///
/// Partner ids are not for everyone: `ewp_cnr_rows` has a `partner` label only in the detailed
/// exposition (shown with the admin token); the public one sums over partners.
public final class NodeMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    /// `ewp_cnr_rows` by queue, API and state (public) and by queue, API, partner and state (detailed).
    private let publicQueueRows = QueueRowGauges(labels: ["queue", "api", "state"])
    private let detailedQueueRows = QueueRowGauges(labels: ["queue", "api", "partner", "state"])
    private let catalogueAge: Gauge
    private let catalogueHosts: Gauge
    private let catalogueHEIs: Gauge
    private let catalogueKeys: Gauge
    /// `ewp_requests_total` counters by API label and status, kept once made: every request counts
    /// one, and the registry's lookup builds the metric name and checks the labels each time.
    private let requestCounters = Mutex<[RequestCounterKey: Counter]>([:])
    /// `ewp_monitoring_reports_total` by outcome, made at start so each shows from 0.
    private let monitoringReports: [MonitoringReporter.Outcome: Counter]

    private struct RequestCounterKey: Hashable {
        let api: String
        let status: Int
    }

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        catalogueAge = registry.makeGauge(descriptor: Self.named("ewp_registry_catalogue_age_seconds", help: "Seconds since the catalogue in use was fetched (-1: none yet)"))
        catalogueHosts = registry.makeGauge(descriptor: Self.named("ewp_registry_catalogue_hosts", help: "Hosts in the catalogue in use"))
        catalogueHEIs = registry.makeGauge(descriptor: Self.named("ewp_registry_catalogue_heis", help: "HEIs in the catalogue in use"))
        catalogueKeys = registry.makeGauge(descriptor: Self.named("ewp_registry_catalogue_keys", help: "RSA keys in the catalogue in use"))
        let reports = Self.named("ewp_monitoring_reports_total",
                                 help: "Reports of failed partner calls to the EWP Stats Portal, by outcome (sent, failed, rate_limited, queue_full)")
        monitoringReports = Dictionary(uniqueKeysWithValues: MonitoringReporter.Outcome.allCases.map {
            ($0, registry.makeCounter(descriptor: reports, labels: [("outcome", $0.rawValue)]))
        })
    }

    func recordMonitoringReport(_ outcome: MonitoringReporter.Outcome) {
        monitoringReports[outcome]?.increment()
    }

    func recordRequest(api: String, status: Int) {
        let key = RequestCounterKey(api: api, status: status)
        let counter = requestCounters.withLock { counters in
            if let counter = counters[key] { return counter }
            let counter = registry.makeCounter(descriptor: Self.named("ewp_requests_total", help: "EWP requests answered, by API and HTTP status"),
                                               labels: [("api", api), ("status", String(status))])
            counters[key] = counter
            return counter
        }
        counter.increment()
    }

    func recordSignatureFailure(_ reason: AuthFailureReason) {
        registry.makeCounter(descriptor: Self.named("ewp_signature_failures_total", help: "Requests refused by HTTP-signature authentication, by reason"), labels: [("reason", reason.rawValue)]).increment()
    }

    /// Catalogue gauges are read from the registry client's snapshot at scrape time, queue gauges
    /// from the store's summaries, pool gauges from the store's pool (PostgreSQL; none on SQLite).
    func exposition(catalogue: CatalogueState?, queues: [EWPStore.NotificationQueue: QueueSummary], pool: ConnectionPoolStatistics? = nil,
                    now: Date, detailed: Bool) -> [UInt8] {
        setQueueGauges(queues, now: now)
        if let pool { setPoolGauges(pool) }
        if let catalogue {
            catalogueAge.set(to: now.timeIntervalSince(catalogue.fetchedAt))
            catalogueHosts.set(to: Double(catalogue.catalogue.hostCount))
            catalogueHEIs.set(to: Double(catalogue.catalogue.heiCount))
            catalogueKeys.set(to: Double(catalogue.catalogue.keyCount))
        } else {
            catalogueAge.set(to: -1)
        }
        return registry.emitToBuffer() + (detailed ? detailedQueueRows : publicQueueRows).registry.emitToBuffer()
    }

    private func setPoolGauges(_ pool: ConnectionPoolStatistics) {
        let connections = Self.named("ewp_db_pool_connections", help: "Database connections of this process's pool: in use now, and the most it opens")
        registry.makeGauge(descriptor: connections, labels: [("state", "in_use")]).set(to: Double(pool.inUse))
        registry.makeGauge(descriptor: connections, labels: [("state", "max")]).set(to: Double(pool.maximum))
        registry.makeGauge(descriptor: Self.named("ewp_db_pool_waiting", help: "Store calls waiting for a database connection now")).set(to: Double(pool.waiting))
        registry.makeGauge(descriptor: Self.named("ewp_db_pool_leases", help: "Database connections leased since start (one per store call)")).set(to: Double(pool.leases))
        registry.makeGauge(descriptor: Self.named("ewp_db_pool_lease_wait_seconds", help: "Seconds store calls waited for a database connection since start, in all")).set(to: pool.leaseWaitSeconds)
    }

    private func setQueueGauges(_ queues: [EWPStore.NotificationQueue: QueueSummary], now: Date) {
        var current = [[String]: Int]()
        for (queue, summary) in queues {
            for count in summary.counts {
                let state = QueueStateName.name(count.state, retrying: count.retrying)
                current[[queue.rawValue, count.api, count.partnerHEI, state], default: 0] += count.count
            }
            let oldest = summary.oldestPendingCreatedAt.map { max(0, now.timeIntervalSince($0)) } ?? 0
            registry.makeGauge(descriptor: Self.named("ewp_cnr_oldest_pending_age_seconds", help: "Age of the oldest undelivered notification (outbox) or pull (inbound); 0 when none"), labels: [("queue", queue.rawValue)]).set(to: oldest)
        }
        detailedQueueRows.set(current)
        publicQueueRows.set(current.reduce(into: [:]) { sums, row in sums[[row.key[0], row.key[1], row.key[3]], default: 0] += row.value })
    }
}

extension NodeMetrics {
    /// Our metric names are written whole (unit included), so the descriptor's unit part stays empty.
    fileprivate static func named(_ name: String, help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(metricName: name, unitName: "", helpText: help)
    }
}

/// The `ewp_cnr_rows` gauges of one label set, in a registry of their own.
private final class QueueRowGauges: Sendable {
    let registry = PrometheusCollectorRegistry()
    let labels: [String]
    /// Label values set before: a set absent from a later summary goes back to 0.
    private let seen = Mutex<Set<[String]>>([])

    init(labels: [String]) { self.labels = labels }

    func set(_ current: [[String]: Int]) {
        let stale = seen.withLock { seen in
            let stale = seen.subtracting(current.keys)
            seen = Set(current.keys)
            return stale
        }
        for values in stale { gauge(values).set(to: 0) }
        for (values, count) in current { gauge(values).set(to: Double(count)) }
    }

    private func gauge(_ values: [String]) -> Gauge {
        registry.makeGauge(descriptor: NodeMetrics.named("ewp_cnr_rows", help: "Notification rows by queue (outbox: CNRs we send; inbound: pulls after CNRs and index-sync), \(labels.dropFirst().joined(separator: ", "))"),
                           labels: Array(zip(labels, values)))
    }
}
