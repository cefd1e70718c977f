import EWPStore
import Foundation
import PostgresNIO

/// `RequestIdStore` on the seen_request_ids table (migration "v6-seen-request-ids"); the semantics
/// are documented on the protocol. The unique key makes one insert of a pair win across processes.
extension PostgresStore {
    public func recordRequestId(_ requestId: String, keyId: String, now: Date, expiresAt: Date) async throws -> Bool {
        try await read("record X-Request-Id") { connection in
            // One statement, so no transaction: inserts, or takes over an expired entry; a live entry
            // stays as it is and returns no row.
            let recorded = try await self.rows(connection, """
                INSERT INTO seen_request_ids (key_id, request_id, expires_at) VALUES ($1, $2, $3)
                ON CONFLICT (key_id, request_id) DO UPDATE SET expires_at = excluded.expires_at
                WHERE seen_request_ids.expires_at <= $4
                RETURNING 1 AS recorded
                """, [keyId, requestId, expiresAt.timeIntervalSince1970, now.timeIntervalSince1970])
            return !recorded.isEmpty
        }
    }

    public func purgeRequestIds(expiredBy now: Date, limit: Int) async throws -> Int {
        try await read("purge expired X-Request-Ids") { connection in
            try await self.rows(connection, """
                DELETE FROM seen_request_ids WHERE (key_id, request_id) IN (
                    SELECT key_id, request_id FROM seen_request_ids WHERE expires_at <= $1 ORDER BY expires_at LIMIT $2
                    FOR UPDATE SKIP LOCKED)
                RETURNING 1 AS purged
                """, [now.timeIntervalSince1970, max(0, limit)]).count
        }
    }
}
