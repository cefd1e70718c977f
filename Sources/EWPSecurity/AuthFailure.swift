import EWPCore
import HTTPTypes

/// Why a request's HTTP signature was not accepted (cliauth-httpsig; the EWP API Validator's
/// HTTP-signature checks).
public enum AuthFailureReason: String, Sendable, CaseIterable {
    case missingAuthorization, unsupportedScheme, malformedAuthorization, unsupportedAlgorithm
    case missingRequiredHeaders, signedHeaderAbsent, hostMismatch, unknownKey, serverKeyUsed
    case badDate, dateOutOfWindow, replayedRequestId, badRequestId, badSignature, missingDigest, digestMismatch
    /// The signature verified, but the seen request ids could not be checked (the store did not answer).
    case replayCheckUnavailable

    /// 401 when the client does not use (a supported form of) this auth method at all, 403 when the
    /// key is not a registered client key, 503 when we cannot tell whether it is a replay (our fault,
    /// temporary), 400 for everything else (ewp-specs-sec-cliauth-httpsig, ewp-specs-architecture ›
    /// Error handling).
    public var status: HTTPResponse.Status {
        switch self {
        case .missingAuthorization, .unsupportedScheme, .unsupportedAlgorithm: return .unauthorized
        case .unknownKey, .serverKeyUsed: return .forbidden
        case .replayCheckUnavailable: return .serviceUnavailable
        default: return .badRequest
        }
    }
}

/// A rejected request: the status to answer with, a developer-message that says what to fix, and
/// extra response headers (401 carries the `Signature` challenge and `Want-Digest`).
public struct AuthFailure: EWPError, CustomStringConvertible {
    public let reason: AuthFailureReason
    public let status: HTTPResponse.Status
    public let developerMessage: String
    public let responseHeaders: HTTPFields

    public static let challengeHeaders: HTTPFields = [
        .wwwAuthenticate: "Signature realm=\"EWP\"",
        .wantDigest: "SHA-256",
    ]

    public init(_ reason: AuthFailureReason, _ developerMessage: String) {
        self.reason = reason
        self.status = reason.status
        self.developerMessage = developerMessage
        self.responseHeaders = reason.status == .unauthorized ? Self.challengeHeaders : [:]
    }

    public var description: String { "\(status.code) \(reason.rawValue): \(developerMessage)" }
}
