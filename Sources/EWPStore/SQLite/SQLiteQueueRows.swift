import Foundation
import GRDB

/// Reading and writing `QueueRow`s in the notification_queue table (migration "v2-notification-queue").
enum SQLiteQueueRows {
    static let columns = """
        id, queue, api, local_hei, partner_hei, object_id, state, attempts, merged_changes, created_at,
        updated_at, next_attempt_at, expires_at, lease_owner, lease_until, last_error, finished_at
        """

    /// Rows of `SELECT columns FROM notification_queue <tail>`.
    static func fetch(_ db: Database, _ tail: String, _ arguments: StatementArguments) throws -> [QueueRow] {
        try Row.fetchAll(db.cachedStatement(sql: "SELECT \(columns) FROM notification_queue \(tail)"), arguments: arguments)
            .map(decode)
    }

    static func fetchOne(_ db: Database, _ queue: NotificationQueue, id: Int64) throws -> QueueRow? {
        try fetch(db, "WHERE queue = ? AND id = ?", [queue.rawValue, id]).first
    }

    static func insert(_ db: Database, _ row: QueueRow) throws -> Int64 {
        try db.cachedStatement(sql: """
            INSERT INTO notification_queue (queue, api, local_hei, partner_hei, object_id, state, attempts,
                merged_changes, created_at, updated_at, next_attempt_at, expires_at, lease_owner, lease_until,
                last_error, finished_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [row.queue.rawValue, row.key.api, row.key.localHEI, row.key.partnerHEI, row.key.objectID]
                + mutable(row))
        return db.lastInsertedRowID
    }

    /// Writes every field a transition may change.
    static func update(_ db: Database, _ row: QueueRow) throws {
        try db.cachedStatement(sql: """
            UPDATE notification_queue SET state = ?, attempts = ?, merged_changes = ?, created_at = ?, updated_at = ?,
                next_attempt_at = ?, expires_at = ?, lease_owner = ?, lease_until = ?, last_error = ?, finished_at = ?
            WHERE id = ?
            """).execute(arguments: mutable(row) + [row.id])
    }

    private static func mutable(_ row: QueueRow) -> StatementArguments {
        [row.state.rawValue, row.attempts, row.mergedChanges, row.createdAt.timeIntervalSince1970,
         row.updatedAt.timeIntervalSince1970, row.nextAttemptAt.timeIntervalSince1970, row.expiresAt.timeIntervalSince1970,
         row.leaseOwner, row.leaseUntil?.timeIntervalSince1970, row.lastError, row.finishedAt?.timeIntervalSince1970]
    }

    static func decode(_ row: Row) throws -> QueueRow {
        let id: Int64 = try row.decode(forColumn: "id")
        let queueName: String = try row.decode(forColumn: "queue")
        let stateName: String = try row.decode(forColumn: "state")
        guard let queue = NotificationQueue(rawValue: queueName), let state = QueueState(rawValue: stateName) else {
            throw StoreError(.corrupt, "notification queue row \(id) has an unknown queue \"\(queueName)\" or state \"\(stateName)\"")
        }
        return QueueRow(
            id: id, queue: queue,
            key: NotificationKey(api: try row.decode(forColumn: "api"), localHEI: try row.decode(forColumn: "local_hei"),
                                 partnerHEI: try row.decode(forColumn: "partner_hei"), objectID: try row.decode(forColumn: "object_id")),
            state: state, attempts: try row.decode(forColumn: "attempts"), mergedChanges: try row.decode(forColumn: "merged_changes"),
            createdAt: try date(row, "created_at"), updatedAt: try date(row, "updated_at"),
            nextAttemptAt: try date(row, "next_attempt_at"), expiresAt: try date(row, "expires_at"),
            leaseOwner: try row.decode(forColumn: "lease_owner"), leaseUntil: try optionalDate(row, "lease_until"),
            lastError: try row.decode(forColumn: "last_error"), finishedAt: try optionalDate(row, "finished_at"))
    }
}
