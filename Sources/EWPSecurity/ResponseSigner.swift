import EWPCrypto
import Foundation
import HTTPTypes

/// Which date header a signed response carries.
public enum ResponseDateHeader: Sendable {
    /// `Date` (the spec's first choice when nothing rewrites it later).
    case date
    /// `Original-Date` (srvauth-httpsig "About the Original-Date header": for when a proxy or the
    /// framework replaces `Date` after signing). Hummingbird does: it sets `Date` from its own
    /// once-a-second cache on every response, so a signed `Date` would often not match.
    case originalDate

    var name: HTTPField.Name { self == .date ? .date : .originalDate }
}

/// Signs responses (ewp-specs-sec-srvauth-httpsig; the EWP API Validator checks X-Request-Id and
/// the response signature on every response).
public struct ResponseSigner: Sendable {
    public let key: RSAPrivateKey
    /// Fingerprint of the server key (the `keyId` we publish).
    public let keyId: String
    /// Whether to sign `(request-target)` of the request too (the reference implementation does;
    /// ewp-specs-sec-srvauth-httpsig). Turn off only to reproduce our EWP-shaped test vector of the
    /// draft-cavage test key (Tests/EWPSecurityTests/VectorTests).
    public let includeRequestTarget: Bool
    public let dateHeader: ResponseDateHeader

    /// Signs `(request-target)` and uses `Original-Date`, which survives Hummingbird's `Date` rewrite.
    public init(key: RSAPrivateKey) { self.init(key: key, includeRequestTarget: true, dateHeader: .originalDate) }

    public init(key: RSAPrivateKey, includeRequestTarget: Bool, dateHeader: ResponseDateHeader = .originalDate) {
        self.key = key
        self.keyId = key.publicKey.fingerprint
        self.includeRequestTarget = includeRequestTarget
        self.dateHeader = dateHeader
    }

    /// True if any `Accept-Signature` value lists `rsa-sha256` (comma-separated, any case). Unknown
    /// algorithms alone mean "answer as if the header were absent" (checked by the EWP API
    /// Validator).
    public static func isRequested(acceptSignature: [String]) -> Bool {
        acceptSignature.contains { value in
            value.split(separator: ",").contains { Headers.trimmed(String($0)).lowercased() == "rsa-sha256" }
        }
    }

    /// Headers to add: Original-Date (or Date, see `dateHeader`), Digest, X-Request-Id (if the request
    /// had one), X-Request-Signature (if the request was httpsig-signed), Signature.
    public func headers(requestMethod: String, requestTarget: String, requestId: String?, requestSignature: String?, body: [UInt8], now: Date) -> HTTPFields {
        headers(requestMethod: requestMethod, requestTarget: requestTarget, requestId: requestId,
                requestSignature: requestSignature, body: body, now: now, alsoSigning: [:])
    }

    /// As above; `alsoSigning` are headers the response will carry anyway (e.g. `Content-Type`) that
    /// the signature should cover too. They are not repeated in the result.
    public func headers(requestMethod: String, requestTarget: String, requestId: String?, requestSignature: String?,
                        body: [UInt8], now: Date, alsoSigning: HTTPFields) -> HTTPFields {
        var added: HTTPFields = [
            dateHeader.name: HTTPDate.format(now),
            .digest: DigestHeader.sha256Value(of: body),
        ]
        if let requestId { added.append(HTTPField(name: .xRequestID, value: requestId)) }
        if let requestSignature { added.append(HTTPField(name: .xRequestSignature, value: requestSignature)) }

        let reserved: Set<String> = ["date", "original-date", "digest", "x-request-id", "x-request-signature", "signature"]
        let extra = HTTPFields(alsoSigning.filter { !reserved.contains($0.name.canonicalName) })
        var names = includeRequestTarget ? ["(request-target)"] : []
        names += added.map { $0.name.canonicalName }
        for header in extra where !names.contains(header.name.canonicalName) { names.append(header.name.canonicalName) }

        guard let signingString = try? SigningString.build(headerNames: names, method: requestMethod, target: requestTarget, headers: added + extra),
              let signature = try? key.signSHA256(Array(signingString.utf8)) else {
            // Signing with a loaded key fails only on memory exhaustion; the client will then reject
            // the unsigned response, which is the safe outcome.
            return added
        }
        added.append(HTTPField(name: .signature, value: SignatureParameters.render(keyId: keyId, headerNames: names, signature: Base64.encode(signature))))
        return added
    }
}
