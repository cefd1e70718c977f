import EWPCrypto
import EWPTestSupport
import Foundation
import HTTPTypes
import Testing
@testable import EWPSecurity

@Suite("RequestSigner (cliauth-httpsig client side)")
struct RequestSignerTests {
    let signer = RequestSigner(key: Keys.client)

    @Test("adds Host, Date, X-Request-Id, Digest, Accept-Signature, Want-Digest and Authorization; signs every header")
    func headers() throws {
        let signed = signer.signedRequest(method: "POST", host: Probe.host, target: "/ewp/echo",
                                          headers: [(name: "Content-Type", value: "application/x-www-form-urlencoded")],
                                          body: Array("echo=a".utf8), now: Probe.now)
        #expect(signed.headers.map(\.name.rawName) == ["Host", "Date", "X-Request-Id", "Digest", "Accept-Signature", "Want-Digest", "Content-Type", "Authorization"])
        #expect(RequestId.isCanonical(signed.requestId))
        #expect(signed.signedHeaderNames == ["(request-target)", "host", "date", "x-request-id", "digest", "accept-signature", "want-digest", "content-type"])
        #expect(signed.headers.first { $0.name == "Accept-Signature" }?.value == "rsa-sha256")
        #expect(signed.headers.last?.value.contains("signature=\"\(signed.signature)\"") == true)
    }

    @Test("our own authenticator accepts what the signer produces")
    func roundTrip() throws {
        let body = Array("echo=a&echo=b".utf8)
        let h = signer.sign(method: "POST", host: Probe.host, target: "/ewp/echo", headers: [], body: body, now: Probe.now)
        let client = try Probe.authenticator().verify(SignableMessage(method: "POST", target: "/ewp/echo", headers: h, body: body),
                                                            keys: Keys.directory, now: Probe.now).get()
        #expect(client.heiIDs == ["uw.edu.pl"])
    }

    @Test("caller-supplied Date/Host/Authorization are replaced, not duplicated; askForSignedResponse=false omits Accept-Signature")
    func replaces() {
        let h = signer.sign(method: "GET", host: Probe.host, target: "/x", headers: [(name: "date", value: "old"), (name: "Authorization", value: "Basic x")],
                            body: [], now: Probe.now, requestId: "e7c3b6a8-5d4f-4e2a-9b1c-0d2e3f4a5b6c", askForSignedResponse: false)
        #expect(h.filter { $0.name.canonicalName == "date" }.count == 1)
        #expect(h.filter { $0.name.canonicalName == "authorization" }.count == 1)
        #expect(!h.contains { $0.name == "Accept-Signature" })
        #expect(h.first { $0.name == "X-Request-Id" }?.value == "e7c3b6a8-5d4f-4e2a-9b1c-0d2e3f4a5b6c")
        #expect(h.first { $0.name == "Digest" }?.value == "SHA-256=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")
    }
}

@Suite("Signature parameter lists")
struct SignatureParametersTests {
    @Test("quoted values with escapes, bare tokens, any case of names")
    func parse() throws {
        let p = try SignatureParameters.parse(#"KeyId="a\"b", algorithm=rsa-sha256 ,headers="(request-target) Host",signature="x=""#)
        #expect(p.keyId == "a\"b")
        #expect(p.algorithm == "rsa-sha256")
        #expect(p.headerNames == ["(request-target)", "host"])
        #expect(p.signature == "x=")
    }

    @Test("render then parse round-trips")
    func roundTrip() throws {
        let text = SignatureParameters.render(keyId: "k", headerNames: ["date", "digest"], signature: "c2ln")
        #expect(text == #"keyId="k",algorithm="rsa-sha256",headers="date digest",signature="c2ln""#)
        let p = try SignatureParameters.parse(text)
        #expect(p.values == ["keyid": "k", "algorithm": "rsa-sha256", "headers": "date digest", "signature": "c2ln"])
    }
}
