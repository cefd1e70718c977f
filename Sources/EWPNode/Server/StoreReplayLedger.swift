import EWPSecurity
import EWPStore
import Foundation
import Logging
import Synchronization

/// The node's `ReplayLedger`: the seen `X-Request-Id`s in the store (`RequestIdStore`), so every node
/// process on one database refuses an id another has accepted, and a restart forgets none. Expired
/// entries are purged in batches every `purgeEvery` recordings (through the expiry index), so no
/// request pays for a scan of the table. A store failure is thrown on: the authenticator then refuses
/// the request (503); the cause goes to the log, not to the caller.
final class StoreReplayLedger: ReplayLedger {
    let window: TimeInterval
    private let store: any RequestIdStore
    private let logger: Logger
    private let recordings = Atomic<Int>(0)
    static let purgeEvery = 256
    static let purgeBatch = 1_000

    init(store: any RequestIdStore, window: TimeInterval = 600, logger: Logger) {
        self.store = store
        self.window = window
        self.logger = logger
    }

    func firstSighting(requestId: String, keyId: String, now: Date) async throws -> Bool {
        let first: Bool
        do {
            first = try await store.recordRequestId(requestId, keyId: keyId, now: now, expiresAt: now.addingTimeInterval(window))
        } catch {
            logger.error("cannot check X-Request-Id against the seen ids: \(error)")
            throw error
        }
        if recordings.add(1, ordering: .relaxed).newValue % Self.purgeEvery == 0 {
            do {
                try await store.purgeRequestIds(expiredBy: now, limit: Self.purgeBatch)
            } catch {
                logger.warning("cannot purge expired X-Request-Ids (tried again later): \(error)")
            }
        }
        return first
    }
}
