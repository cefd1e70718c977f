import EWPAPIs
import EWPCore
import EWPNotifications
import EWPRegistry
import EWPStore
import EWPXML
import Foundation
import Logging

/// The one entry to what the node does for its operators and the institution's own systems: import
/// documents, IIA / LA / ToR views and actions, the notification queues, sync and deliver now, the
/// registry. The CLI and the admin API both call it and keep only their parsing, printing and HTTP.
/// Built once by the assembly, with the one store, the one schema cache, the one notification policy
/// (`NotificationSettings`: CNR lifetime, settling, retries) and the one clock.
public struct NodeOperations: Sendable {
    /// A covered HEI with the fingerprints of its two keys (for the registry summary).
    public struct CoveredKeys: Sendable {
        public let heiID: HEIID
        public let clientKeyID: String
        public let serverKeyID: String

        public init(heiID: HEIID, clientKeyID: String, serverKeyID: String) {
            self.heiID = heiID
            self.clientKeyID = clientKeyID
            self.serverKeyID = serverKeyID
        }
    }

    /// The parts of the notification engine the operations drive.
    public struct Notifications: Sendable {
        public let partners: PartnerDirectory
        public let dispatcher: OutboxDispatcher
        public let puller: InboundPuller
        public let indexSync: IndexSync

        public init(partners: PartnerDirectory, dispatcher: OutboxDispatcher, puller: InboundPuller, indexSync: IndexSync) {
            self.partners = partners
            self.dispatcher = dispatcher
            self.puller = puller
            self.indexSync = indexSync
        }
    }

    public let store: any Store
    public let registry: RegistryClient
    public let registryURL: String
    /// The covered HEIs, as configured (the spelling the store keeps our objects under).
    public let coveredHEIs: [HEIID]
    /// The covered HEIs whose keys were loaded.
    public let coveredKeys: [CoveredKeys]
    public let notifications: Notifications
    public let schemas: SchemaCache
    public let policy: NotificationSettings
    /// The organizational units Manifest/manifest.json describes, per covered HEI.
    public let describedOUnits: [String: Set<String>]
    /// The first configured admin e-mail: the default signer e-mail of our LA answers.
    public let adminEmail: String
    public let logger: Logger
    public let now: @Sendable () -> Date

    public init(store: any Store, registry: RegistryClient, registryURL: String, coveredHEIs: [HEIID], coveredKeys: [CoveredKeys],
                notifications: Notifications, schemas: SchemaCache, policy: NotificationSettings,
                describedOUnits: [String: Set<String>], adminEmail: String, logger: Logger, now: @escaping @Sendable () -> Date) {
        self.store = store
        self.registry = registry
        self.registryURL = registryURL
        self.coveredHEIs = coveredHEIs
        self.coveredKeys = coveredKeys
        self.notifications = notifications
        self.schemas = schemas
        self.policy = policy
        self.describedOUnits = describedOUnits
        self.adminEmail = adminEmail
        self.logger = logger
        self.now = now
    }

    /// Approval states of our IIAs, from the IIAs Approval records.
    public var approvals: StoredIIAApprovals { StoredIIAApprovals(store: store) }
}

/// Which covered HEIs an operation is for: the one named (it must be covered), else all / the only one.
public struct CoveredHEIChoice: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable { case notCovered, several }
    public let kind: Kind
    public let description: String
}

extension NodeOperations {
    /// The covered HEI `hei` names, as configured (however `hei` is spelled), else every covered HEI
    /// when `hei` is nil.
    public func coveredHEIs(_ hei: HEIID?) throws(CoveredHEIChoice) -> [HEIID] {
        guard let hei else { return coveredHEIs }
        guard let covered = coveredHEIs.first(where: { $0 == hei }) else {
            throw CoveredHEIChoice(kind: .notCovered, description: "hei \(hei) is not covered by this node (\(coveredList))")
        }
        return [covered]
    }

    /// The covered HEI `hei` names (as `coveredHEIs(_:)`), else the only covered HEI.
    public func coveredHEI(_ hei: HEIID?) throws(CoveredHEIChoice) -> HEIID {
        let heis = try coveredHEIs(hei)
        guard heis.count == 1, let only = heis.first else {
            throw CoveredHEIChoice(kind: .several, description: "this node covers several HEIs (\(coveredList))")
        }
        return only
    }

    /// The covered HEIs, for messages.
    public var coveredList: String { coveredHEIs.listed }
}
