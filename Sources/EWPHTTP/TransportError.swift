/// A request that produced no HTTP response (an HTTP error status is *not* a TransportError).
///
/// `code` is the libcurl `CURLcode` when libcurl failed, or one of the negative codes below.
public struct TransportError: Error, Sendable, CustomStringConvertible {
    public let code: Int
    public let message: String

    public init(code: Int, message: String) {
        self.code = code
        self.message = message
    }

    /// The calling task was cancelled; the transfer was aborted.
    public static let cancelledCode = -1
    /// The client was shut down before or during the transfer.
    public static let shutDownCode = -2
    /// The request could not be built (bad header, unsupported option).
    public static let invalidRequestCode = -3
    /// The response was larger than the client's `maxResponseBytes`.
    public static let responseTooLargeCode = -4

    /// A reused connection died before any answer and libcurl wanted to resend the request as it
    /// was; the resend was stopped (a signed request must be signed anew to be sent again).
    public static let connectionLostCode = -5

    static let curlOperationTimedOut = 28   // CURLE_OPERATION_TIMEDOUT
    static let curlGotNothing = 52          // CURLE_GOT_NOTHING
    static let curlSendError = 55           // CURLE_SEND_ERROR
    static let curlRecvError = 56           // CURLE_RECV_ERROR

    public var isTimeout: Bool { code == Self.curlOperationTimedOut }
    public var isCancelled: Bool { code == Self.cancelledCode }
    public var isResponseTooLarge: Bool { code == Self.responseTooLargeCode }
    /// The connection failed after it was established and before any answer arrived (closed, reset,
    /// or a resend stopped): the partner may have read the request, but it did not answer it.
    public var isConnectionLost: Bool {
        [Self.connectionLostCode, Self.curlGotNothing, Self.curlSendError, Self.curlRecvError].contains(code)
    }

    public var description: String {
        code >= 0 ? "curl error \(code): \(message)" : message
    }
}
