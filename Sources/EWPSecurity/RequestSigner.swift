import EWPCrypto
import Foundation
import HTTPTypes

/// A request after signing: the headers to send, and what the response verifier needs.
public struct SignedRequest: Sendable {
    public let headers: HTTPFields
    public let requestId: String
    /// The `signature` parameter of our Authorization header (echoed as `X-Request-Signature`).
    public let signature: String
    public let signedHeaderNames: [String]
}

/// Signs outbound requests (ewp-specs-sec-cliauth-httpsig › Implementing a client). Like the
/// reference client it signs `(request-target)` and every header it sends.
public struct RequestSigner: Sendable {
    public let key: RSAPrivateKey
    public let keyId: String

    public init(key: RSAPrivateKey) {
        self.key = key
        self.keyId = key.publicKey.fingerprint
    }

    /// Adds Host, Date, X-Request-Id (fresh lowercase UUID v4 unless given), Digest, Accept-Signature+Want-Digest when asked, Authorization.
    public func sign(method: String, host: String, target: String, headers: HTTPFields, body: [UInt8], now: Date, requestId: String? = nil, askForSignedResponse: Bool = true) -> HTTPFields {
        signedRequest(method: method, host: host, target: target, headers: headers, body: body, now: now,
                      requestId: requestId, askForSignedResponse: askForSignedResponse).headers
    }

    /// `headers` are sent as given (and signed); any Host, Date, X-Request-Id, Digest,
    /// Accept-Signature, Want-Digest or Authorization among them is replaced by ours.
    public func signedRequest(method: String, host: String, target: String, headers: HTTPFields, body: [UInt8], now: Date,
                              requestId: String? = nil, askForSignedResponse: Bool = true) -> SignedRequest {
        let id = requestId ?? RequestId.fresh()
        let ours: Set<String> = ["host", "date", "x-request-id", "digest", "accept-signature", "want-digest", "authorization"]
        var all: HTTPFields = [
            .hostHeader: host,
            .date: HTTPDate.format(now),
            .xRequestID: id,
            .digest: DigestHeader.sha256Value(of: body),
        ]
        if askForSignedResponse {
            all.append(HTTPField(name: .acceptSignature, value: "rsa-sha256"))
            all.append(HTTPField(name: .wantDigest, value: "SHA-256"))
        }
        all.append(contentsOf: headers.filter { !ours.contains($0.name.canonicalName) })

        var names = ["(request-target)"]
        for header in all where !names.contains(header.name.canonicalName) { names.append(header.name.canonicalName) }
        var signatureText = ""
        if let signingString = try? SigningString.build(headerNames: names, method: method, target: target, headers: all),
           let signature = try? key.signSHA256(Array(signingString.utf8)) {
            signatureText = Base64.encode(signature)
            all.append(HTTPField(name: .authorization, value: "Signature " + SignatureParameters.render(keyId: keyId, headerNames: names, signature: signatureText)))
        }
        // Without an Authorization header (signing failed: memory exhaustion only) the server answers 401.
        return SignedRequest(headers: all, requestId: id, signature: signatureText, signedHeaderNames: names)
    }
}
