import Foundation

/// A value kept by key, with free-form metadata (for the registry catalogue: etag, expires, ...).
public struct StoredBlob: Sendable, Equatable {
    public var value: [UInt8]
    public var metadata: [String: String]
    /// When the value was last saved.
    public var updatedAt: Date

    public init(value: [UInt8], metadata: [String: String], updatedAt: Date) {
        self.value = value
        self.metadata = metadata
        self.updatedAt = updatedAt
    }
}

/// The node's persistent state. Backend-neutral: nothing here names SQLite, so a PostgreSQL
/// implementation can follow. Every method throws `StoreError`. Each part is its own protocol, where
/// its semantics are documented: `NotificationQueueStore`, `PartnerCopyStore`, `SyncStateStore`,
/// `OwnObjectStore`, `OwnObjectPageStore`, `PartnerCopyPageStore`, `RequestIdStore`, `ConsoleStore`.
public protocol Store: NotificationQueueStore, PartnerCopyStore, SyncStateStore, OwnObjectStore, ConditionalOwnObjectStore, OwnObjectPageStore,
    PartnerCopyPageStore, RequestIdStore, ConsoleStore {
    /// Inserts or replaces the blob under `key` in one transaction; `updatedAt` becomes now.
    func saveBlob(key: String, value: [UInt8], metadata: [String: String]) async throws
    /// The blob under `key`, or nil if none was saved.
    func loadBlob(key: String) async throws -> StoredBlob?
    /// Throws when the store cannot answer a trivial query.
    func healthCheck() async throws
}
