/// Why a partner's signed response was rejected (srvauth-httpsig "Implementing a client").
public struct ResponseVerificationFailure: Error, Sendable, CustomStringConvertible {
    public enum Reason: String, Sendable, CaseIterable {
        case requestIdMismatch, missingSignature, malformedSignature, unsupportedAlgorithm
        case missingRequiredHeaders, signedHeaderAbsent, requestSignatureMismatch
        case badDate, dateOutOfWindow, badKeyId, unknownKey, badSignature, missingDigest, digestMismatch
    }
    public let reason: Reason
    public let message: String

    public init(_ reason: Reason, _ message: String) {
        self.reason = reason
        self.message = message
    }

    public var description: String { "\(reason.rawValue): \(message)" }
}
