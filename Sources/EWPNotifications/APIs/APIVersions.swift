import EWPCore
import EWPRegistry
import EWPXML
import Foundation

/// Major versions side by side: a partner may publish several generations of an API (IMobility
/// ToRs v3 came with ToR CNR v2). We talk to each partner in the newest version it publishes,
/// looked up in the catalogue at call time, so the queues keep one row per (API, partner, object)
/// whatever the version (each descriptor's `entries`, preferred first).
extension Catalogue {
    /// The first of `candidates` (preferred first) that `hei` publishes, with its entry.
    public func firstEndpoint(hei: HEIID, anyOf candidates: [APIReference]) -> (reference: APIReference, entry: APIEntry)? {
        for candidate in candidates {
            if let entry = endpoint(hei: hei, apiNamespace: candidate.namespace, apiName: candidate.name, majorVersion: candidate.majorVersion) {
                return (candidate, entry)
            }
        }
        return nil
    }
}

extension PartnerDirectory {
    /// The first of `candidates` (preferred first) the partner publishes, with its entry; else why
    /// none: no catalogue yet (deferred), or no entry in any of those versions (unsupported).
    public func resolve(anyOf candidates: [APIReference], partnerHEI: HEIID, now: Date) -> (reference: APIReference, resolution: Resolution) {
        guard let fallback = candidates.last else {
            return (APIReference(namespace: "", name: "", majorVersion: 0), .failed(.impossible("no API version to look up")))
        }
        guard let state = registry.snapshot() else {
            return (fallback, .failed(.deferred(until: now.addingTimeInterval(30))))
        }
        guard let (reference, entry) = state.catalogue.firstEndpoint(hei: partnerHEI, anyOf: candidates) else {
            return (fallback, .failed(.noEndpoint(Self.noEndpoint(candidates, partnerHEI: partnerHEI))))
        }
        return (reference, .found(entry, state.catalogue.serverKeys(for: entry)))
    }

    /// Every one of `candidates` the partner publishes, preferred first; else why none (as `resolve(anyOf:)`).
    /// Objects live in one version each (a ToR imported as v2 only is absent from ToRs v3), so pulls
    /// and index-syncs ask each published version, not only the newest.
    public func resolveAll(_ candidates: [APIReference], partnerHEI: HEIID, now: Date) -> Publication {
        guard let state = registry.snapshot() else { return .failed(.deferred(until: now.addingTimeInterval(30))) }
        let published = candidates.compactMap { candidate -> PublishedVersion? in
            state.catalogue.firstEndpoint(hei: partnerHEI, anyOf: [candidate]).map {
                PublishedVersion(reference: $0.reference, entry: $0.entry, keys: state.catalogue.serverKeys(for: $0.entry))
            }
        }
        return published.isEmpty ? .failed(.noEndpoint(Self.noEndpoint(candidates, partnerHEI: partnerHEI))) : .published(published)
    }

    public enum Publication: Sendable {
        case published([PublishedVersion])
        case failed(AttemptResult)
    }

    public struct PublishedVersion: Sendable {
        public let reference: APIReference
        public let entry: APIEntry
        public let keys: EndpointServerKeys
    }

    /// "X publishes no imobility-tor-cnr v2 or v1 API in the registry catalogue".
    public static func noEndpoint(_ candidates: [APIReference], partnerHEI: HEIID) -> String {
        let versions = candidates.map { "v\($0.majorVersion)" }.joined(separator: " or ")
        return "\(partnerHEI) publishes no \(candidates.first?.name ?? "") \(versions) API in the registry catalogue"
    }
}
