import EWPAPIs
import EWPClient
import EWPHTTP
import EWPModel
import EWPNotifications
import EWPOperations
import EWPRegistry
import EWPSecurity
import EWPStore
import EWPXML
import Foundation
import Logging

/// The node's CNR machinery: the outbox dispatcher, the inbound puller and index-sync, sharing one
/// partner directory (catalogue + one EWP client per covered HEI) and one set of settings.
public struct NotificationEngine: Sendable {
    public let settings: NotificationSettings
    public let partners: PartnerDirectory
    public let dispatcher: OutboxDispatcher
    public let puller: InboundPuller
    public let indexSync: IndexSync

    public init(configuration: NodeConfiguration, hosts: [CoveredHost], registry: RegistryClient, store: any Store,
                schemas: SchemaCache, http: CurlClient, logger: Logger, metrics: NodeMetrics? = nil,
                hasher: @escaping InboundPuller.Hasher = NotificationEngine.ourHash, now: @escaping @Sendable () -> Date = { Date() }) {
        var settings = NotificationSettings()
        settings.retryBase = Self.seconds(configuration.cnrRetryBase)
        settings.retryCap = max(3600, settings.retryBase)
        settings.lifetime = Self.seconds(configuration.cnrLifetime)
        settings.syncInterval = Self.seconds(configuration.syncInterval)
        // Longer than a call can take, so a live worker never loses its lease mid-call.
        settings.lease = Self.seconds(configuration.callTimeout) * 2 + 10
        self.settings = settings

        var responseSchemas: ResponseSchemas? = nil
        do {
            responseSchemas = try ResponseSchemas(cache: schemas)
        } catch {
            logger.error("partners' answers will not be validated against the schemas: \(error)")
        }
        let clients = Dictionary(hosts.map { host in
            (host.heiID, EWPClient(http: http, signer: RequestSigner(key: host.keys.client), timeout: configuration.callTimeout,
                       urlPolicy: configuration.outboundURLPolicy, responseSchemas: responseSchemas, clock: now))
        }, uniquingKeysWith: { first, _ in first })
        let directory = PartnerDirectory(registry: registry, clients: clients)
        partners = configuration.monitoringReports
            ? directory.observed(by: Self.monitoringReporter(directory, logger: logger, metrics: metrics, now: now)) : directory
        let owner = Self.ownerID()
        dispatcher = OutboxDispatcher(store: store, partners: partners, cnrs: CNRAPIList.all, settings: settings, owner: owner, logger: logger, now: now)
        let policy = settings
        let copies = PartnerIIACopies(store: store, importer: {
            try IIAImporter(store: store, approvals: StoredIIAApprovals(store: store), coveredHEIs: configuration.heiIDs, schemas: schemas, policy: policy)
        }, now: now)
        let laFindings = PartnerLAFindings(store: store, logger: logger)
        puller = InboundPuller(store: store, partners: partners, apis: PulledAPIList.all, cnrs: CNRAPIList.all, settings: settings, owner: owner, logger: logger, hasher: hasher,
                               observer: { source, pulled in
                                   try await copies.apply(source, pulled)
                                   await laFindings.apply(source, pulled)
                                   try await MobilityStatusEvents.apply(store: store, source, pulled)
                               }, now: now)
        indexSync = IndexSync(store: store, partners: partners, apis: PulledAPIList.all, cnrs: CNRAPIList.all, settings: settings, logger: logger, now: now)
    }

    /// Failed partner calls reported to the EWP Stats Portal (Monitoring API), counted in `metrics`.
    static func monitoringReporter(_ partners: PartnerDirectory, logger: Logger, metrics: NodeMetrics?,
                                   now: @escaping @Sendable () -> Date) -> MonitoringReporter {
        let portal = MonitoringPortal(partners: partners, logger: logger, now: now)
        return MonitoringReporter(now: now, record: { metrics?.recordMonitoringReport($0) }, send: { await portal.send($0) })
    }

    /// Our own hash of a pulled partner copy: the iia-hash for IIAs (what approvals compare), none otherwise.
    public static let ourHash: InboundPuller.Hasher = { source, element in
        source == .iias ? IIAHash.hash(element) : nil
    }

    /// Identifies this process as a lease holder: host name, pid and a random suffix.
    static func ownerID() -> String {
        "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)-\(String(UInt32.random(in: 0...UInt32.max), radix: 16))"
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
