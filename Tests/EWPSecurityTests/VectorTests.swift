import EWPCrypto
import EWPTestSupport
import Foundation
import HTTPTypes
import Testing
@testable import EWPSecurity

/// draft-cavage Appendix C and our EWP-shaped vectors through SigningString, RequestSigner and
/// ResponseSigner, with the draft's test key, the fixed date and the fixed request id.
@Suite("draft-cavage and EWP-shaped vectors through the signers")
struct VectorTests {
    static let date = HTTPDate.parse("Sun, 05 Jan 2014 21:31:40 GMT")!
    static let requestId = "e7c3b6a8-5d4f-4e2a-9b1c-0d2e3f4a5b6c"
    static let requestSignature = "XDhkvL4FwFxYboolxkKH21u3bNEUSFO7YdZ04lOBVmiF1ImSSjejR2L0l7IQcwJNjJfXcKBmDOnWhxKmAzffnc7sMuHbV51Sd7d8EOjdpqYfNeXodpYUr2g+nnFyDm8PG1cthvTGJlyXQTwAu7GQa8PRRLUrtNQoBMjjXuhBhNk="
    static let responseBody = Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<response xmlns=\"https://github.com/erasmus-without-paper/ewp-specs-api-echo/tree/stable-v2\"><hei-id>uw.edu.pl</hei-id><echo>a</echo><echo>b</echo></response>".utf8)

    static let cavageHeaders: HTTPFields = [
        (name: "Host", value: "example.com"), (name: "Date", value: "Sun, 05 Jan 2014 21:31:40 GMT"),
        (name: "Content-Type", value: "application/json"),
        (name: "Digest", value: "SHA-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE="), (name: "Content-Length", value: "18"),
    ]

    @Test("C.2 signing string and signature")
    func c2() throws {
        let s = try SigningString.build(headerNames: ["(request-target)", "host", "date"], method: "POST", target: "/foo?param=value&pet=dog", headers: Self.cavageHeaders)
        #expect(s == "(request-target): post /foo?param=value&pet=dog\nhost: example.com\ndate: Sun, 05 Jan 2014 21:31:40 GMT")
        #expect(Base64.encode(try DraftCavageKey.key().signSHA256(Array(s.utf8))) == "qdx+H7PHHDZgy4y/Ahn9Tny9V3GP6YgBPyUXMmoxWtLbHpUnXS2mg2+SbrQDMCJypxBLSPQR2aAjn7ndmw2iicw3HMbe8VfEdKFYRqzic+efkb3nndiv/x1xSHDJWeSWkx3ButlYSuBskLu6kd9Fswtemr3lgdDEmn04swr2Os0=")
    }

    @Test("C.3 signing string (header names given in mixed case) and signature")
    func c3() throws {
        let s = try SigningString.build(headerNames: ["(request-target)", "host", "date", "Content-Type", "digest", "content-length"], method: "post", target: "/foo?param=value&pet=dog", headers: Self.cavageHeaders)
        #expect(s.hasSuffix("\ncontent-type: application/json\ndigest: SHA-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=\ncontent-length: 18"))
        #expect(Base64.encode(try DraftCavageKey.key().signSHA256(Array(s.utf8))) == "vSdrb+dS3EceC9bcwHSo4MlyKS59iFIrhgYkz8+oVLEEzmYZZvRs8rgOp+63LEM3v+MFHB32NfpB2bEKBIvB1q52LaEUHFv120V01IL+TAD48XaERZFukWgHoBTLMhYS2Gb51gWxpeIq8knRmPnYePbF5MOkR0Zkly4zKH7s1dE=")
    }

    @Test("EWP request vector: RequestSigner with the fixed date and id reproduces the Authorization signature")
    func ewpRequest() throws {
        let signer = RequestSigner(key: try DraftCavageKey.key())
        #expect(signer.keyId == DraftCavageKey.keyId)
        // The vector signs exactly (request-target) host date digest x-request-id.
        let headers: HTTPFields = [(name: "Host", value: "example.com"), (name: "Date", value: "Sun, 05 Jan 2014 21:31:40 GMT"),
                                   (name: "Digest", value: DigestHeader.sha256Value(of: Array("echo=a&echo=b".utf8))),
                                   (name: "X-Request-Id", value: Self.requestId)]
        #expect(headers[2].value == "SHA-256=rf6cr29gDsP6z5fTJSeuw222I0cdimTJ1Gl8+8RFAZE=")
        let s = try SigningString.build(headerNames: ["(request-target)", "host", "date", "digest", "x-request-id"], method: "POST", target: "/ewp/echo", headers: headers)
        #expect(Base64.encode(try signer.key.signSHA256(Array(s.utf8))) == Self.requestSignature)

        // RequestSigner fills in the same Date, Digest and X-Request-Id values.
        let signed = signer.signedRequest(method: "POST", host: "example.com", target: "/ewp/echo", headers: [], body: Array("echo=a&echo=b".utf8),
                                          now: Self.date, requestId: Self.requestId, askForSignedResponse: false)
        #expect(signed.signedHeaderNames == ["(request-target)", "host", "date", "x-request-id", "digest"])
        let value = { (n: String) in signed.headers.first { $0.name == n }?.value }
        #expect(value("Date") == "Sun, 05 Jan 2014 21:31:40 GMT")
        #expect(value("Digest") == "SHA-256=rf6cr29gDsP6z5fTJSeuw222I0cdimTJ1Gl8+8RFAZE=")
        #expect(value("X-Request-Id") == Self.requestId)
        #expect(value("Authorization")?.hasPrefix("Signature keyId=\"\(DraftCavageKey.keyId)\",algorithm=\"rsa-sha256\",headers=\"(request-target) host date x-request-id digest\",signature=\"") == true)
    }

    @Test("EWP response vector: ResponseSigner without (request-target) reproduces the Signature header exactly")
    func ewpResponse() throws {
        let signer = ResponseSigner(key: try DraftCavageKey.key(), includeRequestTarget: false, dateHeader: .date)
        let headers = signer.headers(requestMethod: "POST", requestTarget: "/ewp/echo", requestId: Self.requestId,
                                     requestSignature: Self.requestSignature, body: Self.responseBody, now: Self.date)
        #expect(headers.map(\.name.rawName) == ["Date", "Digest", "X-Request-Id", "X-Request-Signature", "Signature"])
        #expect(headers[1].value == "SHA-256=JmVPwo1OSLLfZ7xJb2WomkCEvL/wDMBfK7Rr3bhnpII=")
        #expect(headers[4].value == "keyId=\"6abc29c310d9c042fd93e21828b8178161400a3b78adf0f09d62ac13712eb5fe\",algorithm=\"rsa-sha256\",headers=\"date digest x-request-id x-request-signature\",signature=\"nkqMQrcDSdtlTQAY9ze+4AChyicDiHWb3Gq2A9dl450P14MCadiXp8PIl22JvydUITo0q2CTyabtKBs3Z4OsDeo+KPev9Gi+Ij3B4J8zcAKraCqdB9P+gypz1IbXjx3ye5lfPMZqyklKuDFfO/4nlrpd2FkLRfIK7fwk3vJlvlI=\"")
    }

    @Test("EWP request vector is accepted by RequestAuthenticator at its own date")
    func authenticateVector() throws {
        var dir = TestDirectory()
        dir.addClient(try DraftCavageKey.key().publicKey, heis: ["uw.edu.pl"])
        let auth = RequestAuthenticator(expectedHosts: ["example.com"], replayLedger: ReplayGuard())
        let message = SignableMessage(method: "POST", target: "/ewp/echo", headers: [
            (name: "Host", value: "example.com"), (name: "Date", value: "Sun, 05 Jan 2014 21:31:40 GMT"),
            (name: "Digest", value: "SHA-256=rf6cr29gDsP6z5fTJSeuw222I0cdimTJ1Gl8+8RFAZE="),
            (name: "X-Request-Id", value: Self.requestId),
            (name: "Authorization", value: "Signature keyId=\"\(DraftCavageKey.keyId)\",algorithm=\"rsa-sha256\",headers=\"(request-target) host date digest x-request-id\",signature=\"\(Self.requestSignature)\""),
        ], body: Array("echo=a&echo=b".utf8))
        let client = try auth.verify(message, keys: dir, now: Self.date.addingTimeInterval(30)).get()
        #expect(client.keyId == DraftCavageKey.keyId)
        #expect(client.heiIDs == ["uw.edu.pl"])
        #expect(client.signature == Self.requestSignature)
    }
}
