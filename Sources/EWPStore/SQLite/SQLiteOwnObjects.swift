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

    /// The WHERE clause and arguments of `ownObjectIDs`, or nil when a filter key has no values (nothing matches).
    static func idQuery(kind: String, heiID: String, partnerHEI: String?, filters: [String: [String]],
                        modifiedSince: Date?) -> (sql: String, arguments: StatementArguments)? {
        guard !filters.values.contains(where: \.isEmpty) else { return nil }
        let sameObject = "kind = o.kind AND hei_id = o.hei_id AND object_id = o.object_id"
        var sql: String
        var arguments: StatementArguments
        if let partnerHEI {
            // Driven from the partner index (CROSS JOIN keeps that order), so only the partner's objects
            // are read: scanning every object of the HEI and its documents cost 0.7 s at 100,000 IIAs.
            sql = """
                SELECT o.object_id FROM own_object_partners p CROSS JOIN own_objects o
                ON o.kind = p.kind AND o.hei_id = p.hei_id AND o.object_id = p.object_id
                WHERE p.kind = ? AND p.hei_id = ? AND p.partner_hei = ? AND o.document IS NOT NULL
                """
            arguments = [kind, heiID, partnerHEI]
        } else {
            sql = "SELECT o.object_id FROM own_objects o WHERE o.kind = ? AND o.hei_id = ? AND o.document IS NOT NULL"
            arguments = [kind, heiID]
        }
        for (key, values) in filters.sorted(by: { $0.key < $1.key }) {
            let list = values.map { _ in "?" }.joined(separator: ", ")
            sql += " AND EXISTS (SELECT 1 FROM own_object_filters WHERE \(sameObject) AND filter_key = ? AND filter_value IN (\(list)))"
            arguments += [key] + StatementArguments(values)
        }
        if let modifiedSince {
            sql += " AND o.modified_at > ?"
            arguments += [modifiedSince.timeIntervalSince1970]
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
            for object in changes.upserts { try SQLiteOwnObjects.upsert(db, object) }
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
        return try await read("list \(kind) ids of \(heiID)") { db in
            try String.fetchAll(db, sql: query.sql, arguments: query.arguments)
        }
    }
}
