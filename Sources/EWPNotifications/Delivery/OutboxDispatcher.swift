import EWPCore
import EWPRegistry
import EWPStore
import Foundation
import Logging

/// Delivers the CNRs of the outbox: resolves each partner's CNR URL at send time, sends a signed
/// form POST through the one EWP client (verifying the partner's signed answer), and records the
/// outcome: delivered, retry with backoff, rejected on 4xx, unsupported when the partner has no
/// CNR API, dead when the lifetime ends.
public final class OutboxDispatcher: Sendable {
    let processor: QueueProcessor
    public var owner: String { processor.owner }

    public init(store: any Store, partners: PartnerDirectory, cnrs: CNRAPIs, settings: NotificationSettings, owner: String, logger: Logger,
                now: @escaping @Sendable () -> Date = { Date() }, random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }) {
        let registration = SyncRegistration(store: store, logger: logger)
        processor = QueueProcessor(
            queue: .outbox, store: store, settings: settings, owner: owner, logger: logger, now: now, random: random,
            grouping: { rows in Self.units(rows, partners: partners, cnrs: cnrs, now: now()) },
            attempt: { unit in await Self.send(unit, partners: partners, cnrs: cnrs, now: now()) },
            observer: { unit, result in
                guard result == .accepted, let first = unit.first, let api = NotificationAPI(rawValue: first.key.api).flatMap({ cnrs[$0] }) else { return }
                await registration.ensure(source: api.counterpartSource, localHEI: first.key.localHEI, partnerHEI: first.key.partnerHEI)
            })
    }

    public func run() async { await processor.run() }

    /// One pass over the due rows (for `ewp-node cnr` and tests). Returns the rows claimed.
    @discardableResult
    public func runOnce() async throws -> Int { try await processor.runOnce() }

    /// One CNR per IIA; LA and ToR CNRs carry as many ids as the partner accepts (in the version we send).
    static func units(_ rows: [QueueRow], partners: PartnerDirectory, cnrs: CNRAPIs, now: Date) -> [[QueueRow]] {
        NotificationKeyGroup.chunks(rows) { group in
            guard let api = NotificationAPI(rawValue: group.api).flatMap({ cnrs[$0] }),
                  case .found(let entry, _) = partners.resolve(anyOf: api.entries, partnerHEI: HEIID(group.partnerHEI), now: now).resolution else { return 1 }
            return api.idsPerNotification(limits: entry.limits)
        }
    }

    static func send(_ unit: [QueueRow], partners: PartnerDirectory, cnrs: CNRAPIs, now: Date) async -> AttemptResult {
        guard let first = unit.first else { return .accepted }
        guard let api = NotificationAPI(rawValue: first.key.api).flatMap({ cnrs[$0] }) else {
            return .impossible("unknown notification API \(first.key.api)")
        }
        // The version is chosen now, from the catalogue: the newest the partner publishes (`entries`).
        let entry: APIEntry, keys: EndpointServerKeys
        let (version, resolution) = partners.resolve(anyOf: api.entries, partnerHEI: HEIID(first.key.partnerHEI), now: now)
        switch resolution {
        case .failed(let result): return result
        case .found(let e, let k): (entry, keys) = (e, k)
        }
        let form = api.form(for: version, localHEI: first.key.localHEI, objectIDs: unit.map(\.key.objectID))
        switch await partners.call(.postForm, entry: entry, keys: keys, urlElement: "url", localHEI: HEIID(first.key.localHEI),
                                   partnerHEI: HEIID(first.key.partnerHEI), parameters: form) {
        case .success:
            return .accepted
        case .failure(let failure):
            // The partner took the notification (2xx) but answered with a body we cannot read:
            // it is delivered; the body carries nothing we need.
            if case .malformedXML(_, let status, _)? = failure.clientError, (200..<300).contains(status) { return .accepted }
            return failure.result
        }
    }
}
