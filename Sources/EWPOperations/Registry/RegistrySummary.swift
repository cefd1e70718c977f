import EWPCore
import EWPRegistry
import Foundation

/// The catalogue a node holds, summed up for `ewp-node registry show|refresh` and
/// `GET /admin/registry`: where it came from, when, its size, and whether each covered HEI's keys
/// are listed in it (a partner accepts our requests and responses only then).
public struct RegistrySummary: Sendable {
    public struct HostKeys: Sendable {
        public let heiID: HEIID
        public let clientKeyListed: Bool
        public let serverKeyListed: Bool
    }

    public let registryURL: String
    public let state: CatalogueState
    public let hosts: [HostKeys]

    public init(_ state: CatalogueState, registryURL: String, hosts: [NodeOperations.CoveredKeys]) {
        self.registryURL = registryURL
        self.state = state
        self.hosts = hosts.map {
            HostKeys(heiID: $0.heiID, clientKeyListed: state.catalogue.clientKey(keyId: $0.clientKeyID) != nil,
                     serverKeyListed: state.catalogue.isServerKey(keyId: $0.serverKeyID))
        }
    }

    public func lines(now: Date = Date()) -> [String] {
        [
            "registry:   \(registryURL)",
            "fetched:    \(state.fetchedAt) (\(Int(now.timeIntervalSince(state.fetchedAt))) s ago), expires \(state.expiresAt), etag \(state.etag ?? "-")",
            "hosts:      \(state.catalogue.hostCount)",
            "HEIs:       \(state.catalogue.heiCount)",
            "keys:       \(state.catalogue.keyCount)",
        ] + hosts.map {
            "\($0.heiID): client key \($0.clientKeyListed ? "listed" : "NOT listed"), server key \($0.serverKeyListed ? "listed" : "NOT listed")"
        }
    }

    public func json(now: Date = Date()) -> [String: Any] {
        ["registry_url": registryURL, "fetched_at": QueueRowFormat.timestamp(state.fetchedAt), "expires_at": QueueRowFormat.timestamp(state.expiresAt),
         "age_seconds": Int(state.age(now: now)), "etag": state.etag as Any? ?? NSNull(), "source": state.source.rawValue,
         "hosts": state.catalogue.hostCount, "heis": state.catalogue.heiCount, "keys": state.catalogue.keyCount,
         "covered": hosts.map { ["hei": $0.heiID.value, "client_key_listed": $0.clientKeyListed, "server_key_listed": $0.serverKeyListed] }]
    }
}
