import Foundation
import Logging
import Synchronization
import EWPHTTP
import EWPSecurity
import EWPStore
import EWPXML

/// Keeps a fresh, validated Registry catalogue: fetches it with If-None-Match, validates it against the
/// registry XSD, parses and indexes it, persists the last good copy, and serves it from `snapshot()`.
/// A failed fetch never replaces a good catalogue.
public final class RegistryClient: Sendable {
    public let url: String
    public let policy: RefreshPolicy
    let http: CurlClient
    let store: any Store
    let schema: XSDSchema?
    let logger: Logger
    let now: @Sendable () -> Date
    let fetchTimeout: Duration
    /// Why `url` may not be fetched (not https; see `OutboundURLPolicy`), or nil.
    public let urlRefusal: String?

    struct State: Sendable {
        var current: CatalogueState?
        var schedule = RefreshSchedule()
        var inFlight: Task<RefreshOutcome, Never>?
    }
    let state = Mutex(State())

    /// - Parameters:
    ///   - refreshInterval: EWP_REGISTRY_REFRESH; clamped to [60 s, 3 h] and capped by the registry's own
    ///     Cache-Control/Expires.
    ///   - schema: the compiled registry `catalogue.xsd`; nil skips validation (tests only).
    ///   - urlPolicy: a URL it refuses is never fetched (every refresh fails saying why); a persisted
    ///     copy is still served.
    ///   - now: the clock (tests inject one).
    public init(url: String, refreshInterval: Duration, http: CurlClient, store: any Store, schema: XSDSchema?,
                logger: Logger, earlyRefreshSpacing: TimeInterval = 60, fetchTimeout: Duration = .seconds(60),
                urlPolicy: OutboundURLPolicy = .httpsOnly, now: @escaping @Sendable () -> Date = { Date() }) {
        self.url = url
        self.urlRefusal = urlPolicy.refusal(for: url).map { "EWP_REGISTRY_URL refused: \($0)" }
        self.policy = RefreshPolicy(configuredInterval: refreshInterval.timeInterval, earlyRefreshSpacing: earlyRefreshSpacing)
        self.http = http
        self.store = store
        self.schema = schema
        self.logger = logger
        self.fetchTimeout = fetchTimeout
        self.now = now
    }

    /// The catalogue being served (nil before the first one). Synchronous and cheap: one lock, no copy of
    /// the catalogue's storage.
    public func snapshot() -> CatalogueState? { state.withLock { $0.current } }

    /// Age, counts and last error, for health checks and metrics.
    public func status() -> RegistryStatus {
        let t = now()
        return state.withLock { s in
            let c = s.current?.catalogue
            return RegistryStatus(
                url: url, hasCatalogue: s.current != nil, source: s.current?.source,
                fetchedAt: s.current?.fetchedAt, expiresAt: s.current?.expiresAt,
                ageSeconds: s.current.map { $0.age(now: t) }, isStale: s.current.map { t >= $0.expiresAt } ?? false,
                isBeyondStaleTolerance: s.current.map { $0.age(now: t) > RefreshPolicy.staleTolerance } ?? false,
                lastAttempt: s.schedule.lastAttempt, nextAttempt: policy.nextAttempt(s.schedule),
                consecutiveFailures: s.schedule.consecutiveFailures, lastError: s.schedule.lastError,
                hostCount: c?.hostCount ?? 0, heiCount: c?.heiCount ?? 0, keyCount: c?.keyCount ?? 0,
                clientKeyCount: c?.clientKeyCount ?? 0, serverKeyCount: c?.serverKeyCount ?? 0)
        }
    }

    /// Loads the last good copy from the store, so that a registry outage at start changes nothing.
    /// Does nothing when a catalogue is already being served or the store has none for this URL.
    public func loadPersisted() async {
        let copy: PersistedCatalogue?
        do { copy = try await PersistedCatalogue.load(from: store, url: url) } catch {
            logger.warning("registry: could not read the persisted catalogue", metadata: ["error": "\(error)"])
            return
        }
        guard let copy else {
            logger.info("registry: no persisted catalogue", metadata: ["url": "\(url)"])
            return
        }
        let bytes = copy.bytes
        let catalogue: Catalogue
        switch await XMLParseThreads.run(size: bytes.count, { Result { try Catalogue.parse(bytes) } }) {
        case .success(let c): catalogue = c
        case .failure(let error):
            logger.warning("registry: persisted catalogue is unreadable; ignored", metadata: ["error": "\(error)"])
            return
        }
        let installed = state.withLock { s -> Bool in
            guard s.current == nil else { return false }
            s.current = CatalogueState(catalogue: catalogue, fetchedAt: copy.fetchedAt, expiresAt: copy.expiresAt,
                                       etag: copy.etag, source: .persisted)
            s.schedule.recordPersisted(fetchedAt: copy.fetchedAt, expiresAt: copy.expiresAt)
            return true
        }
        if installed {
            logger.info("registry: loaded the persisted catalogue", metadata: [
                "fetchedAt": "\(copy.fetchedAt)", "expiresAt": "\(copy.expiresAt)", "hosts": "\(catalogue.hostCount)",
                "heis": "\(catalogue.heiCount)", "keys": "\(catalogue.keyCount)"])
        }
    }
}

extension Duration {
    var timeInterval: TimeInterval {
        let c = components
        return TimeInterval(c.seconds) + TimeInterval(c.attoseconds) / 1e18
    }
}
