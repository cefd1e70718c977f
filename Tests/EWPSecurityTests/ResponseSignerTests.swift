import EWPCrypto
import EWPTestSupport
import Foundation
import HTTPTypes
import Testing
@testable import EWPSecurity

@Suite("ResponseSigner (srvauth-httpsig; the EWP API Validator's checks of every response)")
struct ResponseSignerTests {
    static let body = Array("<response/>".utf8)
    let signer = ResponseSigner(key: Keys.server)

    func value(_ headers: HTTPFields, _ name: String) -> String? { headers.first { $0.name == name }?.value }

    @Test("Original-Date, Digest, X-Request-Id, X-Request-Signature and Signature with keyId = server key fingerprint")
    func fullSet() throws {
        let h = signer.headers(requestMethod: "POST", requestTarget: "/ewp/echo", requestId: "e7c3b6a8-5d4f-4e2a-9b1c-0d2e3f4a5b6c",
                               requestSignature: "c2ln", body: Self.body, now: Probe.now)
        #expect(h.map(\.name.rawName) == ["Original-Date", "Digest", "X-Request-Id", "X-Request-Signature", "Signature"])
        #expect(value(h, "Original-Date") == HTTPDate.format(Probe.now))
        #expect(value(h, "Digest") == "SHA-256=" + SHA256Hash.base64(Self.body))
        let params = try SignatureParameters.parse(try #require(value(h, "Signature")))
        #expect(params.keyId == Keys.server.publicKey.fingerprint)
        #expect(params.algorithm == "rsa-sha256")
        #expect(params.headerNames == ["(request-target)", "original-date", "digest", "x-request-id", "x-request-signature"])
    }

    @Test("dateHeader .date signs Date instead (for servers whose Date is not rewritten)")
    func plainDate() throws {
        let h = ResponseSigner(key: Keys.server, includeRequestTarget: true, dateHeader: .date)
            .headers(requestMethod: "GET", requestTarget: "/x", requestId: nil, requestSignature: nil, body: [], now: Probe.now)
        #expect(h.map(\.name.rawName) == ["Date", "Digest", "Signature"])
        #expect(try SignatureParameters.parse(value(h, "Signature")!).headerNames == ["(request-target)", "date", "digest"])
    }

    @Test("a framework that replaces Date after signing (Hummingbird) does not break the default signature")
    func dateRewriteSurvives() {
        var h = signer.headers(requestMethod: "GET", requestTarget: "/ewp/echo", requestId: "e7c3b6a8-5d4f-4e2a-9b1c-0d2e3f4a5b6c",
                               requestSignature: nil, body: [], now: Probe.now)
        h.append((name: "Date", value: HTTPDate.format(Probe.now.addingTimeInterval(1))))   // added by the framework
        let result = ResponseVerifier().verify(status: 200, headers: h, body: [], requestMethod: "GET", requestTarget: "/ewp/echo",
                                               requestId: "e7c3b6a8-5d4f-4e2a-9b1c-0d2e3f4a5b6c", requestSignature: nil,
                                               endpointURL: "https://ewp.example.org/ewp/echo", keys: Keys.directory, now: Probe.now)
        #expect(result.isSuccess)
    }

    @Test("no X-Request-Id in the request → none in the response, and not signed")
    func noRequestId() throws {
        let h = signer.headers(requestMethod: "GET", requestTarget: "/x", requestId: nil, requestSignature: nil, body: [], now: Probe.now)
        #expect(value(h, "X-Request-Id") == nil)
        #expect(value(h, "X-Request-Signature") == nil)
        let params = try SignatureParameters.parse(try #require(value(h, "Signature")))
        #expect(params.headerNames == ["(request-target)", "original-date", "digest"])
    }

    @Test("a non-httpsig request with X-Request-Id gets it echoed and signed, without X-Request-Signature")
    func echoWithoutClientSignature() throws {
        let h = signer.headers(requestMethod: "GET", requestTarget: "/x", requestId: "abc", requestSignature: nil, body: [], now: Probe.now)
        #expect(value(h, "X-Request-Id") == "abc")
        #expect(value(h, "X-Request-Signature") == nil)
        #expect(try SignatureParameters.parse(value(h, "Signature")!).headerNames.contains("x-request-id"))
    }

    @Test("the signature verifies over (request-target) of the request plus the added headers")
    func verifiesOverRequestTarget() throws {
        let h = signer.headers(requestMethod: "POST", requestTarget: "/ewp/echo?x=1", requestId: "id", requestSignature: nil, body: Self.body, now: Probe.now)
        let params = try SignatureParameters.parse(value(h, "Signature")!)
        let s = try SigningString.build(headerNames: params.headerNames, method: "POST", target: "/ewp/echo?x=1", headers: h)
        #expect(s.hasPrefix("(request-target): post /ewp/echo?x=1\n"))
        #expect(Keys.server.publicKey.verifySHA256(signature: Base64.decode(params.signature!)!, message: Array(s.utf8)))
    }

    @Test("alsoSigning covers Content-Type without repeating it")
    func alsoSigning() throws {
        let h = signer.headers(requestMethod: "GET", requestTarget: "/x", requestId: nil, requestSignature: nil, body: [], now: Probe.now,
                               alsoSigning: [(name: "Content-Type", value: "application/xml; charset=utf-8"), (name: "Date", value: "ignored")])
        #expect(value(h, "Content-Type") == nil)
        #expect(h.filter { $0.name == "Date" }.count == 0)
        #expect(h.filter { $0.name == "Original-Date" }.count == 1)
        let names = try SignatureParameters.parse(value(h, "Signature")!).headerNames
        #expect(names == ["(request-target)", "original-date", "digest", "content-type"])
    }

    @Test("isRequested: rsa-sha256 among comma-separated values, any case; unknown only → false (checked by the EWP API Validator)",
          arguments: [
            (["rsa-sha256"], true), (["RSA-SHA256"], true), (["rsa-sha256, unknown-algorithm"], true),
            (["unknown-algorithm,  Rsa-Sha256 "], true), (["unknown-algorithm"], false), ([], false),
            (["hs2019", "rsa-sha256"], true), (["rsa-sha2567"], false),
          ] as [([String], Bool)])
    func isRequested(values: [String], expected: Bool) {
        #expect(ResponseSigner.isRequested(acceptSignature: values) == expected)
    }
}

@Suite("RequestSignatureEcho: the value for X-Request-Signature (checked by the EWP API Validator)")
struct RequestSignatureEchoTests {
    @Test("the signature parameter of Authorization: Signature, any scheme case; nil otherwise")
    func value() {
        let probe = Probe()
        #expect(RequestSignatureEcho.value(in: probe.message().headers) == probe.signature)
        #expect(RequestSignatureEcho.value(in: [(name: "authorization", value: "signature keyId=\"k\",signature=\"c2ln\"")]) == "c2ln")
        #expect(RequestSignatureEcho.value(in: [(name: "Authorization", value: "Basic dXNlcjpwYXNz")]) == nil)
        #expect(RequestSignatureEcho.value(in: [(name: "Authorization", value: "Signature keyId=\"unterminated")]) == nil)
        #expect(RequestSignatureEcho.value(in: []) == nil)
    }
}
