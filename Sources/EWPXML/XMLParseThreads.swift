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
            Thread { [self] in
                Self.nameThisThread("ewp-xml-parse-\(index)")
                work()
            }.start()
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
