import EWPStore
import Foundation

func object(_ id: String, kind: String = "iia", hei: String = "uni-a.example", document: String? = "<iia/>",
            partners: [String] = ["uni-b.example"], filters: [String: [String]] = [:], hash: String? = nil,
            modified: Date = at(0)) -> OwnObject {
    OwnObject(kind: kind, heiID: hei, objectID: id, document: document.map { Array($0.utf8) }, partnerHEIs: partners,
              filterKeys: filters, hash: hash, modifiedAt: modified)
}

extension Store {
    /// Commits `upserts` (and `notifications`, expiring a day later) at `now`.
    func commit(_ upserts: [OwnObject], notifications: [NotificationKey] = [], now: Date = t0) async throws {
        try await commit(ChangeSet(upserts: upserts, notifications: notifications, notificationsExpireAt: now.addingTimeInterval(86_400)),
                         now: now)
    }

    func one(_ id: String, kind: String = "iia", hei: String = "uni-a.example") async throws -> OwnObject? {
        try await ownObjects(kind: kind, heiID: hei, ids: [id]).first
    }
}
