import Dispatch
import EWPXML
import Testing

/// The fixed worker threads (XML parses; the node's RSA work).
@Suite("Worker thread pool")
struct WorkerThreadPoolTests {
    @Test("Jobs run on the pool's named threads, as many at once as it has threads")
    func namedThreadsRunJobsSideBySide() async {
        let pool = WorkerThreadPool(threads: 2, name: "ewp-test-pool")
        #expect(await pool.run { XMLShapeLimitsTests.threadName() }.hasPrefix("ewp-test-pool-"))
        // Each job waits for the other: both finish only if two threads run them at the same time.
        let first = DispatchSemaphore(value: 0), second = DispatchSemaphore(value: 0)
        async let a = pool.run { first.signal(); return second.wait(timeout: .now() + 30) == .success }
        async let b = pool.run { second.signal(); return first.wait(timeout: .now() + 30) == .success }
        let (metA, metB) = await (a, b)
        #expect(metA && metB)
    }
}
