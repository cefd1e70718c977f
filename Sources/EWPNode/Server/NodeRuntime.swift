import EWPAPIs
import EWPConsole
import EWPHTTP
import EWPOperations
import EWPRegistry
import EWPSecurity
import EWPStore
import EWPXML
import Foundation
import Logging

/// Everything a request needs, assembled once at start: the covered hosts, the catalogue, the
/// store, the authenticator, metrics, the logger and the one clock.
public final class NodeRuntime: Sendable {
    public let configuration: NodeConfiguration
    public let hosts: [CoveredHost]
    let hostsByHEI: [String: CoveredHost]
    public let registry: RegistryClient
    public let store: any Store
    public let metrics: NodeMetrics
    public let notifications: NotificationEngine
    /// What the CLI and the admin API do, built once from the parts above.
    public let operations: NodeOperations
    /// The IRO console under `/console/`, on the same operations.
    public let console: Console
    let authenticator: RequestAuthenticator
    /// What the API handlers use (`ServedAPI.handle`).
    let apiServices: APIServices
    let logger: Logger
    let now: @Sendable () -> Date

    /// Largest request body accepted on EWP endpoints (form posts of IDs are small).
    static let maxRequestBody = 1 << 20

    public init(configuration: NodeConfiguration, hosts: [CoveredHost], registry: RegistryClient, store: any Store, schemas: SchemaCache,
                metrics: NodeMetrics = NodeMetrics(), http: CurlClient = CurlClient(), logger: Logger,
                now: @escaping @Sendable () -> Date = { Date() }, consoleSettings: ConsoleSettings? = nil) {
        self.configuration = configuration
        self.hosts = hosts
        hostsByHEI = Dictionary(hosts.map { ($0.heiID.value, $0) }, uniquingKeysWith: { first, _ in first })
        self.registry = registry
        self.store = store
        self.metrics = metrics
        self.logger = logger
        self.now = now
        notifications = NotificationEngine(configuration: configuration, hosts: hosts, registry: registry, store: store, schemas: schemas,
                                           http: http, logger: logger, now: now)
        operations = NodeAssembly.makeOperations(configuration, hosts: hosts, registry: registry, store: store, schemas: schemas,
                                                 engine: notifications, logger: logger, now: now)
        console = Console(operations: operations, store: store,
                          settings: consoleSettings ?? ConsoleSettings(secureCookies: configuration.publicURL.scheme?.lowercased() == "https"))
        let limits = configuration.manifest.apiLimits
        apiServices = APIServices(
            store: store, now: now, logger: logger, notifications: notifications.settings, coveredHEIs: hosts.map(\.heiID.value),
            limits: ManifestLimits(institutionsHEIIDs: limits.institutionsHEIIDs, factsheetHEIIDs: limits.factsheetHEIIDs,
                                   ounitIDs: limits.ounitIDs, ounitCodes: limits.ounitCodes),
            institutions: InstitutionSource(manifest: configuration.manifest, coveredHEIs: hosts.map(\.heiID.value), store: store,
                                            catalogue: { registry.snapshot()?.catalogue }, logger: logger))
        authenticator = RequestAuthenticator(expectedHosts: configuration.acceptedHostHeaders, window: 300,
                                            replayLedger: StoreReplayLedger(store: store, logger: logger))
    }
}
