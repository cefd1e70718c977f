import Dispatch

/// Runs CPU-heavy work (validating and parsing a 20 MB catalogue takes hundreds of ms) on a global
/// dispatch queue instead of a thread of Swift's small cooperative pool, which serves HTTP requests.
func offload<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        DispatchQueue.global(qos: .utility).async { continuation.resume(returning: work()) }
    }
}
