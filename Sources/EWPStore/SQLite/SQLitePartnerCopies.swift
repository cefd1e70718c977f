import Foundation
import GRDB

/// The partner_copies table (migration "v3-partner-copies").
enum SQLitePartnerCopies {
    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE partner_copies (
                api TEXT NOT NULL,
                local_hei TEXT NOT NULL,
                partner_hei TEXT NOT NULL,
                object_id TEXT NOT NULL,
                document BLOB,
                hash TEXT,
                seen_at REAL NOT NULL,
                changed_at REAL NOT NULL,
                PRIMARY KEY (api, local_hei, partner_hei, object_id)
            ) WITHOUT ROWID;
            CREATE INDEX partner_copies_by_partner ON partner_copies (api, partner_hei);
            """)
    }

    static func fetch(_ db: Database, _ tail: String, _ arguments: StatementArguments) throws -> [PartnerCopy] {
        try Row.fetchAll(db, sql: """
            SELECT api, local_hei, partner_hei, object_id, document, hash, seen_at, changed_at FROM partner_copies \(tail)
            """, arguments: arguments).map { row in
            PartnerCopy(api: try row.decode(forColumn: "api"), localHEI: try row.decode(forColumn: "local_hei"),
                        partnerHEI: try row.decode(forColumn: "partner_hei"), objectID: try row.decode(forColumn: "object_id"),
                        document: try bytes(row, "document"), hash: try row.decode(forColumn: "hash"),
                        seenAt: try date(row, "seen_at"), changedAt: try date(row, "changed_at"))
        }
    }

    static func save(_ db: Database, _ copy: PartnerCopy) throws {
        let identity: StatementArguments = [copy.api, PartnerCopy.heiKey(copy.localHEI), PartnerCopy.heiKey(copy.partnerHEI), copy.objectID]
        let existing = try fetch(db, "WHERE api = ? AND local_hei = ? AND partner_hei = ? AND object_id = ?", identity).first
        let saved = copy.saved(over: existing)
        try db.cachedStatement(sql: """
            INSERT OR REPLACE INTO partner_copies (api, local_hei, partner_hei, object_id, document, hash, seen_at, changed_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: identity + [blob(saved.document), saved.hash, saved.seenAt.timeIntervalSince1970,
                                                saved.changedAt.timeIntervalSince1970])
    }
}

/// `PartnerCopyStore` on the partner_copies table; the semantics are documented on the protocol.
extension SQLiteStore {
    public func savePartnerCopies(_ copies: [PartnerCopy]) async throws {
        for copy in copies { try copy.validate() }
        try await write("save \(copies.count) partner copies") { db in
            for copy in copies { try SQLitePartnerCopies.save(db, copy) }
        }
    }

    public func partnerCopy(api: String, localHEI: String, partnerHEI: String, objectID: String) async throws -> PartnerCopy? {
        try await read("read partner copy \(api)/\(localHEI)/\(partnerHEI)/\(objectID)") { db in
            try SQLitePartnerCopies.fetch(db, "WHERE api = ? AND local_hei = ? AND partner_hei = ? AND object_id = ?",
                                          [api, PartnerCopy.heiKey(localHEI), PartnerCopy.heiKey(partnerHEI), objectID]).first
        }
    }

    public func partnerCopies(api: String, localHEI: String?, partnerHEI: String?, includeDeleted: Bool) async throws -> [PartnerCopy] {
        var conditions = ["api = ?"]
        var arguments: StatementArguments = [api]
        if let localHEI { conditions.append("local_hei = ?"); arguments += [PartnerCopy.heiKey(localHEI)] }
        if let partnerHEI { conditions.append("partner_hei = ?"); arguments += [PartnerCopy.heiKey(partnerHEI)] }
        if !includeDeleted { conditions.append("document IS NOT NULL") }
        let tail = "WHERE \(conditions.joined(separator: " AND ")) ORDER BY local_hei, partner_hei, object_id"
        let bound = arguments
        return try await read("list partner copies of \(api)") { db in try SQLitePartnerCopies.fetch(db, tail, bound) }
    }

    public func partnerCopyPage(api: String, localHEI: String, limit: Int, offset: Int) async throws -> PartnerCopyPage {
        let held = "WHERE api = ? AND local_hei = ? AND document IS NOT NULL"
        let arguments: StatementArguments = [api, PartnerCopy.heiKey(localHEI)]
        return try await read("list a page of partner copies of \(api)") { db in
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM partner_copies \(held)", arguments: arguments) ?? 0
            let copies = try SQLitePartnerCopies.fetch(db, held + " ORDER BY partner_hei, object_id LIMIT ? OFFSET ?",
                                                       arguments + [max(0, limit), max(0, offset)])
            return PartnerCopyPage(copies: copies, total: total)
        }
    }
}
