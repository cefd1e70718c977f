import EWPCrypto
import EWPTestSupport
import Foundation
import HTTPTypes
import Testing
@testable import EWPSecurity

@Suite("ResponseVerifier: every MUST of srvauth-httpsig client verification (the EWP API Validator's checks of every response)")
struct ResponseVerifierTests {
    static let url = "https://ewp.example.org/ewp/echo"
    static let requestId = "e7c3b6a8-5d4f-4e2a-9b1c-0d2e3f4a5b6c"
    static let requestSignature = "cmVxdWVzdC1zaWduYXR1cmU="
    static let body = Array("<response/>".utf8)

    /// A correctly signed response plus Content-Type (unsigned).
    var headers: HTTPFields = ResponseSigner(key: Keys.server).headers(
        requestMethod: "POST", requestTarget: "/ewp/echo", requestId: requestId, requestSignature: requestSignature, body: body, now: Probe.now)
        + [(name: "Content-Type", value: "application/xml")]

    func verify(_ headers: HTTPFields, body: [UInt8] = body, requestSignature: String? = requestSignature, url: String = url,
                now: Date = Probe.now) -> ResponseVerificationFailure.Reason? {
        ResponseVerifier().verify(status: 200, headers: headers, body: body, requestMethod: "POST", requestTarget: "/ewp/echo",
                                  requestId: Self.requestId, requestSignature: requestSignature, endpointURL: url,
                                  keys: Keys.directory, now: now).failure?.reason
    }

    func replacing(_ name: String, with value: String?) -> HTTPFields {
        var h = headers.filter { $0.name != name }
        if let value { h.append((name: name, value: value)) }
        return h
    }

    @Test("a correct response verifies; verifiedHeaders drops unsigned headers")
    func valid() throws {
        #expect(verify(headers) == nil)
        let kept = try ResponseVerifier().verifiedHeaders(status: 200, headers: headers, body: Self.body, requestMethod: "POST", requestTarget: "/ewp/echo",
                                                           requestId: Self.requestId, requestSignature: Self.requestSignature,
                                                           endpointURL: Self.url, keys: Keys.directory, now: Probe.now).get()
        #expect(!kept.contains { $0.name == "Content-Type" })
        #expect(kept.contains { $0.name == "Digest" })
    }

    @Test("X-Request-Id missing or different → rejected")
    func requestId() {
        #expect(verify(replacing("X-Request-Id", with: nil)) == .requestIdMismatch)
        #expect(verify(replacing("X-Request-Id", with: "00000000-0000-0000-0000-000000000000")) == .requestIdMismatch)
    }

    @Test("no Signature header, or an unparseable one → rejected")
    func signatureHeader() {
        #expect(verify(replacing("Signature", with: nil)) == .missingSignature)
        #expect(verify(replacing("Signature", with: "keyId=\"abc")) == .malformedSignature)
    }

    @Test("algorithm other than rsa-sha256 → rejected")
    func algorithm() {
        let sig = headers.first { $0.name == "Signature" }!.value.replacingOccurrences(of: "rsa-sha256", with: "hs2019")
        #expect(verify(replacing("Signature", with: sig)) == .unsupportedAlgorithm)
    }

    @Test("the signature must cover digest, x-request-id, x-request-signature and a date")
    func coverage() {
        let h = ResponseSigner(key: Keys.server).headers(requestMethod: "POST", requestTarget: "/ewp/echo", requestId: Self.requestId,
                                                         requestSignature: nil, body: Self.body, now: Probe.now)
        // Signed without X-Request-Signature, but our request was httpsig-signed.
        #expect(verify(h + [(name: "X-Request-Signature", value: Self.requestSignature)]) == .missingRequiredHeaders)
        // The same response is fine for a request that was not httpsig-signed.
        #expect(verify(h, requestSignature: nil) == nil)
    }

    @Test("X-Request-Signature different from our request's signature → rejected")
    func requestSignatureEcho() {
        let h = ResponseSigner(key: Keys.server).headers(requestMethod: "POST", requestTarget: "/ewp/echo", requestId: Self.requestId,
                                                         requestSignature: "b3RoZXI=", body: Self.body, now: Probe.now)
        #expect(verify(h) == .requestSignatureMismatch)
    }

    @Test("a date outside ±5 minutes or not RFC 1123 → rejected")
    func dates() {
        #expect(verify(headers, now: Probe.now.addingTimeInterval(301)) == .dateOutOfWindow)
        #expect(verify(headers, now: Probe.now.addingTimeInterval(-299)) == nil)
        #expect(verify(replacing("Original-Date", with: "yesterday")) == .badDate)
    }

    @Test("keyId not lowercase hex, unknown, or a key of another host → rejected")
    func keys() {
        let sig = headers.first { $0.name == "Signature" }!.value
        let fp = Keys.server.publicKey.fingerprint
        #expect(verify(replacing("Signature", with: sig.replacingOccurrences(of: fp, with: fp.uppercased()))) == .badKeyId)
        #expect(verify(headers, url: "https://other.example.org/ewp/echo") == .unknownKey)
        let client = ResponseSigner(key: Keys.client).headers(requestMethod: "POST", requestTarget: "/ewp/echo", requestId: Self.requestId,
                                                              requestSignature: Self.requestSignature, body: Self.body, now: Probe.now)
        #expect(verify(client) == .unknownKey)
    }

    @Test("the signature covers (request-target) of our request and the signed headers")
    func signature() {
        #expect(ResponseVerifier().verify(status: 200, headers: headers, body: Self.body, requestMethod: "GET", requestTarget: "/ewp/echo",
                                          requestId: Self.requestId, requestSignature: Self.requestSignature, endpointURL: Self.url,
                                          keys: Keys.directory, now: Probe.now).failure?.reason == .badSignature)
        let tamperedDate = HTTPDate.format(Probe.now.addingTimeInterval(1))
        #expect(verify(replacing("Original-Date", with: tamperedDate)) == .badSignature)
    }

    @Test("Digest must have SHA-256 equal to the body as received")
    func digest() {
        #expect(verify(headers, body: Array("<response>changed</response>".utf8)) == .digestMismatch)
        // A signed Digest without SHA-256 (re-signed so only the digest rule fails).
        let names = ["date", "digest", "x-request-id", "x-request-signature"]
        var h: HTTPFields = [(name: "Date", value: HTTPDate.format(Probe.now)), (name: "Digest", value: "SHA=abc="),
                             (name: "X-Request-Id", value: Self.requestId), (name: "X-Request-Signature", value: Self.requestSignature)]
        let s = try! SigningString.build(headerNames: names, method: "POST", target: "/ewp/echo", headers: h)
        h.append((name: "Signature", value: SignatureParameters.render(keyId: Keys.server.publicKey.fingerprint, headerNames: names,
                                                                        signature: Base64.encode(try! Keys.server.signSHA256(Array(s.utf8))))))
        #expect(verify(h) == .missingDigest)
    }

    @Test("a signed header listed but absent → rejected")
    func listedButAbsent() {
        let sig = headers.first { $0.name == "Signature" }!.value.replacingOccurrences(of: "headers=\"", with: "headers=\"content-language ")
        #expect(verify(replacing("Signature", with: sig)) == .signedHeaderAbsent)
    }
}
