import Foundation

/// Where index synchronisation with one partner stands, for one API and one of our HEIs.
public struct SyncState: Sendable, Equatable {
    public var api: String
    public var localHEI: String
    public var partnerHEI: String
    /// Start time of the last successful sync: the next sync's modified_since.
    public var lastSuccessAt: Date?
    public var lastAttemptAt: Date?
    public var lastError: String?

    public init(api: String, localHEI: String, partnerHEI: String, lastSuccessAt: Date? = nil,
                lastAttemptAt: Date? = nil, lastError: String? = nil) {
        self.api = api
        self.localHEI = localHEI
        self.partnerHEI = partnerHEI
        self.lastSuccessAt = lastSuccessAt
        self.lastAttemptAt = lastAttemptAt
        self.lastError = lastError
    }

    /// Throws when an identifying field is empty.
    public func validate() throws {
        try StoreError.requireNonEmpty(["api": api, "localHEI": localHEI, "partnerHEI": partnerHEI],
                                       in: "sync state \(api)/\(localHEI)/\(partnerHEI)")
    }
}

/// Index-sync cursors (`SyncState`), one per api, localHEI and partnerHEI. Every method throws `StoreError`.
public protocol SyncStateStore: Sendable {
    /// The cursor, nil if never saved.
    func syncState(api: String, localHEI: String, partnerHEI: String) async throws -> SyncState?
    /// Inserts or replaces the cursor (every field, nil ones included). Throws on an empty identifying field.
    func saveSyncState(_ state: SyncState) async throws
    /// Every cursor, sorted by api, localHEI, partnerHEI.
    func syncStates() async throws -> [SyncState]
}
