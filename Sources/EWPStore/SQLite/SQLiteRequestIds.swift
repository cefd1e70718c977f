import Foundation
import GRDB

/// The seen_request_ids table (migration "v7-seen-request-ids").
enum SQLiteRequestIds {
    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE seen_request_ids (
                key_id TEXT NOT NULL,
                request_id TEXT NOT NULL,
                expires_at REAL NOT NULL,
                PRIMARY KEY (key_id, request_id)
            ) WITHOUT ROWID;
            CREATE INDEX seen_request_ids_by_expiry ON seen_request_ids (expires_at);
            """)
    }
}

/// `RequestIdStore` on the seen_request_ids table; the semantics are documented on the protocol.
extension SQLiteStore {
    public func recordRequestId(_ requestId: String, keyId: String, now: Date, expiresAt: Date) async throws -> Bool {
        try await write("record X-Request-Id") { db in
            // Inserts, or takes over an expired entry; a live entry stays as it is (no change counted).
            // A cached statement: this runs for every signed request, and preparing it each time
            // (parse, plan, authorizer) cost more than the insert.
            let statement = try db.cachedStatement(sql: """
                INSERT INTO seen_request_ids (key_id, request_id, expires_at) VALUES (?, ?, ?)
                ON CONFLICT (key_id, request_id) DO UPDATE SET expires_at = excluded.expires_at
                WHERE seen_request_ids.expires_at <= ?
                """)
            try statement.execute(arguments: [keyId, requestId, expiresAt.timeIntervalSince1970, now.timeIntervalSince1970])
            return db.changesCount > 0
        }
    }

    public func purgeRequestIds(expiredBy now: Date, limit: Int) async throws -> Int {
        try await write("purge expired X-Request-Ids") { db in
            try db.execute(sql: """
                DELETE FROM seen_request_ids WHERE (key_id, request_id) IN (
                    SELECT key_id, request_id FROM seen_request_ids WHERE expires_at <= ? ORDER BY expires_at LIMIT ?)
                """, arguments: [now.timeIntervalSince1970, max(0, limit)])
            return db.changesCount
        }
    }
}
