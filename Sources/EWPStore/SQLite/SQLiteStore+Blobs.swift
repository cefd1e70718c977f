import Foundation
import GRDB

/// Blobs (the `Store` protocol's saveBlob/loadBlob) in the blobs table (migration "v1-blobs").
extension SQLiteStore {
    public func saveBlob(key: String, value: [UInt8], metadata: [String: String]) async throws {
        let json = try BlobMetadata.encode(metadata)
        let now = Date().timeIntervalSince1970
        try await write("save blob \(key)") { db in
            try db.execute(
                sql: """
                    INSERT INTO blobs (key, value, metadata, updated_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT(key) DO UPDATE SET value = excluded.value, metadata = excluded.metadata,
                        updated_at = excluded.updated_at
                    """,
                arguments: [key, Data(value), json, now])
        }
    }

    public func loadBlob(key: String) async throws -> StoredBlob? {
        let fields = try await read("load blob \(key)") { db -> (Data, String, Double)? in
            guard let row = try Row.fetchOne(db, sql: "SELECT value, metadata, updated_at FROM blobs WHERE key = ?", arguments: [key]) else {
                return nil
            }
            return (row["value"], row["metadata"], row["updated_at"])
        }
        guard let (value, metadata, updatedAt) = fields else { return nil }
        return StoredBlob(value: [UInt8](value), metadata: try BlobMetadata.decode(metadata, key: key),
                          updatedAt: Date(timeIntervalSince1970: updatedAt))
    }
}
