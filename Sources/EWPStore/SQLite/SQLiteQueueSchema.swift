import GRDB

/// Migration "v2-notification-queue": both notification queues in one table, times in Unix seconds.
/// Written out literally (not from the Swift enums): a shipped migration never changes.
enum SQLiteQueueSchema {
    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE notification_queue (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                queue TEXT NOT NULL CHECK (queue IN ('outbox', 'inbound')),
                api TEXT NOT NULL,
                local_hei TEXT NOT NULL,
                partner_hei TEXT NOT NULL,
                object_id TEXT NOT NULL,
                state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'rejected', 'unsupported', 'dead', 'dropped')),
                attempts INTEGER NOT NULL,
                merged_changes INTEGER NOT NULL,
                created_at REAL NOT NULL,
                updated_at REAL NOT NULL,
                next_attempt_at REAL NOT NULL,
                expires_at REAL NOT NULL,
                lease_owner TEXT,
                lease_until REAL,
                last_error TEXT,
                finished_at REAL
            );
            -- claim walks this in nextAttemptAt order and stops after `limit` rows
            CREATE INDEX notification_queue_due ON notification_queue (queue, state, next_attempt_at, id);
            -- enqueue finds the pending row of a key to merge into
            CREATE INDEX notification_queue_key ON notification_queue (queue, api, local_hei, partner_hei, object_id, state);
            """)
    }
}
