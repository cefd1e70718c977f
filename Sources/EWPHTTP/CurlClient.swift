/// The node's one HTTP client: libcurl's multi interface on a dedicated thread, exposed as `async`.
///
/// Requests run concurrently (up to `maxConnectionsPerHost` per host; more wait in libcurl's queue),
/// connections are kept and reused, and no Swift concurrency thread ever blocks on the network.
/// An HTTP error status is a normal `InboundResponse`; only the absence of a response throws.
public final class CurlClient: Sendable {
    public static let defaultMaxResponseBytes = 64 << 20

    private let driver: CurlDriver

    /// - Parameters:
    ///   - caBundlePath: PEM file of trusted CAs instead of the system's (tests with a private CA).
    ///   - maxResponseBytes: larger response bodies abort the transfer with kind `.responseTooLarge`.
    public init(maxConnectionsPerHost: Int = 8, caBundlePath: String? = nil, connectTimeout: Duration = .seconds(10),
                maxResponseBytes: Int = CurlClient.defaultMaxResponseBytes) {
        let settings = CurlSettings(connectTimeout: connectTimeout, caBundlePath: caBundlePath, maxResponseBytes: maxResponseBytes)
        driver = CurlDriver(settings: settings, maxConnectionsPerHost: maxConnectionsPerHost)
        driver.start()
    }

    deinit {
        driver.stop()
    }

    /// Sends the request and returns the final response. Cancelling the task aborts the transfer.
    public func send(_ request: OutboundRequest) async throws(TransportError) -> InboundResponse {
        let pending = PendingRequest(request)
        let driver = self.driver
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if pending.attach(continuation) {
                    driver.submit(pending)
                }
            }
        } onCancel: {
            if pending.cancel() {
                driver.cancel(pending)
            }
        }
        return try result.get()
    }

    /// Fails requests in flight with a shut-down error and stops the driver thread. Idempotent.
    public func shutdown() {
        driver.stop()
    }
}
