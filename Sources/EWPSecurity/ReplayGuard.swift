import Foundation
import Synchronization

/// Remembers the `X-Request-Id`s of authenticated requests so that a replayed request is refused
/// (cliauth-httpsig "Verify the nonce": optional over TLS, done here anyway).
///
/// - Only ids inside the date window need remembering: a replay of an older request fails the date
///   check anyway. The date check accepts ±`RequestAuthenticator.window` (300 s) around our clock,
///   so an id may come back up to 2 × 300 s after we first saw it; hence `window` = 600 s by default.
///   Entries expire `window` seconds after they were first seen and are purged as time moves on.
/// - Keyed by keyId + request id, so one client cannot block another's ids.
/// - Only ids of requests whose signature verified are recorded (the authenticator calls this
///   last), so unauthenticated traffic cannot fill the set.
/// - Bounded memory: at most `capacity` entries (roughly 250 bytes each: a 101-character key held
///   twice, an expiry, table overhead). The default 1,000,000 is reached only by a sustained 1,600
///   signed requests per second over the 600 s window, and then costs about 250 MB; lower it for
///   small machines. When full after purging expired
///   entries, the oldest entry is evicted: we prefer serving genuine partners to refusing them, and
///   an evicted id is one of the oldest, so the remaining replay opportunity is small and TLS still
///   protects the channel. Evictions are counted in `evictions`.
/// - In memory only, for tests and embedded use: a restart forgets the seen ids, and another process
///   does not see them. The node itself keeps them in its store (a `ReplayLedger` on the database,
///   shared by every process and kept across restarts).
public final class ReplayGuard: Sendable {
    public let window: TimeInterval
    public let capacity: Int

    private struct State {
        var expiries: [String: Date] = [:]
        var order: [(key: String, expiry: Date)] = []   // FIFO by first sighting
        var head = 0
        var evictions = 0
    }
    private let state = Mutex(State())

    public init(window: TimeInterval = 600, capacity: Int = 1_000_000) {
        self.window = window
        self.capacity = max(1, capacity)
    }

    /// True the first time (keyId, requestId) is seen within the window, and records it; false for a replay.
    public func firstSighting(of requestId: String, keyId: String, now: Date) -> Bool {
        let key = keyId + " " + requestId
        return state.withLock { s in
            Self.purge(&s, now: now)
            if let expiry = s.expiries[key], expiry > now { return false }
            while s.expiries.count >= capacity, s.head < s.order.count {
                let oldest = s.order[s.head]
                s.head += 1
                if s.expiries[oldest.key] == oldest.expiry { s.expiries[oldest.key] = nil; s.evictions += 1 }
            }
            let expiry = now.addingTimeInterval(window)
            s.expiries[key] = expiry
            s.order.append((key, expiry))
            Self.compact(&s)
            return true
        }
    }

    /// Ids currently remembered.
    public var count: Int { state.withLock { $0.expiries.count } }
    /// Entries dropped before their expiry because the guard was full.
    public var evictions: Int { state.withLock { $0.evictions } }

    private static func purge(_ s: inout State, now: Date) {
        while s.head < s.order.count, s.order[s.head].expiry <= now {
            let entry = s.order[s.head]
            s.head += 1
            if s.expiries[entry.key] == entry.expiry { s.expiries[entry.key] = nil }
        }
    }

    private static func compact(_ s: inout State) {
        if s.head > 1024, s.head * 2 > s.order.count {
            s.order.removeFirst(s.head)
            s.head = 0
        }
    }
}
