import EWPStore
import Synchronization

/// Counts the pool's leases for `/metrics`: postgres-nio 1.33 keeps its pool's numbers to itself, so
/// every store call is counted here, from asking for a connection to giving it back.
final class PoolCounters: Sendable {
    private struct State {
        var inUse = 0, waiting = 0, leases = 0
        var waitSeconds = 0.0
    }
    private let state = Mutex(State())
    let maximum: Int

    init(maximum: Int) { self.maximum = maximum }

    /// One store call's lease: `ask()` before asking the pool, `granted()` once it holds a connection,
    /// `end()` when done (granted or not).
    final class Lease: Sendable {
        private let counters: PoolCounters
        private let asked = ContinuousClock.now
        private let wasGranted = Mutex(false)

        fileprivate init(_ counters: PoolCounters) { self.counters = counters }

        func granted() {
            let waited = ContinuousClock.now - asked
            wasGranted.withLock { $0 = true }
            counters.state.withLock { s in
                s.waiting -= 1
                s.inUse += 1
                s.leases += 1
                s.waitSeconds += Double(waited.components.seconds) + Double(waited.components.attoseconds) / 1e18
            }
        }

        func end() {
            let granted = wasGranted.withLock { $0 }
            counters.state.withLock { s in
                if granted { s.inUse -= 1 } else { s.waiting -= 1 }
            }
        }
    }

    func ask() -> Lease {
        state.withLock { $0.waiting += 1 }
        return Lease(self)
    }

    var statistics: ConnectionPoolStatistics {
        state.withLock { s in
            ConnectionPoolStatistics(inUse: s.inUse, waiting: s.waiting, maximum: maximum, leases: s.leases, leaseWaitSeconds: s.waitSeconds)
        }
    }
}
