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

    private static let pool = WorkerThreadPool(threads: 2, name: "ewp-xml-parse")

    /// Runs `work` (about `size` bytes of XML) on a parse thread, or inline when `size` is small.
    public static func run<T: Sendable>(size: Int, _ work: @escaping @Sendable () -> T) async -> T {
        guard size > threshold else { return work() }
        return await pool.run(work)
    }
}

/// Fixed threads taking jobs in order from one queue, for CPU-bound work that must not occupy Swift's
/// cooperative pool (XML parses here; the RSA work of requests in the node). Create each pool once
/// (a `static let`): its threads live as long as the process.
public final class WorkerThreadPool: Sendable {
    private let jobs = Mutex<[@Sendable () -> Void]>([])
    private let waiting = DispatchSemaphore(value: 0)

    /// `threads` threads named `<name>-0`, `<name>-1`, … (at most 15 bytes reach the OS).
    public init(threads: Int, name: String) {
        for index in 0..<max(1, threads) {
            Thread { [self] in
                Self.nameThisThread("\(name)-\(index)")
                work()
            }.start()
        }
    }

    /// Runs `work` on one of the threads, after the jobs submitted before it have started.
    public func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            submit { continuation.resume(returning: work()) }
        }
    }

    /// Names the calling thread for Foundation and for the OS (ps, /proc, debuggers). Foundation
    /// names the OS thread only when it already knows the thread's handle, which a thread that runs
    /// before `start()` has returned does not yet have (seen under load: the thread kept the name
    /// it inherited); so on Linux the thread also writes its own name where the kernel reads it.
    private static func nameThisThread(_ name: String) {
        Thread.current.name = name
        #if os(Linux)
        let fd = open("/proc/thread-self/comm", O_WRONLY)
        if fd >= 0 {
            _ = Array(name.utf8.prefix(15)).withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            close(fd)
        }
        #endif
    }

    private func submit(_ job: @escaping @Sendable () -> Void) {
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
