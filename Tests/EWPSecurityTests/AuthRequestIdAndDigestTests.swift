import EWPCrypto
import Foundation
import Testing
@testable import EWPSecurity

@Suite("cliauth-httpsig: X-Request-Id and Digest")
struct AuthRequestIdAndDigestTests {
    @Test("EWP API Validator: a non-canonical X-Request-Id, re-signed, is 400", arguments: [
        "E7C3B6A8-5D4F-4E2A-9B1C-0D2E3F4A5B6C", "e7c3b6a85d4f4e2a9b1c0d2e3f4a5b6c", "{e7c3b6a8-5d4f-4e2a-9b1c-0d2e3f4a5b6c}", "request-1",
    ])
    func nonCanonicalRequestId(_ id: String) throws {
        let failure = try #require(Probe(requestId: id).run().failure)
        #expect(failure.reason == .badRequestId)
        #expect(failure.status == 400)
        #expect(failure.developerMessage.contains("canonical lowercase"))
    }

    @Test("EWP API Validator: the body replaced after signing is 400 digestMismatch")
    func bodyReplaced() throws {
        let failure = try #require(Probe().run { $0.body = Array("echo=x".utf8) }.failure)
        #expect(failure.reason == .digestMismatch)
        #expect(failure.status == 400)
        #expect(failure.developerMessage.contains("exact body bytes"))
    }

    @Test("EWP API Validator: an extra unknown digest algorithm is tolerated")
    func unknownAlgorithmTolerated() {
        var probe = Probe()
        probe.set("Digest", DigestHeader.sha256Value(of: probe.body) + ", Unknown-Digest-Algorithm=SomeValue")
        #expect(probe.run().isSuccess)
    }

    @Test("EWP API Validator: only SHA=<sha1> is 400 missingDigest")
    func onlySHA1() throws {
        var probe = Probe(); probe.set("Digest", "SHA=tYTRxe/6mcOB5ZuNbCgbmjsHRA8=")
        let failure = try #require(probe.run().failure)
        #expect(failure.reason == .missingDigest)
        #expect(failure.status == 400)
        #expect(failure.developerMessage.contains("sha"))
    }

    @Test("EWP API Validator: a mixed-case algorithm name shA-256 is accepted")
    func mixedCase() {
        var probe = Probe(); probe.set("Digest", "shA-256=" + SHA256Hash.base64(probe.body))
        #expect(probe.run().isSuccess)
    }

    @Test("GET with the empty-body digest is accepted")
    func emptyBody() {
        var probe = Probe(); probe.method = "GET"; probe.target = "/ewp/echo?echo=a&echo=b"; probe.body = []
        probe.set("Digest", "SHA-256=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")
        #expect(probe.run().isSuccess)
    }

    @Test("Digest parsing: several headers, spaces, '=' inside values, first entry of a name wins")
    func digestEntries() {
        let entries = DigestHeader.entries(["SHA=abc=, sha-256 = x/y+z==", "MD5=q,SHA-256=other"])
        #expect(entries["sha"] == "abc=")
        #expect(entries["sha-256"] == "x/y+z==")
        #expect(entries["md5"] == "q")
        #expect(DigestHeader.check([], body: []) == .missingSHA256(found: []))
    }

    @Test("RequestId.fresh is canonical and unique")
    func freshIds() {
        let ids = (0..<100).map { _ in RequestId.fresh() }
        #expect(ids.allSatisfy(RequestId.isCanonical))
        #expect(Set(ids).count == 100)
    }
}
