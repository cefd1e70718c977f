import EWPStore
import Foundation
import PostgresNIO

/// `OwnObjectStore` and `ConditionalOwnObjectStore` on the own_objects tables (migration
/// "v5-own-objects"); the semantics are documented on the protocols. A commit first takes an advisory
/// lock on every identity it reads or writes, so a conditional commit's expectations hold until it
/// commits, and two writers of one object never interleave (another process included).
///
/// Change stamps (the `OwnObjectStore` guarantee for `modifiedSince`): each owner (kind, heiID) has a
/// change clock, an advisory lock of `changeClockSpace`. A commit takes its owners' clocks exclusively
/// after its other locks, right before it writes, and stamps each object with the latest of the
/// caller's modifiedAt, the database server's clock now (`clock_timestamp()`, one clock for every
/// process) and the owner's newest modifiedAt + 1 µs; it holds the clock until it has committed. A
/// `modifiedSince` query takes the owner's clock shared before it reads, so it waits for a commit
/// that has stamped but not committed, and every commit after it stamps later than it ran.
extension PostgresStore {
    public func commit(_ changes: ChangeSet, now: Date) async throws {
        try await commit(changes, expecting: [], now: now)
    }

    public func commit(_ changes: ChangeSet, expecting expectations: [OwnObjectExpectation], now: Date) async throws {
        for key in changes.notifications { try key.validate() }
        // Every lock up front, in one statement (see `lock`); enqueue's own lock then costs nothing.
        let names = Set(expectations.map { Self.objectLockName($0.kind, $0.heiID, $0.objectID) }
            + changes.upserts.map { Self.objectLockName($0.kind, $0.heiID, $0.objectID) }
            + changes.notifications.map { Self.queueLockName(.outbox, $0) })
        let conflict: OwnObjectConflict? = try await write("commit \(changes.upserts.count) object(s) and \(changes.notifications.count) notification(s)") { connection in
            try await self.lock(connection, names)
            for expectation in expectations {
                let stored = try await self.fetchOwnObjects(connection, kind: expectation.kind, heiID: expectation.heiID, ids: [expectation.objectID]).first
                guard expectation.isMet(by: stored) else {
                    return OwnObjectConflict(kind: expectation.kind, heiID: expectation.heiID, objectID: expectation.objectID)
                }
            }
            // Notifications first, as SQLite does: an upsert failing later rolls them back too.
            try await self.enqueue(connection, .outbox, changes.notifications, now: now, expiresAt: changes.notificationsExpireAt,
                                   settling: changes.settling)
            for object in try await self.stamped(connection, changes.upserts) { try await self.upsert(connection, object) }
            return nil
        }
        if let conflict { throw conflict }
    }

    public func ownObjects(kind: String, heiID: String, ids: [String]) async throws -> [OwnObject] {
        try await read("read \(ids.count) \(kind) object(s) of \(heiID)") { connection in
            try await self.fetchOwnObjects(connection, kind: kind, heiID: heiID, ids: ids)
        }
    }

    public func ownObjectIDs(kind: String, heiID: String, partnerHEI: String?, filters: [String: [String]],
                             modifiedSince: Date?) async throws -> [String] {
        guard let built = Self.ownObjectIDQuery(kind: kind, heiID: heiID, partnerHEI: partnerHEI, filters: filters, modifiedSince: modifiedSince) else {
            return []
        }
        let (query, bound) = built
        guard modifiedSince != nil else {
            return try await read("list \(kind) ids of \(heiID)") { connection in
                try await self.rows(connection, query, bound).map { try $0.string("object_id") }
            }
        }
        // After the owner's change clock (shared): no commit of this owner is between stamp and commit.
        return try await write("list \(kind) ids of \(heiID) modified since") { connection in
            try await self.lock(connection, [Self.changeClockName(kind, heiID)], space: Self.changeClockSpace, shared: true)
            return try await self.rows(connection, query, bound).map { try $0.string("object_id") }
        }
    }

    public func ownObjectIDPage(kind: String, heiID: String, search: String?, searchKeys: [String], limit: Int, offset: Int) async throws -> OwnObjectIDPage {
        guard let built = Self.ownObjectIDQuery(kind: kind, heiID: heiID, partnerHEI: nil, filters: [:], modifiedSince: nil,
                                                search: OwnObjectIDPage.searchText(search).map { ($0, searchKeys) }) else {
            return OwnObjectIDPage(ids: [], total: 0)
        }
        let (query, bound) = built
        return try await read("list a page of \(kind) ids of \(heiID)") { connection in
            let total = try await self.rows(connection, "SELECT count(*) AS total FROM (\(query)) AS matches", bound).first?["total"].decode(Int.self) ?? 0
            let page = query + " LIMIT $\(bound.count + 1) OFFSET $\(bound.count + 2)"
            let ids = try await self.rows(connection, page, bound + [max(0, limit), max(0, offset)]).map { try $0.string("object_id") }
            return OwnObjectIDPage(ids: ids, total: total)
        }
    }

    /// The query and values of `ownObjectIDs`, sorted by object_id (nil when a filter key has no
    /// values: nothing matches); `search` (lower-cased text, the filter keys searched) narrows it as
    /// `ownObjectIDPage` says.
    private static func ownObjectIDQuery(kind: String, heiID: String, partnerHEI: String?, filters: [String: [String]], modifiedSince: Date?,
                                         search: (text: String, keys: [String])? = nil) -> (String, [SQLValue])? {
        guard !filters.values.contains(where: \.isEmpty) else { return nil }
        var values: [SQLValue] = [kind, heiID]
        var sql = "SELECT o.object_id FROM own_objects o WHERE o.kind = $1 AND o.hei_id = $2 AND o.document IS NOT NULL"
        let sameObject = "kind = o.kind AND hei_id = o.hei_id AND object_id = o.object_id"
        if let partnerHEI {
            values.append(partnerHEI)
            sql += " AND EXISTS (SELECT 1 FROM own_object_partners WHERE \(sameObject) AND partner_hei = $\(values.count))"
        }
        for (key, filterValues) in filters.sorted(by: { $0.key < $1.key }) {
            values.append(key)
            let keyParameter = values.count
            values += filterValues.map { $0 as SQLValue }
            sql += """
                 AND EXISTS (SELECT 1 FROM own_object_filters WHERE \(sameObject) AND filter_key = $\(keyParameter)
                AND filter_value IN (\(placeholders(from: keyParameter + 1, count: filterValues.count))))
                """
        }
        if let modifiedSince {
            values.append(modifiedSince.timeIntervalSince1970)
            sql += " AND o.modified_at > $\(values.count)"
        }
        if let search {
            values.append(search.text)
            let text = values.count
            sql += " AND (strpos(lower(o.object_id), $\(text)) > 0 OR EXISTS (SELECT 1 FROM own_object_partners WHERE \(sameObject) AND strpos(lower(partner_hei), $\(text)) > 0)"
            if !search.keys.isEmpty {
                values.append(search.keys)
                sql += " OR EXISTS (SELECT 1 FROM own_object_filters WHERE \(sameObject) AND filter_key = ANY($\(values.count)) AND strpos(lower(filter_value), $\(text)) > 0)"
            }
            sql += ")"
        }
        return (sql + " ORDER BY o.object_id", values)
    }

    private static func objectLockName(_ kind: String, _ heiID: String, _ objectID: String) -> String {
        "own-object|\(kind)|\(heiID)|\(objectID)"
    }

    private static func changeClockName(_ kind: String, _ heiID: String) -> String {
        "own-object-clock|\(kind)|\(heiID)"
    }

    /// `objects` with their change stamps (see the extension's comment): takes their owners' change
    /// clocks for the rest of the transaction.
    private func stamped(_ connection: PostgresConnection, _ objects: [OwnObject]) async throws -> [OwnObject] {
        let owners = objects.owners
        guard !owners.isEmpty else { return objects }
        try await lock(connection, Set(owners.map { Self.changeClockName($0.kind, $0.heiID) }), space: Self.changeClockSpace)
        var stamps: [OwnObjectOwner: Double] = [:]
        for owner in owners {
            stamps[owner] = try await rows(connection, """
                SELECT GREATEST(extract(epoch FROM clock_timestamp())::double precision, COALESCE(max(modified_at), 0) + 0.000001) AS stamp
                FROM own_objects WHERE kind = $1 AND hei_id = $2
                """, [owner.kind, owner.heiID]).first?["stamp"].decode(Double.self)
        }
        return objects.stamped(stamps)
    }

    /// The objects of one owner with these ids, sorted by objectID.
    func fetchOwnObjects(_ connection: PostgresConnection, kind: String, heiID: String, ids: [String]) async throws -> [OwnObject] {
        guard !ids.isEmpty else { return [] }
        let condition = "WHERE kind = $1 AND hei_id = $2 AND object_id = ANY($3)"
        let values: [SQLValue] = [kind, heiID, ids]
        var partners: [String: [String]] = [:]
        for row in try await rows(connection, "SELECT object_id, partner_hei FROM own_object_partners \(condition)", values) {
            partners[try row.string("object_id"), default: []].append(try row.string("partner_hei"))
        }
        var filters: [String: [String: [String]]] = [:]
        for row in try await rows(connection, "SELECT object_id, filter_key, filter_value FROM own_object_filters \(condition)", values) {
            filters[try row.string("object_id"), default: [:]][try row.string("filter_key"), default: []].append(try row.string("filter_value"))
        }
        return try await rows(connection, "SELECT object_id, document, hash, modified_at FROM own_objects \(condition)", values).map { row in
            let id = try row.string("object_id")
            return OwnObject(kind: kind, heiID: heiID, objectID: id, document: try row.bytes("document"), partnerHEIs: partners[id] ?? [],
                             filterKeys: filters[id] ?? [:], hash: try row.optionalString("hash"), modifiedAt: try row.date("modified_at")).normalized
        }.sorted { $0.objectID < $1.objectID }
    }

    /// Validates `object` against the stored one, then replaces it with its partners and filter values.
    private func upsert(_ connection: PostgresConnection, _ object: OwnObject) async throws {
        let existing = try await fetchOwnObjects(connection, kind: object.kind, heiID: object.heiID, ids: [object.objectID]).first
        try object.validate(replacing: existing)
        let stored = object.normalized
        let identity: [SQLValue] = [stored.kind, stored.heiID, stored.objectID]
        _ = try await rows(connection, """
            INSERT INTO own_objects (kind, hei_id, object_id, document, hash, modified_at) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (kind, hei_id, object_id) DO UPDATE SET
                document = excluded.document, hash = excluded.hash, modified_at = excluded.modified_at
            """, identity + [blob(stored.document), stored.hash, stored.modifiedAt.timeIntervalSince1970])
        let match = "WHERE kind = $1 AND hei_id = $2 AND object_id = $3"
        _ = try await rows(connection, "DELETE FROM own_object_partners \(match)", identity)
        _ = try await rows(connection, "DELETE FROM own_object_filters \(match)", identity)
        if !stored.partnerHEIs.isEmpty {
            _ = try await rows(connection, """
                INSERT INTO own_object_partners (kind, hei_id, object_id, partner_hei) SELECT $1, $2, $3, unnest($4::text[])
                """, identity + [stored.partnerHEIs])
        }
        let pairs = stored.filterKeys.flatMap { key, values in values.map { (key, $0) } }
        if !pairs.isEmpty {
            _ = try await rows(connection, """
                INSERT INTO own_object_filters (kind, hei_id, object_id, filter_key, filter_value)
                SELECT $1, $2, $3, k, v FROM unnest($4::text[], $5::text[]) AS f(k, v)
                """, identity + [pairs.map(\.0), pairs.map(\.1)])
        }
    }
}
