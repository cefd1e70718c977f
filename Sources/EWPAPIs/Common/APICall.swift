import EWPCore
import EWPNotifications
import EWPRegistry
import EWPStore
import Foundation
import Logging

/// One authenticated call to a served endpoint, as the router hands it to the API's handler.
public struct APICall: Sendable {
    /// The covered HEI whose URL was called (`/hei/<hei-id>/...`).
    public let servedHEI: HEIID
    /// The HEIs the verified signing key covers.
    public let requesterHEIs: [HEIID]
    public let endpoint: ServedEndpoint
    /// The form parameters (empty for an endpoint whose input is the body).
    public let parameters: RequestParameters
    /// The raw request body (what an endpoint whose input is the body reads).
    public let body: [UInt8]

    public init(servedHEI: HEIID, requesterHEIs: [HEIID], endpoint: ServedEndpoint, parameters: RequestParameters, body: [UInt8]) {
        self.servedHEI = servedHEI
        self.requesterHEIs = requesterHEIs
        self.endpoint = endpoint
        self.parameters = parameters
        self.body = body
    }
}

/// What the handlers need from the node, assembled once at start: the store, the one clock, the
/// logger, the notification policy, the covered HEIs and declared limits, the institution data.
public struct APIServices: Sendable {
    public let store: any Store
    public let now: @Sendable () -> Date
    public let logger: Logger
    /// The lifetime and settling of the notifications a handler queues (inbound CNRs, LA answers).
    public let notifications: NotificationSettings
    public let coveredHEIs: [String]
    /// The limits our manifest declares (Institutions, Factsheet, OUnits).
    public let limits: ManifestLimits
    /// Where Institutions, OUnits and Factsheet read their data.
    public let institutions: InstitutionSource

    public init(store: any Store, now: @escaping @Sendable () -> Date, logger: Logger, notifications: NotificationSettings,
                coveredHEIs: [String], limits: ManifestLimits, institutions: InstitutionSource) {
        self.store = store
        self.now = now
        self.logger = logger
        self.notifications = notifications
        self.coveredHEIs = coveredHEIs
        self.limits = limits
        self.institutions = institutions
    }
}
