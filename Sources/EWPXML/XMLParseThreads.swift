import Dispatch
import Foundation
import Synchronization

/// Where parses (and validations) of outside data run when they are large: on two threads of their
/// own, never on Swift's cooperative pool, which has one thread per core (two here) and serves every
/// HTTP request. A parse of megabytes takes tens to hundreds of milliseconds, and libxml2 cannot be
/// interrupted: on the pool, two of them at once stalled `/health/live`.
/// Small documents (at most `threshold` bytes) are parsed where the caller is: a thread hop costs
/// more than they do.
public enum XMLParseThreads {
    public static let threshold = 64 * 1024

    private static let pool = ParseThreadPool(threads: 2)

    /// Runs `work` (about `size` bytes of XML) on a parse thread, or inline when `size` is small.
    public static func run<T: Sendable>(size: Int, _ work: @escaping @Sendable () -> T) async -> T {
        guard size > threshold else { return work() }
        return await withCheckedContinuation { continuation in
            pool.submit { continuation.resume(returning: work()) }
        }
    }
}

/// Fixed threads taking jobs in order from one queue; they live as long as the process.
private final class ParseThreadPool: Sendable {
    private let jobs = Mutex<[@Sendable () -> Void]>([])
    private let waiting = DispatchSemaphore(value: 0)

    init(threads: Int) {
        for index in 0..<threads {
            // Named from inside: only then does Foundation name the OS thread (ps, /proc, debuggers).
            Thread { [self] in
                Thread.current.name = "ewp-xml-parse-\(index)"
                work()
            }.start()
        }
    }

    func submit(_ job: @escaping @Sendable () -> Void) {
        jobs.withLock { $0.append(job) }
        waiting.signal()
    }

    private func work() {
        while true {
            waiting.wait()
            let job = jobs.withLock { $0.isEmpty ? nil : $0.removeFirst() }
            job?()
        }
    }
}
