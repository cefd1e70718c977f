import EWPStore
import Foundation

/// Blobs (the `Store` protocol's saveBlob/loadBlob) in the blobs table (migration "v1-blobs").
extension PostgresStore {
    public func saveBlob(key: String, value: [UInt8], metadata: [String: String]) async throws {
        let json = try BlobMetadata.encode(metadata)
        let now = Date().timeIntervalSince1970
        try await write("save blob \(key)") { connection in
            _ = try await self.rows(connection, """
                INSERT INTO blobs (key, value, metadata, updated_at) VALUES ($1, $2, $3, $4)
                ON CONFLICT (key) DO UPDATE SET value = excluded.value, metadata = excluded.metadata, updated_at = excluded.updated_at
                """, [key, Data(value), json, now])
        }
    }

    public func loadBlob(key: String) async throws -> StoredBlob? {
        let fields = try await read("load blob \(key)") { connection -> (Data, String, Double)? in
            guard let row = try await self.rows(connection, "SELECT value, metadata, updated_at FROM blobs WHERE key = $1", [key]).first else {
                return nil
            }
            return (try row["value"].decode(Data.self), try row.string("metadata"), try row["updated_at"].decode(Double.self))
        }
        guard let (value, metadata, updatedAt) = fields else { return nil }
        return StoredBlob(value: [UInt8](value), metadata: try BlobMetadata.decode(metadata, key: key),
                          updatedAt: Date(timeIntervalSince1970: updatedAt))
    }
}
