import Foundation

/// Where the `X-Request-Id`s of authenticated requests are remembered, so that a replayed request is
/// refused (cliauth-httpsig "Verify the nonce"). `ReplayGuard` keeps them in this process's memory;
/// the node keeps them in its store, shared by every process on the database and kept across restarts.
public protocol ReplayLedger: Sendable {
    /// How long an id is remembered, in seconds (see `ReplayGuard` for why 600 s).
    var window: TimeInterval { get }
    /// True the first time (keyId, requestId) is seen within `window`, and records it; false for a
    /// replay. Throws when it cannot tell (its store did not answer): the request must then be refused.
    func firstSighting(requestId: String, keyId: String, now: Date) async throws -> Bool
}

extension ReplayGuard: ReplayLedger {
    public func firstSighting(requestId: String, keyId: String, now: Date) async throws -> Bool {
        firstSighting(of: requestId, keyId: keyId, now: now)
    }
}
