import EWPStore
import Foundation
import PostgresNIO

/// `PartnerCopyStore` on the partner_copies table (migration "v3-partner-copies"); the semantics
/// are documented on the protocol. HEI ids are kept as `PartnerCopy.heiKey` gives them.
extension PostgresStore {
    private static let copyColumns = "api, local_hei, partner_hei, object_id, document, hash, seen_at, changed_at"

    private static func copy(_ row: PostgresRandomAccessRow) throws -> PartnerCopy {
        PartnerCopy(api: try row.string("api"), localHEI: try row.string("local_hei"), partnerHEI: try row.string("partner_hei"),
                    objectID: try row.string("object_id"), document: try row.bytes("document"), hash: try row.optionalString("hash"),
                    seenAt: try row.date("seen_at"), changedAt: try row.date("changed_at"))
    }

    public func savePartnerCopies(_ copies: [PartnerCopy]) async throws {
        for copy in copies { try copy.validate() }
        let keyed = copies.map { copy -> PartnerCopy in
            var keyed = copy
            keyed.localHEI = PartnerCopy.heiKey(copy.localHEI)
            keyed.partnerHEI = PartnerCopy.heiKey(copy.partnerHEI)
            return keyed
        }
        try await write("save \(copies.count) partner copies") { connection in
            try await self.lock(connection, Set(keyed.map { "partner-copy|\($0.api)|\($0.localHEI)|\($0.partnerHEI)|\($0.objectID)" }))
            for copy in keyed {
                let identity: [SQLValue] = [copy.api, copy.localHEI, copy.partnerHEI, copy.objectID]
                let existing = try await self.rows(connection, """
                    SELECT \(Self.copyColumns) FROM partner_copies WHERE api = $1 AND local_hei = $2 AND partner_hei = $3 AND object_id = $4
                    """, identity).first.map(Self.copy)
                let saved = copy.saved(over: existing)
                _ = try await self.rows(connection, """
                    INSERT INTO partner_copies (\(Self.copyColumns)) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                    ON CONFLICT (api, local_hei, partner_hei, object_id) DO UPDATE SET document = excluded.document,
                        hash = excluded.hash, seen_at = excluded.seen_at, changed_at = excluded.changed_at
                    """, identity + [blob(saved.document), saved.hash, saved.seenAt.timeIntervalSince1970, saved.changedAt.timeIntervalSince1970])
            }
        }
    }

    public func partnerCopy(api: String, localHEI: String, partnerHEI: String, objectID: String) async throws -> PartnerCopy? {
        try await read("read partner copy \(api)/\(localHEI)/\(partnerHEI)/\(objectID)") { connection in
            try await self.rows(connection, """
                SELECT \(Self.copyColumns) FROM partner_copies WHERE api = $1 AND local_hei = $2 AND partner_hei = $3 AND object_id = $4
                """, [api, PartnerCopy.heiKey(localHEI), PartnerCopy.heiKey(partnerHEI), objectID]).first.map(Self.copy)
        }
    }

    public func partnerCopies(api: String, localHEI: String?, partnerHEI: String?, includeDeleted: Bool) async throws -> [PartnerCopy] {
        var conditions = ["api = $1"]
        var values: [SQLValue] = [api]
        if let localHEI { values.append(PartnerCopy.heiKey(localHEI)); conditions.append("local_hei = $\(values.count)") }
        if let partnerHEI { values.append(PartnerCopy.heiKey(partnerHEI)); conditions.append("partner_hei = $\(values.count)") }
        if !includeDeleted { conditions.append("document IS NOT NULL") }
        let sql = "SELECT \(Self.copyColumns) FROM partner_copies WHERE \(conditions.joined(separator: " AND ")) ORDER BY local_hei, partner_hei, object_id"
        let bound = values
        return try await read("list partner copies of \(api)") { connection in
            try await self.rows(connection, sql, bound).map(Self.copy)
        }
    }

    public func partnerCopyPage(api: String, localHEI: String, limit: Int, offset: Int) async throws -> PartnerCopyPage {
        let held = "FROM partner_copies WHERE api = $1 AND local_hei = $2 AND document IS NOT NULL"
        let values: [SQLValue] = [api, PartnerCopy.heiKey(localHEI)]
        return try await read("list a page of partner copies of \(api)") { connection in
            let total = try await self.rows(connection, "SELECT count(*) AS total \(held)", values).first?["total"].decode(Int.self) ?? 0
            let copies = try await self.rows(connection, "SELECT \(Self.copyColumns) \(held) ORDER BY partner_hei, object_id LIMIT $3 OFFSET $4",
                                             values + [max(0, limit), max(0, offset)]).map(Self.copy)
            return PartnerCopyPage(copies: copies, total: total)
        }
    }
}
