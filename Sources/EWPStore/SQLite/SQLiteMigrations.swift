import GRDB

/// The SQLite schema, as named migrations applied in order. Never edit a migration that has shipped;
/// append a new one.
enum SQLiteMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-blobs") { db in
            try db.create(table: "blobs") { t in
                t.primaryKey("key", .text)
                t.column("value", .blob).notNull()
                t.column("metadata", .text).notNull().defaults(to: "{}")   // JSON object of strings
                t.column("updated_at", .double).notNull()                  // Unix time, seconds
            }
        }
        migrator.registerMigration("v2-notification-queue", migrate: SQLiteQueueSchema.create)
        migrator.registerMigration("v3-partner-copies", migrate: SQLitePartnerCopies.create)
        migrator.registerMigration("v4-sync-states", migrate: SQLiteSyncStates.create)
        migrator.registerMigration("v5-own-objects", migrate: SQLiteOwnObjectSchema.create)
        migrator.registerMigration("v6-own-object-tombstones", migrate: SQLiteOwnObjectTombstoneIndex.create)
        migrator.registerMigration("v7-seen-request-ids", migrate: SQLiteRequestIds.create)
        migrator.registerMigration("v8-console", migrate: SQLiteConsole.create)
        return migrator
    }
}
