import EWPCore
import HTTPTypes

/// A caller whose HTTP signature checked out.
public struct AuthenticatedClient: Sendable {
    /// Lowercase hex SHA-256 of the client's public key.
    public let keyId: String
    /// HEIs covered by the hosts using this key (0..n; the server derives the caller from this only).
    public let heiIDs: [HEIID]
    /// The request's `X-Request-Id` (canonical lowercase UUID).
    public let requestId: String
    /// The `signature` parameter, to be echoed as `X-Request-Signature`.
    public let signature: String
    /// The lowercased names in the `headers` parameter; all other request headers must be ignored.
    public let signedHeaders: [String]

    public init(keyId: String, heiIDs: [HEIID], requestId: String, signature: String, signedHeaders: [String]) {
        self.keyId = keyId
        self.heiIDs = heiIDs
        self.requestId = requestId
        self.signature = signature
        self.signedHeaders = signedHeaders
    }

    /// The request headers the client signed; pass only these to the API code.
    public func signedHeaders(of headers: HTTPFields) -> HTTPFields { Headers.keeping(signedHeaders, of: headers) }
}
