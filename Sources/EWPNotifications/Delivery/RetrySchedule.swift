/// When to try a failed notification or pull again: exponential backoff from `base`, capped, with
/// "equal jitter" (between half and all of the step) so that many rows failing together do not
/// come back together.
public struct RetrySchedule: Sendable, Equatable {
    public var base: Double
    public var cap: Double

    public init(base: Double, cap: Double = 3600) {
        self.base = base
        self.cap = max(cap, base)
    }

    /// The step after `attempts` failed attempts (1 → base, 2 → 2·base, …), before jitter.
    public func step(afterAttempts attempts: Int) -> Double {
        let exponent = min(max(attempts - 1, 0), 40)
        return min(cap, base * Double(1 << UInt64(exponent)))
    }

    /// Seconds to wait after `attempts` failed attempts; `random` in 0..<1 picks the jitter.
    public func delay(afterAttempts attempts: Int, random: Double) -> Double {
        let step = step(afterAttempts: attempts)
        let unit = min(max(random, 0), 1)
        return step / 2 + step / 2 * unit
    }
}
