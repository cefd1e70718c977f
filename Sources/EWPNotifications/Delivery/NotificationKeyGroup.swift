import EWPStore

/// Rows that can share one call: same API, our HEI and partner.
struct NotificationKeyGroup: Hashable {
    let api: String
    let localHEI: String
    let partnerHEI: String

    init(_ key: NotificationKey) {
        api = key.api
        localHEI = key.localHEI
        partnerHEI = key.partnerHEI
    }

    /// The rows grouped by API, our HEI and partner (first-seen order), each group cut into calls of
    /// at most `size(group)` rows.
    static func chunks(_ rows: [QueueRow], size: (NotificationKeyGroup) -> Int) -> [[QueueRow]] {
        var groups: [NotificationKeyGroup: [QueueRow]] = [:]
        var order: [NotificationKeyGroup] = []
        for row in rows {
            let group = NotificationKeyGroup(row.key)
            if groups[group] == nil { order.append(group) }
            groups[group, default: []].append(row)
        }
        return order.flatMap { group -> [[QueueRow]] in
            let rows = groups[group]!
            let step = max(1, size(group))
            return stride(from: 0, to: rows.count, by: step).map { Array(rows[$0..<min($0 + step, rows.count)]) }
        }
    }
}
