import Foundation
import GRDB

/// Reading and writing `OwnObject`s in the tables of `SQLiteOwnObjectSchema`.
enum SQLiteOwnObjects {
    /// The objects of one owner with these ids, sorted by objectID.
    static func fetch(_ db: Database, kind: String, heiID: String, ids: [String]) throws -> [OwnObject] {
        var objects: [OwnObject] = []
        for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
            let list = "(\(chunk.map { _ in "?" }.joined(separator: ", ")))"
            let arguments: StatementArguments = [kind, heiID] + StatementArguments(chunk)
            let condition = "WHERE kind = ? AND hei_id = ? AND object_id IN \(list)"
            var partners: [String: [String]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT object_id, partner_hei FROM own_object_partners \(condition)", arguments: arguments) {
                partners[try row.decode(forColumn: "object_id"), default: []].append(try row.decode(forColumn: "partner_hei"))
            }
            var filters: [String: [String: [String]]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT object_id, filter_key, filter_value FROM own_object_filters \(condition)",
                                        arguments: arguments) {
                filters[try row.decode(forColumn: "object_id"), default: [:]][try row.decode(forColumn: "filter_key"), default: []]
                    .append(try row.decode(forColumn: "filter_value"))
            }
            for row in try Row.fetchAll(db, sql: "SELECT object_id, document, hash, modified_at FROM own_objects \(condition)",
                                        arguments: arguments) {
                let id: String = try row.decode(forColumn: "object_id")
                objects.append(OwnObject(kind: kind, heiID: heiID, objectID: id, document: try bytes(row, "document"),
                                         partnerHEIs: partners[id] ?? [], filterKeys: filters[id] ?? [:],
                                         hash: try row.decode(forColumn: "hash"), modifiedAt: try date(row, "modified_at")).normalized)
            }
        }
        return objects.sorted { $0.objectID < $1.objectID }
    }

    /// `objects` with their change stamps: the latest of the caller's modifiedAt, `clock` now and the
    /// owner's newest modifiedAt + 1 µs. Called inside the write transaction, whose lock (the file's,
    /// shared by every process) orders the stamps of all writers; without a clock, `objects` as given.
    static func stamped(_ db: Database, _ objects: [OwnObject], clock: (@Sendable () -> Date)?) throws -> [OwnObject] {
        guard let clock, !objects.isEmpty else { return objects }
        let now = clock().timeIntervalSince1970
        var stamps: [OwnObjectOwner: Double] = [:]
        for owner in objects.owners {
            let newest = try Double.fetchOne(db, sql: "SELECT max(modified_at) FROM own_objects WHERE kind = ? AND hei_id = ?",
                                             arguments: [owner.kind, owner.heiID])
            stamps[owner] = Swift.max(now, (newest ?? 0) + 0.000_001)
        }
        return objects.stamped(stamps)
    }

    /// Validates `object` against the stored one, then replaces it with its partners and filter values.
    static func upsert(_ db: Database, _ object: OwnObject) throws {
        let existing = try fetch(db, kind: object.kind, heiID: object.heiID, ids: [object.objectID]).first
        try object.validate(replacing: existing)
        let stored = object.normalized
        let identity: StatementArguments = [stored.kind, stored.heiID, stored.objectID]
        try db.cachedStatement(sql: """
            INSERT INTO own_objects (kind, hei_id, object_id, document, hash, modified_at) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (kind, hei_id, object_id) DO UPDATE SET
                document = excluded.document, hash = excluded.hash, modified_at = excluded.modified_at
            """).execute(arguments: identity + [blob(stored.document), stored.hash, stored.modifiedAt.timeIntervalSince1970])
        let match = "WHERE kind = ? AND hei_id = ? AND object_id = ?"
        try db.cachedStatement(sql: "DELETE FROM own_object_partners \(match)").execute(arguments: identity)
        try db.cachedStatement(sql: "DELETE FROM own_object_filters \(match)").execute(arguments: identity)
        let addPartner = try db.cachedStatement(sql: "INSERT INTO own_object_partners (kind, hei_id, object_id, partner_hei) VALUES (?, ?, ?, ?)")
        for partner in stored.partnerHEIs { try addPartner.execute(arguments: identity + [partner]) }
        let addFilter = try db.cachedStatement(sql: """
            INSERT INTO own_object_filters (kind, hei_id, object_id, filter_key, filter_value) VALUES (?, ?, ?, ?, ?)
            """)
        for (key, values) in stored.filterKeys {
            for value in values { try addFilter.execute(arguments: identity + [key, value]) }
        }
    }

    /// The query and arguments of `ownObjectIDs`, or nil when a filter key has no values (nothing matches).
    /// It never reads own_objects' rows: they hold the documents inline (WITHOUT ROWID), so each overflows
    /// and one lookup read ~7 pages; that join made an LA `index` of 3,125 ids take 55-100 ms. Instead:
    /// ids from a covering index, tombstones left out through the small partial index
    /// own_objects_tombstones (migration v6), modifiedSince through own_objects_by_modified. `search`
    /// (lower-cased text, the filter keys searched) narrows it as `ownObjectIDPage` says.
    static func idQuery(kind: String, heiID: String, partnerHEI: String?, filters: [String: [String]], modifiedSince: Date?,
                        search: (text: String, keys: [String])? = nil) -> (sql: String, arguments: StatementArguments)? {
        guard !filters.values.contains(where: \.isEmpty) else { return nil }
        var sql: String
        var arguments: StatementArguments
        if let partnerHEI {
            // Driven from the partner index, already in object_id order: only the partner's objects are read.
            sql = """
                SELECT o.object_id FROM own_object_partners o INDEXED BY own_object_partners_by_partner
                WHERE o.kind = ? AND o.hei_id = ? AND o.partner_hei = ?
                """
            arguments = [kind, heiID, partnerHEI]
        } else {
            sql = "SELECT o.object_id FROM own_objects o INDEXED BY own_objects_by_modified WHERE o.kind = ? AND o.hei_id = ?"
            arguments = [kind, heiID]
        }
        sql += """
             AND NOT EXISTS (SELECT 1 FROM own_objects t INDEXED BY own_objects_tombstones
            WHERE t.kind = o.kind AND t.hei_id = o.hei_id AND t.object_id = o.object_id AND t.document IS NULL)
            """
        let sameObject = "kind = o.kind AND hei_id = o.hei_id AND object_id = o.object_id"
        for (key, values) in filters.sorted(by: { $0.key < $1.key }) {
            let list = values.map { _ in "?" }.joined(separator: ", ")
            sql += " AND EXISTS (SELECT 1 FROM own_object_filters WHERE \(sameObject) AND filter_key = ? AND filter_value IN (\(list)))"
            arguments += [key] + StatementArguments(values)
        }
        if let search {
            sql += " AND (instr(lower(o.object_id), ?) > 0 OR EXISTS (SELECT 1 FROM own_object_partners WHERE \(sameObject) AND instr(lower(partner_hei), ?) > 0)"
            arguments += [search.text, search.text]
            if !search.keys.isEmpty {
                let list = search.keys.map { _ in "?" }.joined(separator: ", ")
                sql += " OR EXISTS (SELECT 1 FROM own_object_filters WHERE \(sameObject) AND filter_key IN (\(list)) AND instr(lower(filter_value), ?) > 0)"
                arguments += StatementArguments(search.keys) + [search.text]
            }
            sql += ")"
        }
        if let modifiedSince {
            if partnerHEI == nil {
                sql += " AND o.modified_at > ?"
                arguments += [modifiedSince.timeIntervalSince1970]
            } else {
                // One range of own_objects_by_modified, made into a temporary index once by SQLite.
                sql += """
                     AND o.object_id IN (SELECT object_id FROM own_objects INDEXED BY own_objects_by_modified
                    WHERE kind = ? AND hei_id = ? AND modified_at > ?)
                    """
                arguments += [kind, heiID, modifiedSince.timeIntervalSince1970]
            }
        }
        return (sql + " ORDER BY o.object_id", arguments)
    }
}

/// `OwnObjectStore` on the own_objects tables; the semantics are documented on the protocol.
extension SQLiteStore {
    public func commit(_ changes: ChangeSet, now: Date) async throws {
        for key in changes.notifications { try key.validate() }
        try await write("commit \(changes.upserts.count) object(s) and \(changes.notifications.count) notification(s)") { db in
            // Notifications first, so that an upsert failing later shows the whole transaction rolls back.
            try Self.enqueue(db, .outbox, changes.notifications, now: now, expiresAt: changes.notificationsExpireAt,
                             settling: changes.settling)
            for object in try SQLiteOwnObjects.stamped(db, changes.upserts, clock: self.changeClock) { try SQLiteOwnObjects.upsert(db, object) }
        }
    }

    public func ownObjects(kind: String, heiID: String, ids: [String]) async throws -> [OwnObject] {
        try await read("read \(ids.count) \(kind) object(s) of \(heiID)") { db in
            try SQLiteOwnObjects.fetch(db, kind: kind, heiID: heiID, ids: ids)
        }
    }

    public func ownObjectIDs(kind: String, heiID: String, partnerHEI: String?, filters: [String: [String]],
                             modifiedSince: Date?) async throws -> [String] {
        guard let query = SQLiteOwnObjects.idQuery(kind: kind, heiID: heiID, partnerHEI: partnerHEI, filters: filters,
                                                   modifiedSince: modifiedSince) else { return [] }
        guard modifiedSince != nil, changeClock != nil else {
            return try await read("list \(kind) ids of \(heiID)") { db in
                try String.fetchAll(db, sql: query.sql, arguments: query.arguments)
            }
        }
        // Under the write lock: no commit is between its stamp and its end (see `SQLiteOwnObjects.stamped`).
        return try await write("list \(kind) ids of \(heiID) modified since") { db in
            try String.fetchAll(db, sql: query.sql, arguments: query.arguments)
        }
    }

    public func ownObjectIDPage(kind: String, heiID: String, search: String?, searchKeys: [String], limit: Int, offset: Int) async throws -> OwnObjectIDPage {
        guard let query = SQLiteOwnObjects.idQuery(kind: kind, heiID: heiID, partnerHEI: nil, filters: [:], modifiedSince: nil,
                                                   search: OwnObjectIDPage.searchText(search).map { ($0, searchKeys) }) else {
            return OwnObjectIDPage(ids: [], total: 0)
        }
        return try await read("list a page of \(kind) ids of \(heiID)") { db in
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM (\(query.sql))", arguments: query.arguments) ?? 0
            let ids = try String.fetchAll(db, sql: query.sql + " LIMIT ? OFFSET ?", arguments: query.arguments + [max(0, limit), max(0, offset)])
            return OwnObjectIDPage(ids: ids, total: total)
        }
    }
}
