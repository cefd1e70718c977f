import EWPStore
import Foundation

/// How operators see a notification row: one JSON object (admin API) or one text line (CLI).
public enum QueueRowFormat {
    public static func json(_ row: QueueRow) -> [String: Any] {
        var object: [String: Any] = [
            "id": row.id, "queue": row.queue.rawValue, "api": row.key.api, "hei": row.key.localHEI,
            "partner": row.key.partnerHEI, "object_id": row.key.objectID, "state": stateName(row),
            "attempts": row.attempts, "merged_changes": row.mergedChanges,
            "created_at": timestamp(row.createdAt), "updated_at": timestamp(row.updatedAt),
            "next_attempt_at": timestamp(row.nextAttemptAt), "expires_at": timestamp(row.expiresAt),
        ]
        object["last_error"] = row.lastError ?? NSNull()
        object["finished_at"] = row.finishedAt.map(timestamp) ?? NSNull()
        object["lease_owner"] = row.leaseOwner ?? NSNull()
        return object
    }

    public static let header = "ID      QUEUE     STATE        API                HEI -> PARTNER  OBJECT  ATTEMPTS  NEXT/FINISHED  LAST ERROR"

    public static func line(_ row: QueueRow) -> String {
        let when = row.finishedAt.map(timestamp) ?? timestamp(row.nextAttemptAt)
        return [String(row.id).padded(7), row.queue.rawValue.padded(9), stateName(row).padded(12), row.key.api.padded(18),
                "\(row.key.localHEI) -> \(row.key.partnerHEI)", row.key.objectID, "\(row.attempts)", when, row.lastError ?? "-"]
            .joined(separator: " ")
    }

    /// `retrying` is a pending row that has failed before.
    public static func stateName(_ row: QueueRow) -> String {
        QueueStateName.name(row.state, retrying: row.attempts > 0)
    }

    public static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}

private extension String {
    func padded(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
