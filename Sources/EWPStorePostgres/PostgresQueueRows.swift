import EWPStore
import Foundation
import PostgresNIO

/// Reading and writing `QueueRow`s in the notification_queue table (migration "v2-notification-queue").
enum PostgresQueueRows {
    static let columns = """
        id, queue, api, local_hei, partner_hei, object_id, state, attempts, merged_changes, created_at,
        updated_at, next_attempt_at, expires_at, lease_owner, lease_until, last_error, finished_at
        """

    static func fetch(_ store: PostgresStore, _ connection: PostgresConnection, _ tail: String, _ values: [SQLValue]) async throws -> [QueueRow] {
        try await store.rows(connection, "SELECT \(columns) FROM notification_queue \(tail)", values).map(decode)
    }

    /// Row `id` of `queue`, locked for this transaction (FOR UPDATE).
    static func fetchLocked(_ store: PostgresStore, _ connection: PostgresConnection, _ queue: EWPStore.NotificationQueue, id: Int64) async throws -> QueueRow? {
        try await fetch(store, connection, "WHERE queue = $1 AND id = $2 FOR UPDATE", [queue.rawValue, id]).first
    }

    /// Inserts new rows (no lease, no error, not finished) in one statement; ids follow their order.
    static func insert(_ store: PostgresStore, _ connection: PostgresConnection, _ rows: [QueueRow]) async throws {
        guard !rows.isEmpty else { return }
        _ = try await store.rows(connection, """
            INSERT INTO notification_queue (queue, api, local_hei, partner_hei, object_id, state, attempts,
                merged_changes, created_at, updated_at, next_attempt_at, expires_at)
            SELECT q, a, l, p, o, s, n, m, c, u, d, e FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[],
                $6::text[], $7::bigint[], $8::bigint[], $9::float8[], $10::float8[], $11::float8[], $12::float8[])
                WITH ORDINALITY AS r(q, a, l, p, o, s, n, m, c, u, d, e, ord)
            ORDER BY ord
            """, [rows.map(\.queue.rawValue), rows.map(\.key.api), rows.map(\.key.localHEI), rows.map(\.key.partnerHEI),
                  rows.map(\.key.objectID), rows.map(\.state.rawValue), rows.map(\.attempts), rows.map(\.mergedChanges),
                  rows.map(\.createdAt.timeIntervalSince1970), rows.map(\.updatedAt.timeIntervalSince1970),
                  rows.map(\.nextAttemptAt.timeIntervalSince1970), rows.map(\.expiresAt.timeIntervalSince1970)])
    }

    /// Writes every field a transition may change.
    static func update(_ store: PostgresStore, _ connection: PostgresConnection, _ row: QueueRow) async throws {
        _ = try await store.rows(connection, """
            UPDATE notification_queue SET state = $1, attempts = $2, merged_changes = $3, created_at = $4, updated_at = $5,
                next_attempt_at = $6, expires_at = $7, lease_owner = $8, lease_until = $9, last_error = $10, finished_at = $11
            WHERE id = $12
            """, mutable(row) + [row.id])
    }

    private static func mutable(_ row: QueueRow) -> [SQLValue] {
        [row.state.rawValue, row.attempts, row.mergedChanges, row.createdAt.timeIntervalSince1970,
         row.updatedAt.timeIntervalSince1970, row.nextAttemptAt.timeIntervalSince1970, row.expiresAt.timeIntervalSince1970,
         row.leaseOwner, row.leaseUntil?.timeIntervalSince1970, row.lastError, row.finishedAt?.timeIntervalSince1970]
    }

    static func decode(_ row: PostgresRandomAccessRow) throws -> QueueRow {
        let id = try row["id"].decode(Int64.self)
        let queueName = try row.string("queue")
        let stateName = try row.string("state")
        guard let queue = EWPStore.NotificationQueue(rawValue: queueName), let state = QueueState(rawValue: stateName) else {
            throw StoreError(.corrupt, "notification queue row \(id) has an unknown queue \"\(queueName)\" or state \"\(stateName)\"")
        }
        return QueueRow(
            id: id, queue: queue,
            key: NotificationKey(api: try row.string("api"), localHEI: try row.string("local_hei"),
                                 partnerHEI: try row.string("partner_hei"), objectID: try row.string("object_id")),
            state: state, attempts: try row["attempts"].decode(Int.self), mergedChanges: try row["merged_changes"].decode(Int.self),
            createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"),
            nextAttemptAt: try row.date("next_attempt_at"), expiresAt: try row.date("expires_at"),
            leaseOwner: try row.optionalString("lease_owner"), leaseUntil: try row.optionalDate("lease_until"),
            lastError: try row.optionalString("last_error"), finishedAt: try row.optionalDate("finished_at"))
    }
}
