import EWPStore
import Foundation

/// A pinned clock: `at(0)` is a whole second, so times round-trip exactly through the store.
let t0 = Date(timeIntervalSince1970: 4_102_444_800)   // 2100-01-01: after any clock the stores stamp with
func at(_ seconds: TimeInterval) -> Date { t0.addingTimeInterval(seconds) }

func key(_ object: String, api: String = "iia-cnr", local: String = "uni-a.example",
         partner: String = "uni-b.example") -> NotificationKey {
    NotificationKey(api: api, localHEI: local, partnerHEI: partner, objectID: object)
}

extension Store {
    /// Every row of `queue` (newest first).
    func allRows(_ queue: EWPStore.NotificationQueue = .outbox) async throws -> [QueueRow] {
        try await queueRows(queue, filter: QueueFilter(limit: Int.max))
    }

    /// Enqueues one key at `now` (lifetime one day) and returns the newest row of that key.
    func enqueueOne(_ key: NotificationKey, _ queue: EWPStore.NotificationQueue = .outbox, now: Date = t0) async throws -> QueueRow {
        try await enqueue(queue, [key], now: now, expiresAt: now.addingTimeInterval(86_400))
        guard let row = try await allRows(queue).first(where: { $0.key == key }) else {
            throw StoreError(.other, "enqueueOne: no row after enqueue")
        }
        return row
    }
}
