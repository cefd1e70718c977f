import EWPTestSupport
import Foundation
import HTTPTypes
import Testing
@testable import EWPSecurity

@Suite("cliauth-httpsig: detecting the method and parsing Authorization")
struct AuthSchemeTests {
    @Test("a properly signed request is accepted and names the caller's HEIs (checked by the EWP API Validator)")
    func valid() throws {
        let probe = Probe()
        let client = try probe.run().get()
        #expect(client.keyId == Keys.client.publicKey.fingerprint)
        #expect(client.heiIDs == ["uw.edu.pl"])
        #expect(client.signature == probe.signature)
        #expect(client.signedHeaders == ["(request-target)", "host", "date", "x-request-id", "digest"])
    }

    @Test("EWP API Validator: an unsigned request gets 401 with WWW-Authenticate realm=EWP and Want-Digest SHA-256")
    func unsigned() throws {
        let failure = try #require(Probe().run { $0.headers.removeAll { $0.name == "Authorization" } }.failure)
        #expect(failure.reason == .missingAuthorization)
        #expect(failure.status == 401)
        #expect(failure.responseHeaders.contains { $0.name == "WWW-Authenticate" && $0.value == "Signature realm=\"EWP\"" })
        #expect(failure.responseHeaders.contains { $0.name == "Want-Digest" && $0.value == "SHA-256" })
        #expect(failure.developerMessage.contains("Authorization: Signature"))
    }

    @Test("another Authorization scheme (Basic) is unsupported auth: 401 with the challenge")
    func otherScheme() throws {
        let failure = try #require(Probe().run { m in
            m.headers.removeAll { $0.name == "Authorization" }
            m.headers.append((name: "Authorization", value: "Basic dXNlcjpwYXNz"))
        }.failure)
        #expect(failure.reason == .unsupportedScheme)
        #expect(failure.status == 401)
        #expect(failure.responseHeaders.count == 2)
        #expect(failure.developerMessage.contains("\"Basic\""))
    }

    @Test("the scheme name is case-insensitive")
    func schemeCase() {
        var probe = Probe(); probe.scheme = "signature"
        #expect(probe.run().isSuccess)
    }

    @Test("parameters in any order, with spaces after commas, are accepted")
    func parameterOrderAndSpaces() {
        let probe = Probe()
        let result = probe.run { m in
            m.headers.removeAll { $0.name == "Authorization" }
            m.headers.append((name: "Authorization", value: "Signature signature=\"\(probe.signature)\", headers=\"\(probe.signedNames.joined(separator: " "))\",  algorithm=\"rsa-sha256\" , keyId=\"\(Keys.client.publicKey.fingerprint)\""))
        }
        #expect(result.isSuccess)
    }

    @Test("malformed parameter lists give 400 malformedAuthorization", arguments: [
        "Signature keyId=\"abc", "Signature keyId", "Signature =\"x\"", "Signature keyId=\"a\" algorithm=\"rsa-sha256\"",
        "Signature keyId=\"a\",keyId=\"b\",algorithm=\"rsa-sha256\",headers=\"date\",signature=\"x\"",
    ])
    func malformed(_ value: String) throws {
        let failure = try #require(Probe().run { m in
            m.headers.removeAll { $0.name == "Authorization" }
            m.headers.append((name: "Authorization", value: value))
        }.failure)
        #expect(failure.reason == .malformedAuthorization)
        #expect(failure.status == 400)
        #expect(failure.responseHeaders.isEmpty)
    }

    @Test("a missing keyId is 400 and says what keyId must be")
    func missingKeyId() throws {
        let probe = Probe()
        let failure = try #require(probe.run { m in
            m.headers.removeAll { $0.name == "Authorization" }
            m.headers.append((name: "Authorization", value: "Signature algorithm=\"rsa-sha256\",headers=\"(request-target) host date x-request-id digest\",signature=\"\(probe.signature)\""))
        }.failure)
        #expect(failure.reason == .malformedAuthorization)
        #expect(failure.developerMessage.contains("SHA-256"))
    }

    @Test("two Authorization: Signature headers are refused")
    func twoSignatures() throws {
        let probe = Probe()
        let failure = try #require(probe.run { $0.headers.append((name: "authorization", value: probe.authorization)) }.failure)
        #expect(failure.reason == .malformedAuthorization)
    }

    @Test("only rsa-sha256 is supported: hs2019 and a missing algorithm are unsupported auth (401)", arguments: ["hs2019", "rsa-sha1", ""])
    func algorithm(_ name: String) throws {
        var probe = Probe(); probe.algorithm = name
        let failure = try #require(probe.run().failure)
        #expect(failure.reason == .unsupportedAlgorithm)
        #expect(failure.status == 401)
        #expect(failure.developerMessage.contains("rsa-sha256"))
    }

    @Test("algorithm name RSA-SHA256 in upper case is accepted")
    func algorithmCase() {
        var probe = Probe(); probe.algorithm = "RSA-SHA256"
        #expect(probe.run().isSuccess)
    }

    @Test("a signature that is not base64 is 400")
    func notBase64() throws {
        let probe = Probe()
        let failure = try #require(probe.run { m in
            m.headers.removeAll { $0.name == "Authorization" }
            m.headers.append((name: "Authorization", value: probe.authorization.replacingOccurrences(of: "signature=\"", with: "signature=\"!!")))
        }.failure)
        #expect(failure.reason == .malformedAuthorization)
        #expect(failure.status == 400)
    }

    @Test("every failure reason maps to 400, 401 or 403 (503 only when the replay check cannot answer), and only 401 carries the challenge headers")
    func statusMapping() {
        for reason in AuthFailureReason.allCases {
            let failure = AuthFailure(reason, "x")
            #expect((reason == .replayCheckUnavailable ? [503] : [400, 401, 403]).contains(failure.status))
            #expect(failure.responseHeaders.isEmpty == (failure.status != 401))
        }
        #expect(AuthFailureReason.unknownKey.status == 403)
        #expect(AuthFailureReason.serverKeyUsed.status == 403)
        #expect(AuthFailureReason.badSignature.status == 400)
        #expect(AuthFailureReason.digestMismatch.status == 400)
        #expect(AuthFailureReason.replayedRequestId.status == 400)
    }
}
