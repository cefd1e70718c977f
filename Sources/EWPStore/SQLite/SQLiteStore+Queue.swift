import Foundation
import GRDB

/// `NotificationQueueStore` on the notification_queue table; the semantics are documented on the protocol.
extension SQLiteStore {
    public func enqueue(_ queue: NotificationQueue, _ keys: [NotificationKey], now: Date, expiresAt: Date,
                        settling: QueueSettling) async throws {
        for key in keys { try key.validate() }
        try await write("enqueue \(keys.count) \(queue.rawValue) notification(s)") { db in
            try Self.enqueue(db, queue, keys, now: now, expiresAt: expiresAt, settling: settling)
        }
    }

    /// Enqueues inside the caller's transaction (also used by `commit`).
    static func enqueue(_ db: Database, _ queue: NotificationQueue, _ keys: [NotificationKey], now: Date, expiresAt: Date,
                        settling: QueueSettling) throws {
        for key in keys {
            let pending = try SQLiteQueueRows.fetch(
                db, "WHERE queue = ? AND api = ? AND local_hei = ? AND partner_hei = ? AND object_id = ? AND state = 'pending'",
                [queue.rawValue, key.api, key.localHEI, key.partnerHEI, key.objectID])
            if let target = MergeRule.mergeTarget(existing: pending, now: now), let row = pending.first(where: { $0.id == target }) {
                try SQLiteQueueRows.update(db, MergeRule.merge(into: row, now: now, expiresAt: expiresAt, settling: settling))
            } else {
                _ = try SQLiteQueueRows.insert(db, QueueRow.new(queue, key, now: now, expiresAt: expiresAt, settling: settling))
            }
        }
    }

    public func claim(_ queue: NotificationQueue, owner: String, now: Date, lease: TimeInterval, limit: Int,
                      excludingPartners: Set<String>) async throws -> [QueueRow] {
        guard try LeaseRule.claimsAnything(queue, owner: owner, lease: lease, limit: limit) else { return [] }
        let excluded = excludingPartners.sorted()
        let now1970 = now.timeIntervalSince1970
        let arguments: StatementArguments = [queue.rawValue, now1970, now1970] + StatementArguments(excluded) + [limit]
        return try await write("claim from the \(queue.rawValue) queue") { db in
            let due = try SQLiteQueueRows.fetch(db, Self.claimCondition(excluding: excluded.count), arguments)
            let claimed = due.filter { LeaseRule.isClaimable($0, now: now) }
                .map { LeaseRule.claim($0, owner: owner, now: now, lease: lease) }
            for row in claimed { try SQLiteQueueRows.update(db, row) }
            return claimed
        }
    }

    /// Due, unleased rows in claim order: walks the index notification_queue_due and stops after LIMIT.
    /// Arguments: queue, now, now, the excluded partners, limit.
    static func claimCondition(excluding count: Int) -> String {
        let notExcluded = count == 0 ? "" : "AND partner_hei NOT IN (\(Array(repeating: "?", count: count).joined(separator: ", ")))"
        return """
            WHERE queue = ? AND state = 'pending' AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until <= ?)
            \(notExcluded) ORDER BY next_attempt_at, id LIMIT ?
            """
    }

    /// The plan of claim's query, for tests.
    func claimQueryPlan(_ queue: NotificationQueue, excluding: [String]) async throws -> [String] {
        try await queryPlan("SELECT \(SQLiteQueueRows.columns) FROM notification_queue " + Self.claimCondition(excluding: excluding.count),
                            [queue.rawValue, 0.0, 0.0] + StatementArguments(excluding) + [10])
    }

    public func finish(_ queue: NotificationQueue, id: Int64, owner: String, outcome: QueueOutcome, now: Date) async throws -> Bool {
        try QueueTransition.validate(outcome)
        return try await write("finish \(queue.rawValue) row \(id)") { db in
            guard let row = try SQLiteQueueRows.fetchOne(db, queue, id: id), LeaseRule.holds(row, owner: owner, now: now) else {
                return false
            }
            try SQLiteQueueRows.update(db, try QueueTransition.finish(row, outcome: outcome, now: now))
            return true
        }
    }

    public func expire(_ queue: NotificationQueue, now: Date) async throws -> Int {
        let now1970 = now.timeIntervalSince1970
        return try await write("expire \(queue.rawValue) rows") { db in
            let expired = try SQLiteQueueRows.fetch(db, """
                WHERE queue = ? AND state = 'pending' AND expires_at <= ? AND (lease_until IS NULL OR lease_until <= ?)
                """, [queue.rawValue, now1970, now1970]).filter { QueueTransition.isExpired($0, now: now) }
            for row in expired { try SQLiteQueueRows.update(db, QueueTransition.expire(row, now: now)) }
            return expired.count
        }
    }

    public func queueRows(_ queue: NotificationQueue, filter: QueueFilter) async throws -> [QueueRow] {
        var conditions = ["queue = ?"]
        var arguments: StatementArguments = [queue.rawValue]
        if let states = filter.states {
            conditions.append("state IN (\(states.map { _ in "?" }.joined(separator: ", ")))")
            arguments += StatementArguments(states.map(\.rawValue))
        }
        if let api = filter.api { conditions.append("api = ?"); arguments += [api] }
        if let partner = filter.partnerHEI { conditions.append("partner_hei = ?"); arguments += [partner] }
        arguments += [max(filter.limit, 0)]
        let tail = "WHERE \(conditions.joined(separator: " AND ")) ORDER BY id DESC LIMIT ?"
        let bound = arguments
        return try await read("list \(queue.rawValue) rows") { db in try SQLiteQueueRows.fetch(db, tail, bound) }
    }

    public func queueRow(_ queue: NotificationQueue, id: Int64) async throws -> QueueRow? {
        try await read("read \(queue.rawValue) row \(id)") { db in try SQLiteQueueRows.fetchOne(db, queue, id: id) }
    }

    public func retryRow(_ queue: NotificationQueue, id: Int64, now: Date, expiresAt: Date) async throws -> Bool {
        try await change(queue, id: id, "retry") { QueueTransition.retry($0, now: now, expiresAt: expiresAt) }
    }

    public func dropRow(_ queue: NotificationQueue, id: Int64, now: Date) async throws -> Bool {
        try await change(queue, id: id, "drop") { QueueTransition.drop($0, now: now) }
    }

    /// Applies `transition` to row `id`; false if there is no such row or the transition refuses (nil).
    private func change(_ queue: NotificationQueue, id: Int64, _ what: String,
                        _ transition: @escaping @Sendable (QueueRow) -> QueueRow?) async throws -> Bool {
        try await write("\(what) \(queue.rawValue) row \(id)") { db in
            guard let row = try SQLiteQueueRows.fetchOne(db, queue, id: id), let next = transition(row) else { return false }
            try SQLiteQueueRows.update(db, next)
            return true
        }
    }

    public func queueSummary(_ queue: NotificationQueue, now: Date) async throws -> QueueSummary {
        try await read("summarise the \(queue.rawValue) queue") { db in
            let counts = try Row.fetchAll(db, sql: """
                SELECT api, partner_hei, state, (state = 'pending' AND attempts > 0) AS retrying, COUNT(*) AS n
                FROM notification_queue WHERE queue = ? GROUP BY api, partner_hei, state, retrying
                """, arguments: [queue.rawValue]).map { row in
                let stateName: String = try row.decode(forColumn: "state")
                guard let state = QueueState(rawValue: stateName) else {
                    throw StoreError(.corrupt, "the \(queue.rawValue) queue holds rows in an unknown state \"\(stateName)\"")
                }
                return QueueCount(api: try row.decode(forColumn: "api"), partnerHEI: try row.decode(forColumn: "partner_hei"),
                                  state: state, retrying: try row.decode(forColumn: "retrying"), count: try row.decode(forColumn: "n"))
            }
            let oldest = try Double.fetchOne(db, sql: "SELECT MIN(created_at) FROM notification_queue WHERE queue = ? AND state = 'pending'",
                                             arguments: [queue.rawValue])
            return QueueSummary(counts: counts.sorted(by: QueueCount.summaryOrder),
                                oldestPendingCreatedAt: oldest.map(Date.init(timeIntervalSince1970:)))
        }
    }

    public func prune(_ queue: NotificationQueue, deliveredBefore cutoff: Date) async throws -> Int {
        try await write("prune delivered \(queue.rawValue) rows") { db in
            try db.execute(sql: "DELETE FROM notification_queue WHERE queue = ? AND state = 'delivered' AND finished_at < ?",
                           arguments: [queue.rawValue, cutoff.timeIntervalSince1970])
            return db.changesCount
        }
    }
}
