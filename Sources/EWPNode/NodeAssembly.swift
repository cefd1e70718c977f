import EWPCore
import EWPHTTP
import EWPNotifications
import EWPOperations
import EWPRegistry
import EWPStore
import EWPStoreOpener
import EWPXML
import Foundation
import Logging

/// Builds a node from its configuration: XML set-up, keys, store, registry client (with the last
/// good catalogue loaded, so a registry outage at start changes nothing).
public enum NodeAssembly {
    public static func schemasDirectory() throws(ConfigurationError) -> String {
        guard let directory = SchemasLocator.directory() else {
            throw ConfigurationError("cannot find the Schemas/ folder: run from the repository or set EWP_SCHEMAS_DIR")
        }
        return directory
    }

    /// One-time libxml2 set-up with our offline XML catalog; returns the schema cache.
    public static func setUpXML() throws(ConfigurationError) -> SchemaCache {
        let directory = try schemasDirectory()
        XMLSetup.configure(catalogPath: (directory as NSString).appendingPathComponent("catalog.xml"))
        return SchemaCache(directory: directory)
    }

    public static func loadHosts(_ configuration: NodeConfiguration) throws(KeyFileError) -> [CoveredHost] {
        var hosts = [CoveredHost]()
        for heiID in configuration.heiIDs {
            let keys = try HostKeys.load(heiID: heiID.value, keysDirectory: configuration.keysDirectory)
            hosts.append(CoveredHost(heiID: heiID, keys: keys, configuration: configuration))
        }
        return hosts
    }

    public static func makeRegistryClient(_ configuration: NodeConfiguration, store: any Store, schemas: SchemaCache, http: CurlClient, logger: Logger) throws -> RegistryClient {
        RegistryClient(url: configuration.registryURL, refreshInterval: configuration.registryRefresh, http: http, store: store,
                       schema: try schemas.schema(SchemaFile.catalogue), logger: logger, urlPolicy: configuration.outboundURLPolicy)
    }

    public static func makeRuntime(_ configuration: NodeConfiguration, logger: Logger, metrics: NodeMetrics = NodeMetrics()) async throws -> NodeRuntime {
        let schemas = try setUpXML()
        try InstitutionConfigurationCheck.validate(configuration, schemas: schemas)
        let hosts = try loadHosts(configuration)
        let store = try await StoreOpener.open(configuration.database, logger: logger)
        let runtime = try await assemble(configuration, hosts: hosts, store: store, schemas: schemas, metrics: metrics, logger: logger)
        if !configuration.isPublicURLHTTPS {
            logger.warning("EWP_PUBLIC_URL is plain http: fine for local development, but the manifest is not valid for the EWP network (its URLs must be https)", metadata: ["public_url": .string(configuration.publicBase)])
        }
        return runtime
    }

    /// A runtime for one-shot commands that work on the database (import, cnr, registry): no start-up
    /// checks, and the keys of the covered HEIs only where present (partners are then not called).
    public static func makeLocalRuntime(_ configuration: NodeConfiguration, store: any Store, logger: Logger) async throws -> NodeRuntime {
        let schemas = try setUpXML()
        let hosts = (try? loadHosts(configuration)) ?? []
        return try await assemble(configuration, hosts: hosts, store: store, schemas: schemas, metrics: NodeMetrics(), logger: logger)
    }

    /// The runtime over its parts, with the registry client's last good catalogue loaded.
    private static func assemble(_ configuration: NodeConfiguration, hosts: [CoveredHost], store: any Store, schemas: SchemaCache,
                                 metrics: NodeMetrics, logger: Logger) async throws -> NodeRuntime {
        let http = CurlClient()
        let registry = try makeRegistryClient(configuration, store: store, schemas: schemas, http: http, logger: logger)
        await registry.loadPersisted()
        return NodeRuntime(configuration: configuration, hosts: hosts, registry: registry, store: store, schemas: schemas, metrics: metrics,
                           http: http, logger: logger)
    }

    /// The operations façade over the node's parts: one store, one schema cache, the engine's
    /// notification policy and the one clock.
    static func makeOperations(_ configuration: NodeConfiguration, hosts: [CoveredHost], registry: RegistryClient, store: any Store,
                               schemas: SchemaCache, engine: NotificationEngine, logger: Logger,
                               now: @escaping @Sendable () -> Date) -> NodeOperations {
        let ounits = Dictionary(configuration.manifest.institutions.map { ($0.heiID, Set(($0.ounits ?? []).map(\.id))) },
                                uniquingKeysWith: { first, _ in first })
        return NodeOperations(
            store: store, registry: registry, registryURL: configuration.registryURL, coveredHEIs: configuration.heiIDs,
            coveredKeys: hosts.map { NodeOperations.CoveredKeys(heiID: $0.heiID, clientKeyID: $0.clientKeyID, serverKeyID: $0.serverKeyID) },
            notifications: NodeOperations.Notifications(partners: engine.partners, dispatcher: engine.dispatcher, puller: engine.puller,
                                                        indexSync: engine.indexSync),
            schemas: schemas, policy: engine.settings, describedOUnits: ounits,
            adminEmail: configuration.adminEmails.first ?? "", logger: logger, now: now)
    }
}
