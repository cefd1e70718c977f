import EWPStore
import Foundation
import PostgresNIO

/// `NotificationQueueStore` on the notification_queue table; the semantics are documented on the
/// protocol. Rows change only through the pure rules (`MergeRule`, `LeaseRule`, `QueueTransition`),
/// applied to rows this transaction has locked: claim locks with `FOR UPDATE SKIP LOCKED` (two
/// claimers never wait on, nor get, the same row), everything else with `FOR UPDATE`; enqueue first
/// takes an advisory lock per key, so two writers never both add a row for one key.
extension PostgresStore {
    public func enqueue(_ queue: EWPStore.NotificationQueue, _ keys: [NotificationKey], now: Date, expiresAt: Date,
                        settling: QueueSettling) async throws {
        for key in keys { try key.validate() }
        try await write("enqueue \(keys.count) \(queue.rawValue) notification(s)") { connection in
            try await self.enqueue(connection, queue, keys, now: now, expiresAt: expiresAt, settling: settling)
        }
    }

    /// The advisory lock name of a queue key.
    static func queueLockName(_ queue: EWPStore.NotificationQueue, _ key: NotificationKey) -> String {
        "queue|\(queue.rawValue)|\(key.api)|\(key.localHEI)|\(key.partnerHEI)|\(key.objectID)"
    }

    /// Enqueues inside the caller's transaction (also used by `commit`), in a few statements however
    /// many keys: one lock, one read of the pending rows of every key, `MergeRule` applied in key order
    /// in memory (a key repeated in the batch merges into the row its first occurrence added), then the
    /// merges as updates and the new rows as one insert, in key order.
    func enqueue(_ connection: PostgresConnection, _ queue: EWPStore.NotificationQueue, _ keys: [NotificationKey], now: Date, expiresAt: Date,
                 settling: QueueSettling) async throws {
        guard !keys.isEmpty else { return }
        try await lock(connection, Set(keys.map { Self.queueLockName(queue, $0) }))
        let existing = try await PostgresQueueRows.fetch(self, connection, """
            WHERE queue = $1 AND state = 'pending' AND (api, local_hei, partner_hei, object_id) IN (
                SELECT * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[])) FOR UPDATE
            """, [queue.rawValue, keys.map(\.api), keys.map(\.localHEI), keys.map(\.partnerHEI), keys.map(\.objectID)])
        var pending = Dictionary(grouping: existing, by: \.key)
        var merged: [Int64: QueueRow] = [:]
        var added: [QueueRow] = []                       // id -1, -2, …: their place in `added`
        for key in keys {
            let rows = pending[key] ?? []
            if let target = MergeRule.mergeTarget(existing: rows, now: now), let index = rows.firstIndex(where: { $0.id == target }) {
                let row = MergeRule.merge(into: rows[index], now: now, expiresAt: expiresAt, settling: settling)
                pending[key]?[index] = row
                if row.id > 0 { merged[row.id] = row } else { added[Int(-row.id) - 1] = row }
            } else {
                var row = QueueRow.new(queue, key, now: now, expiresAt: expiresAt, settling: settling)
                row.id = -Int64(added.count + 1)
                added.append(row)
                pending[key, default: []].append(row)
            }
        }
        for row in merged.values.sorted(by: { $0.id < $1.id }) { try await PostgresQueueRows.update(self, connection, row) }
        try await PostgresQueueRows.insert(self, connection, added)
    }

    public func claim(_ queue: EWPStore.NotificationQueue, owner: String, now: Date, lease: TimeInterval, limit: Int,
                      excludingPartners: Set<String>) async throws -> [QueueRow] {
        guard try LeaseRule.claimsAnything(queue, owner: owner, lease: lease, limit: limit) else { return [] }
        let excluded = excludingPartners.sorted()
        let now1970 = now.timeIntervalSince1970
        let notExcluded = excluded.isEmpty ? "" : "AND partner_hei NOT IN (\(placeholders(from: 4, count: excluded.count)))"
        let tail = """
            WHERE queue = $1 AND state = 'pending' AND next_attempt_at <= $2 AND (lease_until IS NULL OR lease_until <= $2)
            \(notExcluded) ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED
            """
        var values: [SQLValue] = [queue.rawValue, now1970, limit]
        values += excluded.map { $0 as SQLValue }
        let bound = values
        return try await write("claim from the \(queue.rawValue) queue") { connection in
            let due = try await PostgresQueueRows.fetch(self, connection, tail, bound)
            let claimed = due.filter { LeaseRule.isClaimable($0, now: now) }
                .map { LeaseRule.claim($0, owner: owner, now: now, lease: lease) }
            for row in claimed { try await PostgresQueueRows.update(self, connection, row) }
            return claimed
        }
    }

    public func finish(_ queue: EWPStore.NotificationQueue, id: Int64, owner: String, outcome: QueueOutcome, now: Date) async throws -> Bool {
        try QueueTransition.validate(outcome)
        return try await write("finish \(queue.rawValue) row \(id)") { connection in
            guard let row = try await PostgresQueueRows.fetchLocked(self, connection, queue, id: id),
                  LeaseRule.holds(row, owner: owner, now: now) else { return false }
            try await PostgresQueueRows.update(self, connection, try QueueTransition.finish(row, outcome: outcome, now: now))
            return true
        }
    }

    public func expire(_ queue: EWPStore.NotificationQueue, now: Date) async throws -> Int {
        let now1970 = now.timeIntervalSince1970
        return try await write("expire \(queue.rawValue) rows") { connection in
            let expired = try await PostgresQueueRows.fetch(self, connection, """
                WHERE queue = $1 AND state = 'pending' AND expires_at <= $2 AND (lease_until IS NULL OR lease_until <= $2)
                FOR UPDATE SKIP LOCKED
                """, [queue.rawValue, now1970]).filter { QueueTransition.isExpired($0, now: now) }
            for row in expired { try await PostgresQueueRows.update(self, connection, QueueTransition.expire(row, now: now)) }
            return expired.count
        }
    }

    public func queueRows(_ queue: EWPStore.NotificationQueue, filter: QueueFilter) async throws -> [QueueRow] {
        var conditions = ["queue = $1"]
        var values: [SQLValue] = [queue.rawValue]
        if let states = filter.states {
            conditions.append("state IN (\(states.isEmpty ? "NULL" : placeholders(from: values.count + 1, count: states.count)))")
            values += states.map { $0.rawValue as SQLValue }
        }
        if let api = filter.api { values.append(api); conditions.append("api = $\(values.count)") }
        if let partner = filter.partnerHEI { values.append(partner); conditions.append("partner_hei = $\(values.count)") }
        values.append(max(filter.limit, 0))
        let tail = "WHERE \(conditions.joined(separator: " AND ")) ORDER BY id DESC LIMIT $\(values.count)"
        let bound = values
        return try await read("list \(queue.rawValue) rows") { connection in try await PostgresQueueRows.fetch(self, connection, tail, bound) }
    }

    public func queueRow(_ queue: EWPStore.NotificationQueue, id: Int64) async throws -> QueueRow? {
        try await read("read \(queue.rawValue) row \(id)") { connection in
            try await PostgresQueueRows.fetch(self, connection, "WHERE queue = $1 AND id = $2", [queue.rawValue, id]).first
        }
    }

    public func retryRow(_ queue: EWPStore.NotificationQueue, id: Int64, now: Date, expiresAt: Date) async throws -> Bool {
        try await change(queue, id: id, "retry") { QueueTransition.retry($0, now: now, expiresAt: expiresAt) }
    }

    public func dropRow(_ queue: EWPStore.NotificationQueue, id: Int64, now: Date) async throws -> Bool {
        try await change(queue, id: id, "drop") { QueueTransition.drop($0, now: now) }
    }

    /// Applies `transition` to row `id`; false if there is no such row or the transition refuses (nil).
    private func change(_ queue: EWPStore.NotificationQueue, id: Int64, _ what: String,
                        _ transition: @escaping @Sendable (QueueRow) -> QueueRow?) async throws -> Bool {
        try await write("\(what) \(queue.rawValue) row \(id)") { connection in
            guard let row = try await PostgresQueueRows.fetchLocked(self, connection, queue, id: id), let next = transition(row) else { return false }
            try await PostgresQueueRows.update(self, connection, next)
            return true
        }
    }

    public func queueSummary(_ queue: EWPStore.NotificationQueue, now: Date) async throws -> QueueSummary {
        try await read("summarise the \(queue.rawValue) queue") { connection in
            let counts = try await self.rows(connection, """
                SELECT api, partner_hei, state, (state = 'pending' AND attempts > 0) AS retrying, COUNT(*) AS n
                FROM notification_queue WHERE queue = $1 GROUP BY api, partner_hei, state, retrying
                """, [queue.rawValue]).map { row in
                let stateName = try row.string("state")
                guard let state = QueueState(rawValue: stateName) else {
                    throw StoreError(.corrupt, "the \(queue.rawValue) queue holds rows in an unknown state \"\(stateName)\"")
                }
                return QueueCount(api: try row.string("api"), partnerHEI: try row.string("partner_hei"), state: state,
                                  retrying: try row["retrying"].decode(Bool.self), count: try row["n"].decode(Int.self))
            }
            let oldest = try await self.rows(connection, "SELECT MIN(created_at) AS oldest FROM notification_queue WHERE queue = $1 AND state = 'pending'",
                                             [queue.rawValue]).first?.optionalDate("oldest")
            return QueueSummary(counts: counts.sorted(by: QueueCount.summaryOrder), oldestPendingCreatedAt: oldest)
        }
    }

    public func prune(_ queue: EWPStore.NotificationQueue, deliveredBefore cutoff: Date) async throws -> Int {
        try await write("prune delivered \(queue.rawValue) rows") { connection in
            try await self.rows(connection, """
                WITH pruned AS (DELETE FROM notification_queue WHERE queue = $1 AND state = 'delivered' AND finished_at < $2 RETURNING 1)
                SELECT COUNT(*) AS n FROM pruned
                """, [queue.rawValue, cutoff.timeIntervalSince1970]).first?["n"].decode(Int.self) ?? 0
        }
    }
}
