import Foundation
import GRDB

/// The sync_states table (migration "v4-sync-states").
enum SQLiteSyncStates {
    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE sync_states (
                api TEXT NOT NULL,
                local_hei TEXT NOT NULL,
                partner_hei TEXT NOT NULL,
                last_success_at REAL,
                last_attempt_at REAL,
                last_error TEXT,
                PRIMARY KEY (api, local_hei, partner_hei)
            ) WITHOUT ROWID
            """)
    }

    static func fetch(_ db: Database, _ tail: String, _ arguments: StatementArguments) throws -> [SyncState] {
        try Row.fetchAll(db, sql: """
            SELECT api, local_hei, partner_hei, last_success_at, last_attempt_at, last_error FROM sync_states \(tail)
            """, arguments: arguments).map { row in
            SyncState(api: try row.decode(forColumn: "api"), localHEI: try row.decode(forColumn: "local_hei"),
                      partnerHEI: try row.decode(forColumn: "partner_hei"), lastSuccessAt: try optionalDate(row, "last_success_at"),
                      lastAttemptAt: try optionalDate(row, "last_attempt_at"), lastError: try row.decode(forColumn: "last_error"))
        }
    }
}

/// `SyncStateStore` on the sync_states table; the semantics are documented on the protocol.
extension SQLiteStore {
    public func syncState(api: String, localHEI: String, partnerHEI: String) async throws -> SyncState? {
        try await read("read sync state \(api)/\(localHEI)/\(partnerHEI)") { db in
            try SQLiteSyncStates.fetch(db, "WHERE api = ? AND local_hei = ? AND partner_hei = ?", [api, localHEI, partnerHEI]).first
        }
    }

    public func saveSyncState(_ state: SyncState) async throws {
        try state.validate()
        try await write("save sync state \(state.api)/\(state.localHEI)/\(state.partnerHEI)") { db in
            try db.execute(sql: """
                INSERT OR REPLACE INTO sync_states (api, local_hei, partner_hei, last_success_at, last_attempt_at, last_error)
                VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [state.api, state.localHEI, state.partnerHEI, state.lastSuccessAt?.timeIntervalSince1970,
                                 state.lastAttemptAt?.timeIntervalSince1970, state.lastError])
        }
    }

    public func syncStates() async throws -> [SyncState] {
        try await read("list sync states") { db in try SQLiteSyncStates.fetch(db, "ORDER BY api, local_hei, partner_hei", []) }
    }
}
