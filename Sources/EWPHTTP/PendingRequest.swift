import Synchronization

typealias TransferResult = Result<InboundResponse, TransportError>

/// The caller's side of one request: the continuation, resumed exactly once, by whichever comes
/// first: completion (driver thread), cancellation (any thread) or shutdown.
final class PendingRequest: Sendable {
    private enum State {
        case fresh
        case waiting(CheckedContinuation<TransferResult, Never>)
        case cancelledEarly
        case finished
    }

    let request: OutboundRequest
    private let state = Mutex<State>(.fresh)

    init(_ request: OutboundRequest) {
        self.request = request
    }

    /// Stores the continuation. Returns false (and resumes it with a cancellation error) when the task
    /// was cancelled before the request could be handed over.
    func attach(_ continuation: CheckedContinuation<TransferResult, Never>) -> Bool {
        let cancelled = state.withLock { state -> Bool in
            if case .cancelledEarly = state {
                state = .finished
                return true
            }
            state = .waiting(continuation)
            return false
        }
        if cancelled {
            continuation.resume(returning: .failure(Self.cancelledError))
        }
        return !cancelled
    }

    /// Resumes the caller with `result` unless it has already been resumed.
    func finish(_ result: TransferResult) {
        let continuation = state.withLock { state -> CheckedContinuation<TransferResult, Never>? in
            guard case .waiting(let c) = state else { return nil }
            state = .finished
            return c
        }
        continuation?.resume(returning: result)
    }

    /// Called from the task's cancellation handler. Returns true when a transfer may be running and the
    /// driver should abort it.
    func cancel() -> Bool {
        let outcome = state.withLock { state -> (CheckedContinuation<TransferResult, Never>?, Bool) in
            switch state {
            case .fresh:
                state = .cancelledEarly
                return (nil, false)
            case .waiting(let c):
                state = .finished
                return (c, true)
            case .cancelledEarly, .finished:
                return (nil, false)
            }
        }
        outcome.0?.resume(returning: .failure(Self.cancelledError))
        return outcome.1
    }

    var isFinished: Bool {
        state.withLock { if case .finished = $0 { true } else { false } }
    }

    static let cancelledError = TransportError(.cancelled, message: "request cancelled")
}
