import EWPCore
import EWPRegistry
import EWPStore
import EWPXML
import Foundation
import Logging

/// Works the inbound queue: the ids partners told us about (CNRs) or that index-sync found changed.
/// For each (API, our HEI, partner) it pulls the partner's `get` with a signed request, as many ids
/// per call as the partner accepts, and stores what came back as partner copies: an id absent from
/// the answer is recorded as deleted or hidden. Coalescing happens in the queue: many CNRs for one
/// object are one row, hence one pull.
public final class InboundPuller: Sendable {
    /// Our own hash of a pulled object, for APIs that define one (the iia-hash).
    public typealias Hasher = @Sendable (PullSource, XElement) -> String?
    /// What the API does with copies once they are stored (unmapping, approval state); runs before
    /// the rows are marked done, so a crash in between pulls again rather than losing the step.
    public typealias Observer = @Sendable (_ source: PullSource, _ copies: [PartnerCopy]) async throws -> Void

    let processor: QueueProcessor

    public init(store: any Store, partners: PartnerDirectory, apis: PulledAPIs, cnrs: CNRAPIs, settings: NotificationSettings, owner: String, logger: Logger,
                hasher: @escaping Hasher = { _, _ in nil }, observer: @escaping Observer = { _, _ in },
                now: @escaping @Sendable () -> Date = { Date() }, random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }) {
        let registration = SyncRegistration(store: store, logger: logger)
        processor = QueueProcessor(
            queue: .inbound, store: store, settings: settings, owner: owner, logger: logger, now: now, random: random,
            grouping: { rows in Self.units(rows, partners: partners, apis: apis, cnrs: cnrs, now: now()) },
            attempt: { unit in await Self.pull(unit, store: store, partners: partners, apis: apis, cnrs: cnrs, hasher: hasher, observer: observer, now: now) },
            observer: { unit, result in
                guard result == .accepted, let first = unit.first, let source = NotificationAPI(rawValue: first.key.api).flatMap({ cnrs[$0]?.source }),
                      apis[source]?.isIndexed == true else { return }
                await registration.ensure(source: source, localHEI: first.key.localHEI, partnerHEI: first.key.partnerHEI)
            })
    }

    public func run() async { await processor.run() }

    @discardableResult
    public func runOnce() async throws -> Int { try await processor.runOnce() }

    static func units(_ rows: [QueueRow], partners: PartnerDirectory, apis: PulledAPIs, cnrs: CNRAPIs, now: Date) -> [[QueueRow]] {
        NotificationKeyGroup.chunks(rows) { group in
            guard let source = NotificationAPI(rawValue: group.api).flatMap({ cnrs[$0]?.source }), let api = apis[source],
                  case .found(let entry, _) = partners.resolve(anyOf: api.entries, partnerHEI: HEIID(group.partnerHEI), now: now).resolution else { return 1 }
            return api.maxIDsPerGet(limits: entry.limits)
        }
    }

    static func pull(_ unit: [QueueRow], store: any Store, partners: PartnerDirectory, apis: PulledAPIs, cnrs: CNRAPIs, hasher: Hasher, observer: Observer,
                     now: @Sendable () -> Date) async -> AttemptResult {
        guard let first = unit.first else { return .accepted }
        guard let source = NotificationAPI(rawValue: first.key.api).flatMap({ cnrs[$0]?.source }) else {
            return .impossible("unknown notification API \(first.key.api)")
        }
        guard let api = apis[source] else { return .impossible("no pulled API describes \(source.rawValue)") }
        let (local, partner) = (first.key.localHEI, first.key.partnerHEI)
        let versions: [PartnerDirectory.PublishedVersion]
        switch partners.resolveAll(api.entries, partnerHEI: HEIID(partner), now: now()) {
        case .failed(let result):
            // The partner notified us of a change (or listed it in its index), so it is expected
            // to publish the API that fetches it.
            if case .noEndpoint = result {
                partners.expectedAPIMissing(api.entries, urlElement: api.getURLElement, localHEI: HEIID(local), partnerHEI: HEIID(partner))
            }
            return result
        case .published(let published): versions = published
        }
        let ids = unit.map(\.key.objectID)
        // Newest version first; ids it does not show are asked of the older versions the partner
        // also publishes (a transcript lives in the version it was issued in).
        var found: [String: XElement] = [:]
        for version in versions {
            let missing = ids.filter { found[$0] == nil }
            if missing.isEmpty { break }
            let perGet = api.maxIDsPerGet(limits: version.entry.limits)
            for start in stride(from: 0, to: missing.count, by: perGet) {
                let chunk = Array(missing[start..<min(start + perGet, missing.count)])
                switch await partners.call(.get, entry: version.entry, keys: version.keys, urlElement: api.getURLElement, localHEI: HEIID(local), partnerHEI: HEIID(partner),
                                           parameters: api.getParameters(for: version.reference, partnerHEI: partner, localHEI: local, ids: chunk)) {
                case .failure(let failure): return failure.result
                case .success(let result):
                    guard let root = result.root else { return .refused("\(version.entry.name) get answered 2xx with an empty body") }
                    for (id, element) in api.objects(in: root, entry: version.reference, partnerHEI: partner) where found[id] == nil {
                        found[id] = element
                    }
                }
            }
        }
        let seen = now()
        let copies = ids.map { id -> PartnerCopy in
            let element = found[id]
            return PartnerCopy(api: source.rawValue, localHEI: local, partnerHEI: partner, objectID: id,
                               document: element.map { XMLWriter.document($0) }, hash: element.flatMap { hasher(source, $0) },
                               seenAt: seen, changedAt: seen)
        }
        do {
            try await store.savePartnerCopies(copies)
        } catch {
            return .transient("cannot store the pulled copies: \(error)")
        }
        do {
            try await observer(source, copies)
        } catch {
            return .transient("the pulled copies are stored, but applying them failed: \(error)")
        }
        return .accepted
    }
}
