/// A request that produced no HTTP response (an HTTP error status is *not* a TransportError).
///
/// `kind` says what happened, for callers to switch on; `curlCode` is libcurl's `CURLcode` when
/// libcurl reported the failure, for the log.
public struct TransportError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable, CaseIterable {
        /// The request's timeout passed before the response was complete.
        case timeout
        /// The calling task was cancelled; the transfer was aborted.
        case cancelled
        /// The client was shut down before or during the transfer.
        case shutDown
        /// The request could not be built (bad header, unsupported option or protocol).
        case invalidRequest
        /// The response was larger than the client's `maxResponseBytes`.
        case responseTooLarge
        /// The connection failed after it was established and before any answer arrived (closed,
        /// reset, or a resend stopped): the partner may have read the request, but it did not answer it.
        case connectionLost
        /// No connection: the name did not resolve or the host refused or did not accept it.
        case connectFailed
        /// The TLS handshake failed or the server's certificate was not trusted.
        case tls
        /// Any other libcurl failure (see `curlCode`).
        case otherCurl
    }

    public let kind: Kind
    /// libcurl's `CURLcode`, when libcurl reported the failure.
    public let curlCode: Int?
    public let message: String

    public init(_ kind: Kind, message: String) {
        self.kind = kind
        self.curlCode = nil
        self.message = message
    }

    /// A libcurl failure; its kind follows from the code.
    public init(curlCode: Int, message: String) {
        self.kind = Self.kind(ofCurlCode: curlCode)
        self.curlCode = curlCode
        self.message = message
    }

    /// The kind of a libcurl `CURLcode` (curl/curl.h).
    static func kind(ofCurlCode code: Int) -> Kind {
        switch code {
        case 28: return .timeout                                   // OPERATION_TIMEDOUT
        case 1, 3, 43, 48: return .invalidRequest                  // UNSUPPORTED_PROTOCOL, URL_MALFORMAT, BAD_FUNCTION_ARGUMENT, UNKNOWN_OPTION
        case 63: return .responseTooLarge                          // FILESIZE_EXCEEDED
        case 52, 55, 56: return .connectionLost                    // GOT_NOTHING, SEND_ERROR, RECV_ERROR
        case 5, 6, 7: return .connectFailed                        // COULDNT_RESOLVE_PROXY, COULDNT_RESOLVE_HOST, COULDNT_CONNECT
        case 35, 53, 54, 58, 59, 60, 64, 66, 77, 80, 82, 83, 90, 91, 98:
            return .tls                                            // SSL_CONNECT_ERROR, SSL_ENGINE_*, SSL_CERTPROBLEM, SSL_CIPHER,
                                                                   // PEER_FAILED_VERIFICATION, USE_SSL_FAILED, SSL_CACERT_BADFILE,
                                                                   // SSL_SHUTDOWN_FAILED, SSL_CRL_BADFILE, SSL_ISSUER_ERROR,
                                                                   // SSL_PINNEDPUBKEYNOTMATCH, SSL_INVALIDCERTSTATUS, SSL_CLIENTCERT
        default: return .otherCurl
        }
    }

    public var description: String {
        curlCode.map { "curl error \($0): \(message)" } ?? message
    }
}
