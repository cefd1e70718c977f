import GRDB

/// Migration "v5-own-objects": our own objects in own_objects, their partners and filter values in
/// own_object_partners and own_object_filters, indexed for `ownObjectIDs`. Times in Unix seconds.
enum SQLiteOwnObjectSchema {
    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE own_objects (
                kind TEXT NOT NULL,
                hei_id TEXT NOT NULL,
                object_id TEXT NOT NULL,
                document BLOB,
                hash TEXT,
                modified_at REAL NOT NULL,
                PRIMARY KEY (kind, hei_id, object_id)
            ) WITHOUT ROWID;
            CREATE INDEX own_objects_by_modified ON own_objects (kind, hei_id, modified_at);
            CREATE TABLE own_object_partners (
                kind TEXT NOT NULL,
                hei_id TEXT NOT NULL,
                object_id TEXT NOT NULL,
                partner_hei TEXT NOT NULL,
                PRIMARY KEY (kind, hei_id, object_id, partner_hei),
                FOREIGN KEY (kind, hei_id, object_id) REFERENCES own_objects (kind, hei_id, object_id) ON DELETE CASCADE
            ) WITHOUT ROWID;
            CREATE INDEX own_object_partners_by_partner ON own_object_partners (kind, hei_id, partner_hei);
            CREATE TABLE own_object_filters (
                kind TEXT NOT NULL,
                hei_id TEXT NOT NULL,
                object_id TEXT NOT NULL,
                filter_key TEXT NOT NULL,
                filter_value TEXT NOT NULL,
                PRIMARY KEY (kind, hei_id, object_id, filter_key, filter_value),
                FOREIGN KEY (kind, hei_id, object_id) REFERENCES own_objects (kind, hei_id, object_id) ON DELETE CASCADE
            ) WITHOUT ROWID;
            CREATE INDEX own_object_filters_by_value ON own_object_filters (kind, hei_id, filter_key, filter_value);
            """)
    }
}

/// Migration "v6-own-object-tombstones": a partial index of the tombstones (document IS NULL), so
/// `ownObjectIDs` leaves them out without reading own_objects' rows, which hold the documents inline and
/// overflow (see `SQLiteOwnObjects.idQuery`). Small: tombstones only.
enum SQLiteOwnObjectTombstoneIndex {
    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE INDEX own_objects_tombstones ON own_objects (kind, hei_id, object_id) WHERE document IS NULL
            """)
    }
}
