import EWPCore
import EWPRegistry
import EWPStore
import Foundation

/// One partner HEI as the operator sees the network: what the registry says it publishes, where
/// index synchronisation with it stands, and what the notification queues hold for it.
public struct NetworkPartner: Sendable {
    /// An API the partner's hosts declare in the registry catalogue.
    public struct PublishedAPI: Sendable, Equatable, Hashable {
        public let name: String
        public let version: String
    }

    public let heiID: HEIID
    /// Its name in the catalogue (English preferred); nil when the catalogue does not list it.
    public let name: String?
    /// Distinct name and version pairs, sorted.
    public let apis: [PublishedAPI]
    /// The index-sync cursors with this partner (every API and covered HEI), sorted by API.
    public let syncs: [SyncState]
    /// Rows of both queues for this partner still to be sent or pulled (retrying included).
    public let pending: Int
    /// Rows of both queues for this partner that failed for good (`failedStates`).
    public let failed: Int

    /// The states of a row that failed for good: the partner refused it, publishes no endpoint for
    /// it, or its lifetime ended.
    public static let failedStates: Set<QueueState> = [.rejected, .unsupported, .dead]

    /// The latest successful index sync with this partner, any API.
    public var lastSyncAt: Date? { syncs.compactMap(\.lastSuccessAt).max() }
    /// The error of the latest attempt that failed, when it is newer than every success.
    public var lastSyncError: String? {
        let latest = syncs.filter { $0.lastError != nil }.max { ($0.lastAttemptAt ?? .distantPast) < ($1.lastAttemptAt ?? .distantPast) }
        guard let latest, let error = latest.lastError else { return nil }
        if let success = lastSyncAt, let attempt = latest.lastAttemptAt, success >= attempt { return nil }
        return error
    }

    /// Whether `text` (case-insensitive) occurs in the HEI id or the name.
    public func matches(_ text: String) -> Bool {
        let needle = text.trimmingCharacters(in: .whitespaces).lowercased()
        return needle.isEmpty || heiID.value.lowercased().contains(needle) || (name?.lowercased().contains(needle) ?? false)
    }
}

extension NetworkPartner {
    /// The partners of a node: every HEI the catalogue lists other than `covered`, and any HEI a sync
    /// cursor or a queue row names (a partner that left the registry still has its history), sorted by id.
    static func list(catalogue: Catalogue?, covered: [HEIID], syncStates: [SyncState], queueCounts: [QueueCount]) -> [NetworkPartner] {
        var ids: [HEIID] = []
        var seen = Set<HEIID>()
        func add(_ id: HEIID) {
            guard !id.value.isEmpty, !covered.contains(id), seen.insert(id).inserted else { return }
            ids.append(id)
        }
        for host in catalogue?.hosts ?? [] { host.heiIDs.forEach { add(HEIID($0)) } }
        syncStates.forEach { add(HEIID($0.partnerHEI)) }
        queueCounts.forEach { add(HEIID($0.partnerHEI)) }

        let syncs = Dictionary(grouping: syncStates) { HEIID($0.partnerHEI) }
        let counts = Dictionary(grouping: queueCounts) { HEIID($0.partnerHEI) }
        return ids.map { id in
            let apis = catalogue.map { catalogue in
                Set(catalogue.hostIndexes(coveringHEI: id).flatMap { index in
                    catalogue.hosts[index].apiEntryRange.map { PublishedAPI(name: catalogue.apiEntries[$0].name, version: catalogue.apiEntries[$0].version) }
                })
            } ?? []
            let rows = counts[id] ?? []
            return NetworkPartner(
                heiID: id, name: catalogue?.heiName(id),
                apis: apis.sorted { ($0.name, $0.version) < ($1.name, $1.version) },
                syncs: (syncs[id] ?? []).sorted { ($0.api, $0.localHEI) < ($1.api, $1.localHEI) },
                pending: rows.filter { $0.state == .pending }.reduce(0) { $0 + $1.count },
                failed: rows.filter { failedStates.contains($0.state) }.reduce(0) { $0 + $1.count })
        }.sorted { $0.heiID.value.lowercased() < $1.heiID.value.lowercased() }
    }
}

extension NodeOperations {
    /// The partners of this node (see `NetworkPartner.list`) whose id or name contains `search`.
    public func networkPartners(search: String? = nil) async throws -> [NetworkPartner] {
        let summaries = await queueSummaries()
        let partners = NetworkPartner.list(catalogue: registry.snapshot()?.catalogue, covered: coveredHEIs,
                                           syncStates: try await store.syncStates(),
                                           queueCounts: summaries.values.flatMap(\.counts))
        guard let search, !search.isEmpty else { return partners }
        return partners.filter { $0.matches(search) }
    }

    /// One partner as `networkPartners` lists it; nil when the node knows nothing of it.
    public func networkPartner(_ heiID: HEIID) async throws -> NetworkPartner? {
        try await networkPartners().first { $0.heiID == heiID }
    }
}
