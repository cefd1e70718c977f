import CCurl
import Dispatch
import Foundation
import Synchronization

/// Owns one `curl_multi` handle and the one thread that drives it.
///
/// `@unchecked Sendable` is safe because the multi handle, the easy handles and `active`/`idle` are
/// touched only by the driver thread (`run`). Other threads use only `inbox` (a Mutex) and
/// `curl_multi_wakeup`, which libcurl documents as callable from any thread; it is called only while
/// holding the inbox lock and before `stopping` is set, so it never races with `curl_multi_cleanup`.
final class CurlDriver: @unchecked Sendable {
    private struct Inbox {
        var submitted: [PendingRequest] = []
        var cancelled: [PendingRequest] = []
        var stopping = false
    }

    private let multi: UnsafeMutableRawPointer
    private let settings: CurlSettings
    private let inbox = Mutex(Inbox())
    private let stopped = DispatchSemaphore(value: 0)

    // Driver-thread only.
    private var active: [ObjectIdentifier: CurlTransfer] = [:]
    private var idle: [UnsafeMutableRawPointer] = []
    private static let maxIdleHandles = 32

    init(settings: CurlSettings, maxConnectionsPerHost: Int) {
        precondition(CurlGlobal.initialised, "curl_global_init failed")
        guard let multi = curl_multi_init() else { fatalError("curl_multi_init failed") }
        self.multi = multi
        self.settings = settings
        _ = ewp_curl_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, max(1, maxConnectionsPerHost))
        // Idle connections kept for reuse (libcurl's default is 4 × the number of added handles).
        _ = ewp_curl_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, max(16, 4 * maxConnectionsPerHost))
    }

    func start() {
        let thread = Thread { [self] in run() }
        thread.name = "ewp-curl-driver"
        thread.start()
    }

    // MARK: any thread

    func submit(_ pending: PendingRequest) {
        let accepted = inbox.withLock { inbox -> Bool in
            guard !inbox.stopping else { return false }
            inbox.submitted.append(pending)
            curl_multi_wakeup(multi)
            return true
        }
        if !accepted { pending.finish(.failure(Self.shutDownError)) }
    }

    func cancel(_ pending: PendingRequest) {
        inbox.withLock { inbox in
            guard !inbox.stopping else { return }
            inbox.cancelled.append(pending)
            curl_multi_wakeup(multi)
        }
    }

    /// Stops the thread, failing whatever is in flight, and waits for it to finish. Idempotent.
    func stop() {
        let first = inbox.withLock { inbox -> Bool in
            guard !inbox.stopping else { return false }
            inbox.stopping = true
            curl_multi_wakeup(multi)
            return true
        }
        if first { stopped.wait() }
    }

    // MARK: driver thread

    private func run() {
        while true {
            let (submitted, cancelled, stopping) = inbox.withLock { inbox in
                defer { inbox.submitted = []; inbox.cancelled = [] }
                return (inbox.submitted, inbox.cancelled, inbox.stopping)
            }
            if stopping {
                for pending in submitted { pending.finish(.failure(Self.shutDownError)) }
                break
            }
            for pending in submitted { begin(pending) }
            for pending in cancelled { abort(pending) }

            var running: Int32 = 0
            _ = curl_multi_perform(multi, &running)
            collectFinished()
            _ = curl_multi_poll(multi, nil, 0, 1000, nil)
        }
        for transfer in Array(active.values) {
            end(transfer, with: .failure(Self.shutDownError))
        }
        for easy in idle { curl_easy_cleanup(easy) }
        idle = []
        curl_multi_cleanup(multi)
        stopped.signal()
    }

    private func begin(_ pending: PendingRequest) {
        guard !pending.isFinished else { return }   // cancelled while being handed over
        guard let easy = idle.popLast() ?? curl_easy_init() else {
            pending.finish(.failure(TransportError(.invalidRequest, message: "curl_easy_init failed")))
            return
        }
        let transfer = CurlTransfer(pending: pending, easy: easy,
                                   maxResponseBytes: pending.request.maxResponseBytes ?? settings.maxResponseBytes)
        do {
            try CurlEasyOptions.apply(to: transfer, settings: settings)
        } catch {
            recycle(easy)
            pending.finish(.failure(error))
            return
        }
        let rc = curl_multi_add_handle(multi, easy)
        guard rc == CURLM_OK else {
            recycle(easy)
            pending.finish(.failure(TransportError(curlCode: Int(rc.rawValue), message: "curl_multi_add_handle: " + String(cString: curl_multi_strerror(rc)))))
            return
        }
        active[ObjectIdentifier(pending)] = transfer
    }

    private func abort(_ pending: PendingRequest) {
        guard let transfer = active[ObjectIdentifier(pending)] else { return }
        end(transfer, with: .failure(PendingRequest.cancelledError))
    }

    private func collectFinished() {
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(multi, &remaining) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
            let code = ewp_curl_msg_result(message)
            var raw: UnsafeMutableRawPointer?
            _ = ewp_curl_easy_getinfo_pointer(easy, CURLINFO_PRIVATE, &raw)
            guard let raw else { continue }
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(raw).takeUnretainedValue()
            end(transfer, with: transfer.result(code: code))
        }
    }

    /// Detaches the transfer from the multi handle, recycles its easy handle and resumes the caller.
    private func end(_ transfer: CurlTransfer, with result: TransferResult) {
        curl_multi_remove_handle(multi, transfer.easy)
        recycle(transfer.easy)
        active[ObjectIdentifier(transfer.pending)] = nil
        transfer.pending.finish(result)
    }

    /// Keeps the easy handle for the next request (connections themselves live in the multi handle's
    /// cache, so they survive either way).
    private func recycle(_ easy: UnsafeMutableRawPointer) {
        if idle.count < Self.maxIdleHandles {
            curl_easy_reset(easy)
            idle.append(easy)
        } else {
            curl_easy_cleanup(easy)
        }
    }

    static let shutDownError = TransportError(.shutDown, message: "HTTP client has been shut down")
}
