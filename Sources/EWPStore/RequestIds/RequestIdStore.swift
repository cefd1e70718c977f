import Foundation

/// The `X-Request-Id`s of authenticated requests, shared by every node process on the database, so
/// that a request replayed to another process (or after a restart) is refused within its window
/// (cliauth-httpsig "Verify the nonce"). Keyed by keyId + request id. Every method throws `StoreError`.
public protocol RequestIdStore: Sendable {
    /// Records (keyId, requestId) until `expiresAt` and answers true, unless it is already recorded
    /// with an expiry after `now`: then it answers false (a replay) and changes nothing. An entry that
    /// has expired but is not yet purged counts as absent. Atomic across processes: of several calls
    /// for the same pair at once, exactly one answers true.
    func recordRequestId(_ requestId: String, keyId: String, now: Date, expiresAt: Date) async throws -> Bool
    /// Deletes at most `limit` entries whose expiry is at or before `now` (through an index on the
    /// expiry, never a scan of the whole table) and answers how many it deleted.
    @discardableResult
    func purgeRequestIds(expiredBy now: Date, limit: Int) async throws -> Int
}
