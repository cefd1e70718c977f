import Foundation
import GRDB

/// `ConditionalOwnObjectStore`: the expectations are checked inside the IMMEDIATE write
/// transaction of the commit, so no other writer (another process included) can slip in between.
extension SQLiteStore {
    public func commit(_ changes: ChangeSet, expecting expectations: [OwnObjectExpectation], now: Date) async throws {
        for key in changes.notifications { try key.validate() }
        let conflict: OwnObjectConflict? = try await write("commit \(changes.upserts.count) object(s) if \(expectations.count) are unchanged") { db in
            for expectation in expectations {
                let stored = try SQLiteOwnObjects.fetch(db, kind: expectation.kind, heiID: expectation.heiID, ids: [expectation.objectID]).first
                guard expectation.isMet(by: stored) else {
                    return OwnObjectConflict(kind: expectation.kind, heiID: expectation.heiID, objectID: expectation.objectID)
                }
            }
            try Self.enqueue(db, .outbox, changes.notifications, now: now, expiresAt: changes.notificationsExpireAt, settling: changes.settling)
            for object in try SQLiteOwnObjects.stamped(db, changes.upserts, clock: self.changeClock) { try SQLiteOwnObjects.upsert(db, object) }
            return nil
        }
        if let conflict { throw conflict }
    }
}
