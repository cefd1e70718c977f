import EWPCore
import EWPRegistry
import EWPStore
import Foundation
import Logging

/// Index-sync: CNRs are not the only path to a partner's changes (they get lost). Per partner and
/// API we list the partner's `index` and queue pulls for what changed since the last successful
/// sync (`modified_since`), what we do not hold yet, and what we hold but the index no longer lists
/// (the pull then records the deletion). The pulls go through the inbound queue, so they merge
/// with CNRs and get the same retries.
public final class IndexSync: Sendable {
    public struct Report: Sendable, Equatable {
        public var source: PullSource
        public var localHEI: HEIID
        public var partnerHEI: HEIID
        public var listed: Int
        public var queued: Int
        public var error: String?
    }

    /// A partner's `modified_since` is compared with its own clock: ask from a little earlier.
    static let clockSkewMargin: Double = 300

    let store: any Store
    let partners: PartnerDirectory
    let apis: PulledAPIs
    let cnrs: CNRAPIs
    let settings: NotificationSettings
    let logger: Logger
    let now: @Sendable () -> Date

    public init(store: any Store, partners: PartnerDirectory, apis: PulledAPIs, cnrs: CNRAPIs, settings: NotificationSettings, logger: Logger,
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.partners = partners
        self.apis = apis
        self.cnrs = cnrs
        self.settings = settings
        self.logger = logger
        self.now = now
    }

    /// Runs until cancelled: every registered pair whose last attempt is older than the interval.
    public func run() async {
        while !Task.isCancelled {
            _ = await syncDue()
            try? await Task.sleep(for: .seconds(min(max(settings.syncInterval / 10, 1), 60)))
        }
    }

    public func syncDue() async -> [Report] {
        let states: [SyncState]
        do { states = try await store.syncStates() } catch {
            logger.error("cannot read index-sync states", metadata: ["error": .string("\(error)")])
            return []
        }
        var reports: [Report] = []
        for state in states {
            guard let source = PullSource(rawValue: state.api), apis[source] != nil, !Task.isCancelled else { continue }
            if let last = state.lastAttemptAt, now().timeIntervalSince(last) < settings.syncInterval { continue }
            reports.append(await sync(source: source, localHEI: HEIID(state.localHEI), partnerHEI: HEIID(state.partnerHEI)))
        }
        return reports
    }

    /// Syncs one partner now, for each of our HEIs and each indexed API, or those of `sources`
    /// (the operator's "sync now").
    public func syncPartner(_ partnerHEI: HEIID, localHEIs: [HEIID], sources: [PullSource]? = nil) async -> [Report] {
        var reports: [Report] = []
        for local in localHEIs {
            for source in sources ?? apis.indexed {
                reports.append(await sync(source: source, localHEI: local, partnerHEI: partnerHEI))
            }
        }
        return reports
    }

    /// Index-syncs one API of one partner for one of our HEIs. The sync state and the queued pulls
    /// keep both ids as given here.
    public func sync(source: PullSource, localHEI heiID: HEIID, partnerHEI partnerID: HEIID) async -> Report {
        let localHEI = heiID.value, partnerHEI = partnerID.value
        let started = now()
        var state = (try? await store.syncState(api: source.rawValue, localHEI: localHEI, partnerHEI: partnerHEI))
            ?? SyncState(api: source.rawValue, localHEI: localHEI, partnerHEI: partnerHEI, lastSuccessAt: nil, lastAttemptAt: nil, lastError: nil)
        var report = Report(source: source, localHEI: heiID, partnerHEI: partnerID, listed: 0, queued: 0, error: nil)
        do {
            let (listed, queued) = try await listAndQueue(source: source, localHEI: localHEI, partnerHEI: partnerHEI, since: state.lastSuccessAt)
            report.listed = listed
            report.queued = queued
            state.lastSuccessAt = started
            state.lastError = nil
            logger.info("index-sync done", metadata: ["api": .string(source.rawValue), "hei": .string(localHEI), "partner": .string(partnerHEI),
                                                      "listed": .stringConvertible(listed), "queued": .stringConvertible(queued)])
        } catch {
            report.error = error.message
            state.lastError = error.message
            logger.warning("index-sync failed", metadata: ["api": .string(source.rawValue), "hei": .string(localHEI), "partner": .string(partnerHEI), "error": .string(error.message)])
        }
        state.lastAttemptAt = started
        do { try await store.saveSyncState(state) } catch {
            logger.error("cannot save the index-sync state", metadata: ["error": .string("\(error)")])
        }
        return report
    }

    struct SyncFailure: Error { let message: String }

    private func listAndQueue(source: PullSource, localHEI: String, partnerHEI: String, since: Date?) async throws(SyncFailure) -> (Int, Int) {
        guard let api = apis[source] else { throw SyncFailure(message: "no pulled API describes \(source.rawValue)") }
        guard let queueKey = cnrs.notifying(source)?.api else { throw SyncFailure(message: "no CNR API pulls from \(source.rawValue)") }
        let versions: [PartnerDirectory.PublishedVersion]
        switch partners.resolveAll(api.entries, partnerHEI: HEIID(partnerHEI), now: now()) {
        case .failed(let result): throw SyncFailure(message: result.explanation)
        case .published(let published): versions = published
        }
        // Every published version: an object lives in one of them (ToRs v2 or v3), and one missing
        // from the newest index alone must not read as deleted.
        var everything: [String] = []
        var changed: [String] = []
        for version in versions {
            let all = try await index(api, version.reference, entry: version.entry, keys: version.keys, localHEI: localHEI,
                                      partnerHEI: partnerHEI, since: nil)
            everything += all
            if let since {
                changed += try await index(api, version.reference, entry: version.entry, keys: version.keys, localHEI: localHEI,
                                           partnerHEI: partnerHEI, since: since.addingTimeInterval(-Self.clockSkewMargin))
            } else {
                changed += all
            }
        }

        let held: Set<String>
        do {
            held = Set(try await store.partnerCopies(api: source.rawValue, localHEI: localHEI, partnerHEI: partnerHEI, includeDeleted: false).map(\.objectID))
        } catch {
            throw SyncFailure(message: "cannot read the partner copies: \(error)")
        }
        let listed = Set(everything)
        let toPull = Set(changed).union(listed.subtracting(held)).union(held.subtracting(listed)).sorted()
        let keysToQueue = toPull.map { NotificationKey(api: queueKey.rawValue, localHEI: localHEI, partnerHEI: partnerHEI, objectID: $0) }
        if !keysToQueue.isEmpty {
            let at = now()
            do {
                try await store.enqueue(.inbound, keysToQueue, now: at, expiresAt: at.addingTimeInterval(settings.lifetime),
                                        settling: settings.settling)
            } catch {
                throw SyncFailure(message: "cannot queue the pulls: \(error)")
            }
        }
        return (listed.count, keysToQueue.count)
    }

    private func index(_ api: any PulledAPI, _ version: APIReference, entry: APIEntry, keys: EndpointServerKeys, localHEI: String,
                       partnerHEI: String, since: Date?) async throws(SyncFailure) -> [String] {
        let parameters = api.indexParameters(for: version, partnerHEI: partnerHEI, localHEI: localHEI, modifiedSince: since.map(Self.dateTime))
        switch await partners.call(.get, entry: entry, keys: keys, urlElement: "index-url", localHEI: HEIID(localHEI),
                                   partnerHEI: HEIID(partnerHEI), parameters: parameters) {
        case .failure(let failure): throw SyncFailure(message: failure.result.explanation)
        case .success(let result):
            guard let root = result.root else { throw SyncFailure(message: "\(entry.name) index answered with an empty body") }
            return api.indexIDs(root)
        }
    }

    static func dateTime(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
