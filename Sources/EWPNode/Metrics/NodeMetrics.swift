import EWPRegistry
import EWPSecurity
import Foundation
import Prometheus

/// What ops staff see at `/metrics` (Prometheus text). Owns its registry, so several nodes can
/// live in one test process; `serve` also bootstraps swift-metrics onto the same registry.
public final class NodeMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    private let catalogueAge: Gauge
    private let catalogueHosts: Gauge
    private let catalogueHEIs: Gauge
    private let catalogueKeys: Gauge

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        catalogueAge = registry.makeGauge(name: "ewp_registry_catalogue_age_seconds", help: "Seconds since the catalogue in use was fetched (-1: none yet)")
        catalogueHosts = registry.makeGauge(name: "ewp_registry_catalogue_hosts", help: "Hosts in the catalogue in use")
        catalogueHEIs = registry.makeGauge(name: "ewp_registry_catalogue_heis", help: "HEIs in the catalogue in use")
        catalogueKeys = registry.makeGauge(name: "ewp_registry_catalogue_keys", help: "RSA keys in the catalogue in use")
    }

    func recordRequest(api: String, status: Int) {
        registry.makeCounter(name: "ewp_requests_total", labels: [("api", api), ("status", String(status))], help: "EWP requests answered, by API and HTTP status").increment()
    }

    func recordSignatureFailure(_ reason: AuthFailureReason) {
        registry.makeCounter(name: "ewp_signature_failures_total", labels: [("reason", reason.rawValue)], help: "Requests refused by HTTP-signature authentication, by reason").increment()
    }

    /// Catalogue gauges are read from the registry client's snapshot at scrape time.
    func exposition(catalogue: CatalogueState?, now: Date) -> [UInt8] {
        if let catalogue {
            catalogueAge.set(to: now.timeIntervalSince(catalogue.fetchedAt))
            catalogueHosts.set(to: Double(catalogue.catalogue.hostCount))
            catalogueHEIs.set(to: Double(catalogue.catalogue.heiCount))
            catalogueKeys.set(to: Double(catalogue.catalogue.keyCount))
        } else {
            catalogueAge.set(to: -1)
        }
        return registry.emitToBuffer()
    }
}
