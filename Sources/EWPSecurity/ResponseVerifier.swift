import EWPCrypto
import Foundation
import HTTPTypes

/// Verifies a partner's signed response: every MUST of srvauth-httpsig "Implementing a client"
/// (ewp-specs-sec-srvauth-httpsig), using the Registry's same-host rule through
/// `ServerKeyDirectory`.
///
/// Bounded like `RequestAuthenticator`: the signed headers list names each header once and at most
/// `SigningString.maxHeaderNames`, the signing string is sized before it is built, and failure
/// messages quote the partner's values only as short excerpts (they end up in logs and queue rows).
public struct ResponseVerifier: Sendable {
    public let window: TimeInterval

    /// `window`: allowed clock difference in seconds, never below the spec's 5 minutes.
    public init(window: TimeInterval = 300) { self.window = max(window, 300) }

    public func verify(status: Int, headers: HTTPFields, body: [UInt8], requestMethod: String, requestTarget: String,
                       requestId: String, requestSignature: String?, endpointURL: String, keys: any ServerKeyDirectory,
                       now: Date) -> Result<Void, ResponseVerificationFailure> {
        verifiedHeaders(status: status, headers: headers, body: body, requestMethod: requestMethod, requestTarget: requestTarget,
                        requestId: requestId, requestSignature: requestSignature, endpointURL: endpointURL, keys: keys, now: now)
            .map { _ in () }
    }

    /// As `verify`, returning only the response headers the server signed (the others must be ignored).
    public func verifiedHeaders(status: Int, headers: HTTPFields, body: [UInt8], requestMethod: String, requestTarget: String,
                                requestId: String, requestSignature: String?, endpointURL: String, keys: any ServerKeyDirectory,
                                now: Date) -> Result<HTTPFields, ResponseVerificationFailure> {
        do throws(ResponseVerificationFailure) {
            let names = try check(headers: headers, body: body, requestMethod: requestMethod, requestTarget: requestTarget,
                                  requestId: requestId, requestSignature: requestSignature, endpointURL: endpointURL, keys: keys, now: now)
            return .success(Headers.keeping(names, of: headers))
        } catch {
            return .failure(error)
        }
    }

    private func check(headers: HTTPFields, body: [UInt8], requestMethod: String, requestTarget: String, requestId: String,
                       requestSignature: String?, endpointURL: String, keys: any ServerKeyDirectory, now: Date) throws(ResponseVerificationFailure) -> [String] {
        guard let signatureHeader = Headers.combined("signature", in: headers) else {
            throw .init(.missingSignature, "the response has no Signature header although we sent Accept-Signature: rsa-sha256")
        }
        let echoed = Headers.combined("x-request-id", in: headers)
        guard echoed == requestId else {
            throw .init(.requestIdMismatch, echoed == nil ? "the response has no X-Request-Id; we sent \(requestId)"
                                                          : "the response's X-Request-Id \"\(CallerText.excerpt(echoed!))\" differs from ours (\(requestId))")
        }
        let params: SignatureParameters
        do { params = try SignatureParameters.parse(signatureHeader) } catch {
            throw .init(.malformedSignature, "cannot parse the Signature header (\(error.detail))")
        }
        guard params.algorithm?.lowercased() == "rsa-sha256" else {
            throw .init(.unsupportedAlgorithm, "the Signature algorithm is \(params.algorithm.map { "\"\(CallerText.excerpt($0))\"" } ?? "missing"), expected rsa-sha256")
        }
        guard let keyId = params.keyId, let signatureText = params.signature else {
            throw .init(.malformedSignature, "the Signature header lacks keyId or signature")
        }

        let listed = params.headerNames
        do { try SigningString.checkList(listed) } catch {
            throw .init(.malformedSignature, "the response's Signature is refused: \(error.explanation)")
        }
        var missing = ["digest", "x-request-id"].filter { !listed.contains($0) }
        if requestSignature != nil && !listed.contains("x-request-signature") { missing.append("x-request-signature") }
        if !listed.contains("date") && !listed.contains("original-date") { missing.append("date (or original-date)") }
        guard missing.isEmpty else {
            throw .init(.missingRequiredHeaders, "the response signature does not cover \(missing.joined(separator: ", ")) (headers=\"\(CallerText.excerpt(listed.joined(separator: " "), limit: 200))\")")
        }
        let absent = listed.filter { $0 != "(request-target)" && Headers.values($0, in: headers).isEmpty }
        guard absent.isEmpty else {
            throw .init(.signedHeaderAbsent, "the response signature lists \(CallerText.excerpt(absent.joined(separator: ", "), limit: 200)) but the response lacks it")
        }

        if let requestSignature {
            let echoedSignature = Headers.combined("x-request-signature", in: headers)
            guard echoedSignature == requestSignature else {
                throw .init(.requestSignatureMismatch, "X-Request-Signature does not equal the signature of our request")
            }
        }

        for name in ["date", "original-date"] where listed.contains(name) || !Headers.values(name, in: headers).isEmpty {
            let value = Headers.combined(name, in: headers) ?? ""
            guard let date = HTTPDate.parse(value) else { throw .init(.badDate, "\(name) \"\(CallerText.excerpt(value))\" is not an RFC 1123 GMT date") }
            let skew = date.timeIntervalSince(now)
            guard abs(skew) <= window else {
                throw .init(.dateOutOfWindow, "\(name) \"\(CallerText.excerpt(value))\" is \(Int(abs(skew))) s away from our clock (allowed \(Int(window)) s)")
            }
        }

        guard keyId.count == 64, keyId.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }) else {
            throw .init(.badKeyId, "keyId \"\(CallerText.excerpt(keyId))\" is not a lowercase hex SHA-256 fingerprint")
        }
        guard let key = keys.serverKey(keyId: keyId, forEndpointURL: endpointURL) else {
            throw .init(.unknownKey, "keyId \(keyId) is not a server key of the Registry host that publishes \(endpointURL)")
        }

        let signingString: String
        do {
            signingString = try SigningString.build(headerNames: listed, method: requestMethod, target: requestTarget, headers: headers)
        } catch .tooLong(let size) {
            throw .init(.malformedSignature, "the response's signed headers add up to a \(size)-byte signing string (at most \(SigningString.maxBytes) accepted)")
        } catch {
            throw .init(.signedHeaderAbsent, "a signed header is missing from the response")
        }
        guard let signature = Base64.decode(signatureText),
              key.verifySHA256(signature: signature, message: Array(signingString.utf8)) else {
            throw .init(.badSignature, "the response signature does not verify with key \(keyId)")
        }

        switch DigestHeader.check(Headers.values("digest", in: headers), body: body) {
        case .ok: break
        case .missingSHA256:
            throw .init(.missingDigest, "the response Digest header has no SHA-256 entry")
        case .mismatch(let expected, let received):
            throw .init(.digestMismatch, "the response Digest SHA-256=\(CallerText.excerpt(received)) does not match the body received (SHA-256=\(expected))")
        }
        return listed
    }
}
