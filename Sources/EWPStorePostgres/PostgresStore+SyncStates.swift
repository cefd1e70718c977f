import EWPStore
import Foundation
import PostgresNIO

/// `SyncStateStore` on the sync_states table (migration "v4-sync-states"); the semantics are
/// documented on the protocol.
extension PostgresStore {
    private static let syncColumns = "api, local_hei, partner_hei, last_success_at, last_attempt_at, last_error"

    private static func syncState(_ row: PostgresRandomAccessRow) throws -> SyncState {
        SyncState(api: try row.string("api"), localHEI: try row.string("local_hei"), partnerHEI: try row.string("partner_hei"),
                  lastSuccessAt: try row.optionalDate("last_success_at"), lastAttemptAt: try row.optionalDate("last_attempt_at"),
                  lastError: try row.optionalString("last_error"))
    }

    public func syncState(api: String, localHEI: String, partnerHEI: String) async throws -> SyncState? {
        try await read("read sync state \(api)/\(localHEI)/\(partnerHEI)") { connection in
            try await self.rows(connection, "SELECT \(Self.syncColumns) FROM sync_states WHERE api = $1 AND local_hei = $2 AND partner_hei = $3",
                                [api, localHEI, partnerHEI]).first.map(Self.syncState)
        }
    }

    public func saveSyncState(_ state: SyncState) async throws {
        try state.validate()
        try await write("save sync state \(state.api)/\(state.localHEI)/\(state.partnerHEI)") { connection in
            _ = try await self.rows(connection, """
                INSERT INTO sync_states (\(Self.syncColumns)) VALUES ($1, $2, $3, $4, $5, $6)
                ON CONFLICT (api, local_hei, partner_hei) DO UPDATE SET last_success_at = excluded.last_success_at,
                    last_attempt_at = excluded.last_attempt_at, last_error = excluded.last_error
                """, [state.api, state.localHEI, state.partnerHEI, state.lastSuccessAt?.timeIntervalSince1970,
                      state.lastAttemptAt?.timeIntervalSince1970, state.lastError])
        }
    }

    public func syncStates() async throws -> [SyncState] {
        try await read("list sync states") { connection in
            try await self.rows(connection, "SELECT \(Self.syncColumns) FROM sync_states ORDER BY api, local_hei, partner_hei", [])
                .map(Self.syncState)
        }
    }
}
