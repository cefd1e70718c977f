// End-to-end: the Echo v2 security battery of the EWP validator (validator-checks §3.3, checks 17–43,
// numbers cited per test), against the real `ewp-node serve` behind nginx (TLS), with a catalogue
// served by the test registry. Every response also passes the §3.2 checks (see `exchange`).
import Foundation
import Testing
import EWPCrypto
import EWPHTTP
import EWPSecurity

extension EndToEnd {
@Suite("Echo security through nginx")
struct EchoSecurity {

    // MARK: anonymous and unknown clients

    @Test("17/16: unsigned request → 401 with WWW-Authenticate realm=\"EWP\" and Want-Digest SHA-256")
    func unsignedRequestIsChallenged() async throws {
        let env = try requireEnvironment()
        let response = try await env.exchange(env.echoRequest(), expect: 401, "unsigned")
        let challenge = try #require(response.header("WWW-Authenticate"), "#16 no WWW-Authenticate")
        #expect(challenge.lowercased().hasPrefix("signature"), "#16 challenge: \(challenge)")
        #expect(challenge.contains("realm=\"EWP\""), "#16 realm: \(challenge)")
        if let r = challenge.range(of: "headers=\"") {
            let listed = challenge[r.upperBound...].prefix { $0 != "\"" }.split(separator: " ").map(String.init)
            for required in ["(request-target)", "host", "digest", "x-request-id", "date"] {
                #expect(listed.contains(required), "#16 challenge headers lack \(required): \(challenge)")
            }
        }
        if let r = challenge.range(of: "algorithms=\"") {
            let listed = challenge[r.upperBound...].prefix { $0 != "\"" }.split(separator: " ").map { $0.lowercased() }
            #expect(listed.contains("rsa-sha256"), "#16 challenge algorithms lack rsa-sha256: \(challenge)")
        }
        let wantDigest = try #require(response.header("Want-Digest"), "#16 no Want-Digest")
        #expect(wantDigest.uppercased().contains("SHA-256"), "#16 Want-Digest: \(wantDigest)")
    }

    @Test("10: unsigned request without X-Request-Id → 401, and the response invents none")
    func noRequestIdNoneInvented() async throws {
        let env = try requireEnvironment()
        try await env.exchange(env.echoRequest(acceptSignature: nil, requestId: nil), expect: 401, "no X-Request-Id")
    }

    @Test("43: unsigned request with X-Request-Id and Accept-Signature → same X-Request-Id, signed response")
    func unsignedRequestIdEchoedAndSigned() async throws {
        let env = try requireEnvironment()
        let request = env.echoRequest()
        let response = try await env.exchange(request, expect: 401, "43")
        #expect(response.header("X-Request-Id") == request.value("X-Request-Id"))
        #expect(response.header("Signature") != nil, "43: the error response is not signed")
    }

    @Test("18: signed with a key never published → 403")
    func unknownKeyIsForbidden() async throws {
        let env = try requireEnvironment()
        try await env.exchange(try env.signed(env.echoRequest(), with: env.randomKey), expect: 403, "18")
    }

    @Test("19: known keyId, signature made with another private key → 400")
    func wrongPrivateKey() async throws {
        let env = try requireEnvironment()
        let request = try env.signed(env.echoRequest(), with: env.randomKey, keyId: env.validatorKeyId)
        try await env.exchange(request, expect: 400, "19")
    }

    @Test("29: signed with the client's server key (not in client-credentials-in-use) → 403")
    func serverKeyAsClientKey() async throws {
        let env = try requireEnvironment()
        #expect(env.validatorServerKey.publicKey.fingerprint != env.validatorKeyId)
        try await env.exchange(try env.signed(env.echoRequest(), with: env.validatorServerKey), expect: 403, "29")
    }

    // MARK: which headers are signed

    @Test("20: a signed header is removed after signing → 400")
    func signedHeaderRemoved() async throws {
        let env = try requireEnvironment()
        var request = env.echoRequest()
        request.headers.append(("X-EWP-E2E-Extra", "signed then dropped"))
        request = try env.signed(request, with: env.validatorClientKey)
        request.remove("X-EWP-E2E-Extra")
        try await env.exchange(request, expect: 400, "20")
    }

    @Test("21: Date replaced by a signed Original-Date → 200")
    func originalDateInsteadOfDate() async throws {
        let env = try requireEnvironment()
        var request = env.echoRequest()
        let date = try #require(request.value("Date"))
        request.remove("Date")
        request.headers.insert(("Original-Date", date), at: 1)
        let response = try await env.exchange(try env.signed(request, with: env.validatorClientKey), expect: 200, "21")
        #expect(echoContent(response.body) == EchoContent(heiIds: [E2EEnvironment.validatorHEI], echoes: ["a", "b", "a"]))
    }

    @Test("22–26: one required header left out of the signature → 400",
          arguments: ["(request-target)", "host", "date", "digest", "x-request-id"])
    func requiredHeaderOmitted(_ omitted: String) async throws {
        let env = try requireEnvironment()
        let request = env.echoRequest()
        let names = (["(request-target)"] + request.headers.map { $0.name.lowercased() }).filter { $0 != omitted }
        try await env.exchange(try env.signed(request, with: env.validatorClientKey, headers: names),
                               expect: 400, "22–26 without \(omitted)")
    }

    @Test("27: all headers signed in a different order, (request-target) last → 200")
    func differentHeaderOrder() async throws {
        let env = try requireEnvironment()
        let request = env.echoRequest()
        let names = request.headers.map { $0.name.lowercased() }.reversed() + ["(request-target)"]
        let response = try await env.exchange(try env.signed(request, with: env.validatorClientKey, headers: Array(names)),
                                              expect: 200, "27")
        #expect(echoContent(response.body)?.echoes == ["a", "b", "a"])
    }

    @Test("28: an extra custom header, properly signed → 200")
    func extraSignedHeader() async throws {
        let env = try requireEnvironment()
        var request = env.echoRequest()
        request.headers.append(("X-EWP-E2E-Custom", "some value"))
        try await env.exchange(try env.signed(request, with: env.validatorClientKey), expect: 200, "28")
    }

    // MARK: dates and request ids

    @Test("30: signed Original-Date 20 minutes old, current Date unsigned → 400")
    func staleOriginalDate() async throws {
        let env = try requireEnvironment()
        var request = env.echoRequest()
        request.headers.insert(("Original-Date", HTTPDate.format(Date().addingTimeInterval(-20 * 60))), at: 1)
        let names = ["(request-target)", "host", "original-date", "digest", "x-request-id"]
        try await env.exchange(try env.signed(request, with: env.validatorClientKey, headers: names), expect: 400, "30")
    }

    @Test("31: non-canonical X-Request-Id (upper case, no dashes), re-signed → 400")
    func nonCanonicalRequestId() async throws {
        let env = try requireEnvironment()
        let id = UUID().uuidString.uppercased().replacingOccurrences(of: "-", with: "")
        try await env.exchange(try env.signed(env.echoRequest(requestId: id), with: env.validatorClientKey),
                               expect: 400, "31")
    }

    @Test("Replay: the same signed request (same X-Request-Id) twice → 200, then 400")
    func replayIsRejected() async throws {
        let env = try requireEnvironment()
        let request = try env.signed(env.echoRequest(), with: env.validatorClientKey)
        try await env.exchange(request, expect: 200, "first sighting")
        try await env.exchange(request, expect: 400, "replay")
    }

    @Test("Host header other than the public URL's host:port, signed → 400")
    func hostMismatch() async throws {
        let env = try requireEnvironment()
        let request = env.echoRequest(host: "ewp.example.com")
        try await env.exchange(try env.signed(request, with: env.validatorClientKey), expect: 400, "Host mismatch")
    }

    // MARK: digests (POST)

    @Test("32: body replaced after signing → 400")
    func bodyReplaced() async throws {
        let env = try requireEnvironment()
        var request = try env.signed(env.echoRequest(echo: ["a"]), with: env.validatorClientKey)
        request.body = Array(Form.encode([("echo", "b")]).utf8)
        try await env.exchange(request, expect: 400, "32")
    }

    @Test("33: Digest with an extra unknown algorithm → 200, echo [b, b]")
    func extraUnknownDigest() async throws {
        let env = try requireEnvironment()
        var request = env.echoRequest(echo: ["b", "b"])
        request.set("Digest", digestHeader(request.body) + ", Unknown-Digest-Algorithm=SomeValue")
        let response = try await env.exchange(try env.signed(request, with: env.validatorClientKey), expect: 200, "33")
        #expect(echoContent(response.body)?.echoes == ["b", "b"])
    }

    @Test("34: only a SHA (SHA-1) digest → 400")
    func sha1OnlyDigest() async throws {
        let env = try requireEnvironment()
        var request = env.echoRequest(echo: ["a"])
        let sha1 = try await runCommandAsync("openssl", ["dgst", "-sha1", "-binary"], input: request.body).stdout
        #expect(sha1.count == 20)
        request.set("Digest", "SHA=" + Base64.encode(sha1))
        try await env.exchange(try env.signed(request, with: env.validatorClientKey), expect: 400, "34")
    }

    @Test("35: digest algorithm name in mixed case (shA-256) → 200")
    func mixedCaseDigestName() async throws {
        let env = try requireEnvironment()
        var request = env.echoRequest()
        request.set("Digest", "shA-256=" + SHA256Hash.base64(request.body))
        try await env.exchange(try env.signed(request, with: env.validatorClientKey), expect: 200, "35")
    }

    // MARK: valid traffic

    @Test("36 / 16a: PUT and DELETE → 405 with an error-response", arguments: ["PUT", "DELETE"])
    func wrongMethods(_ method: String) async throws {
        let env = try requireEnvironment()
        var request = env.echoRequest()
        request.method = method
        try await env.exchange(try env.signed(request, with: env.validatorClientKey), expect: 405, "36 \(method)")
    }

    @Test("37: POST echo=a&echo=b&echo=a → the caller's HEIs and [a, b, a] in order")
    func postEcho() async throws {
        let env = try requireEnvironment()
        let response = try await env.exchange(try env.signed(env.echoRequest(), with: env.validatorClientKey),
                                              expect: 200, "37")
        #expect(echoContent(response.body) == EchoContent(heiIds: [E2EEnvironment.validatorHEI], echoes: ["a", "b", "a"]))
    }

    @Test("38: POST body [a, b, a] plus query echo=c&echo=c → only the body counts")
    func bodyBeatsQuery() async throws {
        let env = try requireEnvironment()
        let request = env.echoRequest(query: [("echo", "c"), ("echo", "c")])
        let response = try await env.exchange(try env.signed(request, with: env.validatorClientKey), expect: 200, "38")
        #expect(echoContent(response.body) == EchoContent(heiIds: [E2EEnvironment.validatorHEI], echoes: ["a", "b", "a"]))
    }

    @Test("40: GET ?echo=a&echo=b&echo=a → the caller's HEIs and [a, b, a]")
    func getEcho() async throws {
        let env = try requireEnvironment()
        let response = try await env.exchange(try env.signed(env.echoRequest(method: "GET"), with: env.validatorClientKey),
                                              expect: 200, "40")
        #expect(echoContent(response.body) == EchoContent(heiIds: [E2EEnvironment.validatorHEI], echoes: ["a", "b", "a"]))
    }

    @Test("RequestSigner (EWPSecurity) + CurlClient: a POST signed by our own client code → 200, signed response")
    func ourRequestSigner() async throws {
        let env = try requireEnvironment()
        let body = Array(Form.encode([("echo", "x"), ("echo", "y")]).utf8)
        let requestId = freshRequestId()
        let headers = RequestSigner(key: env.validatorClientKey).sign(
            method: "POST", host: env.hostHeader, target: env.echoPath,
            headers: [("Content-Type", "application/x-www-form-urlencoded")], body: body, now: Date(),
            requestId: requestId, askForSignedResponse: true)
        let request = WireRequest(method: "POST", url: env.echoURL, target: env.echoPath,
                                  headers: headers.map { (name: $0.name.rawName, value: $0.value) }, body: body)
        #expect(request.asksForSignedResponse, "RequestSigner did not add Accept-Signature: rsa-sha256")
        let response = try await env.exchange(request, expect: 200, "RequestSigner")
        #expect(echoContent(response.body) == EchoContent(heiIds: [E2EEnvironment.validatorHEI], echoes: ["x", "y"]))
    }

    // MARK: server signatures

    @Test("41: Accept-Signature with an unknown algorithm only → 200")
    func acceptSignatureUnknownOnly() async throws {
        let env = try requireEnvironment()
        let request = env.echoRequest(acceptSignature: "unknown-algorithm")
        try await env.exchange(try env.signed(request, with: env.validatorClientKey), expect: 200, "41")
    }

    @Test("42: Accept-Signature \"rsa-sha256, unknown-algorithm\" → 200, signed by the node's server key")
    func acceptSignatureMixed() async throws {
        let env = try requireEnvironment()
        let request = env.echoRequest(acceptSignature: "rsa-sha256, unknown-algorithm")
        let signedRequest = try env.signed(request, with: env.validatorClientKey)
        let response = try await env.exchange(signedRequest, expect: 200, "42")
        // exchange() verified the signature; also check it covers what #12c requires.
        let signature = try #require(response.header("Signature"))
        let listed = signature.range(of: "headers=\"").map { signature[$0.upperBound...].prefix { $0 != "\"" } }
            .map { $0.split(separator: " ").map(String.init) } ?? []
        for required in ["digest", "x-request-id", "x-request-signature"] {
            #expect(listed.contains(required), "#12c \(required) not signed: \(signature)")
        }
        #expect(listed.contains("date") || listed.contains("original-date"), "#12c no date signed: \(signature)")
        #expect(response.header("X-Request-Signature") == signedRequest.signatureParameter, "#12d")
    }
}
}
