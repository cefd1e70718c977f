/// Why a request's HTTP signature was not accepted (cliauth-httpsig; validator checks 17–35).
public enum AuthFailureReason: String, Sendable, CaseIterable {
    case missingAuthorization, unsupportedScheme, malformedAuthorization, unsupportedAlgorithm
    case missingRequiredHeaders, signedHeaderAbsent, hostMismatch, unknownKey, serverKeyUsed
    case badDate, dateOutOfWindow, replayedRequestId, badRequestId, badSignature, missingDigest, digestMismatch

    /// 401 when the client does not use (a supported form of) this auth method at all, 403 when the
    /// key is not a registered client key, 400 for everything else (specs-digest §2.2, arch §1.5).
    public var status: Int {
        switch self {
        case .missingAuthorization, .unsupportedScheme, .unsupportedAlgorithm: return 401
        case .unknownKey, .serverKeyUsed: return 403
        default: return 400
        }
    }
}

/// A rejected request: the status to answer with, a developer-message that says what to fix, and
/// extra response headers (401 carries the `Signature` challenge and `Want-Digest`).
public struct AuthFailure: Error, Sendable, CustomStringConvertible {
    public let reason: AuthFailureReason
    public let status: Int
    public let developerMessage: String
    public let headers: HeaderList

    public static let challengeHeaders: HeaderList = [
        (name: "WWW-Authenticate", value: "Signature realm=\"EWP\""),
        (name: "Want-Digest", value: "SHA-256"),
    ]

    public init(_ reason: AuthFailureReason, _ developerMessage: String) {
        self.reason = reason
        self.status = reason.status
        self.developerMessage = developerMessage
        self.headers = reason.status == 401 ? Self.challengeHeaders : []
    }

    public var description: String { "\(status) \(reason.rawValue): \(developerMessage)" }
}
