// End-to-end: the Echo v2 security battery of the EWP API Validator (its HTTP-signature checks, one
// test each), against the real `ewp-node serve` behind nginx (TLS), with a catalogue served by the
// test registry. Every response also passes the validator's checks of every response (see
// `exchange`).
import Foundation
import Testing
import EWPCrypto
import EWPHTTP
import EWPSecurity

extension EndToEnd {
@Suite("Echo security through nginx")
struct EchoSecurity {

    // MARK: anonymous and unknown clients

    @Test("unsigned request → 401 with WWW-Authenticate realm=\"EWP\" and Want-Digest SHA-256")
    func unsignedRequestIsChallenged() async throws {
        let env = try requireEnvironment()
        let response = try await env.exchange(env.echoRequest(), expect: 401, "unsigned")
        let challenge = try #require(response.header("WWW-Authenticate"), "no WWW-Authenticate")
        #expect(challenge.lowercased().hasPrefix("signature"), "challenge: \(challenge)")
        #expect(challenge.contains("realm=\"EWP\""), "realm: \(challenge)")
        if let r = challenge.range(of: "headers=\"") {
            let listed = challenge[r.upperBound...].prefix { $0 != "\"" }.split(separator: " ").map(String.init)
            for required in ["(request-target)", "host", "digest", "x-request-id", "date"] {
                #expect(listed.contains(required), "challenge headers lack \(required): \(challenge)")
            }
        }
        if let r = challenge.range(of: "algorithms=\"") {
            let listed = challenge[r.upperBound...].prefix { $0 != "\"" }.split(separator: " ").map { $0.lowercased() }
            #expect(listed.contains("rsa-sha256"), "challenge algorithms lack rsa-sha256: \(challenge)")
        }
        let wantDigest = try #require(response.header("Want-Digest"), "no Want-Digest")
        #expect(wantDigest.uppercased().contains("SHA-256"), "Want-Digest: \(wantDigest)")
    }

    @Test("unsigned request without X-Request-Id → 401, and the response invents none")
    func noRequestIdNoneInvented() async throws {
        let env = try requireEnvironment()
        try await env.exchange(env.echoRequest(acceptSignature: nil, requestId: nil), expect: 401, "no X-Request-Id")
    }

    @Test("unsigned request with X-Request-Id and Accept-Signature → same X-Request-Id, signed response")
    func unsignedRequestIdEchoedAndSigned() async throws {
        let env = try requireEnvironment()
        let request = env.echoRequest()
        let response = try await env.exchange(request, expect: 401, "X-Request-Id of an unsigned request echoed, signed")
        #expect(response.header("X-Request-Id") == request.value("X-Request-Id"))
        #expect(response.header("Signature") != nil, "43: the error response is not signed")
    }

    @Test("signed with a key never published → 403")
    func unknownKeyIsForbidden() async throws {
        let env = try requireEnvironment()
        try await env.exchange(try env.signed(env.echoRequest(), with: env.randomKey), expect: 403, "key never published → 403")
    }

    @Test("known keyId, signature made with another private key → 400")
    func wrongPrivateKey() async throws {
        let env = try requireEnvironment()
        let request = try env.signed(env.echoRequest(), with: env.randomKey, keyId: env.validatorKeyId)
        try await env.exchange(request, expect: 400, "signature made with another key → 400")
    }

    @Test("signed with the client's server key (not in client-credentials-in-use) → 403")
    func serverKeyAsClientKey() async throws {
        let env = try requireEnvironment()
        #expect(env.validatorServerKey.publicKey.fingerprint != env.validatorKeyId)
        try await env.exchange(try env.signed(env.echoRequest(), with: env.validatorServerKey), expect: 403, "signed with a server key → 403")
    }

    // MARK: which headers are signed

    @Test("a signed header is removed after signing → 400")
    func signedHeaderRemoved() async throws {
        let env = try requireEnvironment()
        var request = env.echoRequest()
        request.headers.append(("X-EWP-E2E-Extra", "signed then dropped"))
        request = try env.signed(request, with: env.validatorClientKey)
        request.remove("X-EWP-E2E-Extra")
        try await env.exchange(request, expect: 400, "signed header removed → 400")
    }

    @Test("Date replaced by a signed Original-Date → 200")
    func originalDateInsteadOfDate() async throws {
        let env = try requireEnvironment()
        var request = env.echoRequest()
        let date = try #require(request.value("Date"))
        request.remove("Date")
        request.headers.insert(("Original-Date", date), at: 1)
        let response = try await env.exchange(try env.signed(request, with: env.validatorClientKey), expect: 200, "Original-Date instead of Date → 200")
        #expect(echoContent(response.body) == EchoContent(heiIds: [E2EEnvironment.validatorHEI], echoes: ["a", "b", "a"]))
    }

    @Test("one required header left out of the signature → 400",
          arguments: ["(request-target)", "host", "date", "digest", "x-request-id"])
    func requiredHeaderOmitted(_ omitted: String) async throws {
        let env = try requireEnvironment()
        let request = env.echoRequest()
        let names = (["(request-target)"] + request.headers.map { $0.name.lowercased() }).filter { $0 != omitted }
        try await env.exchange(try env.signed(request, with: env.validatorClientKey, headers: names),
                               expect: 400, "22–26 without \(omitted)")
    }

    @Test("all headers signed in a different order, (request-target) last → 200")
    func differentHeaderOrder() async throws {
        let env = try requireEnvironment()
        let request = env.echoRequest()
        let names = request.headers.map { $0.name.lowercased() }.reversed() + ["(request-target)"]
        let response = try await env.exchange(try env.signed(request, with: env.validatorClientKey, headers: Array(names)),
                                              expect: 200, "signed headers in another order → 200")
        #expect(echoContent(response.body)?.echoes == ["a", "b", "a"])
    }

    @Test("an extra custom header, properly signed → 200")
    func extraSignedHeader() async throws {
        let env = try requireEnvironment()
        var request = env.echoRequest()
        request.headers.append(("X-EWP-E2E-Custom", "some value"))
        try await env.exchange(try env.signed(request, with: env.validatorClientKey), expect: 200, "extra signed header → 200")
    }

    // MARK: dates and request ids

    @Test("signed Original-Date 20 minutes old, current Date unsigned → 400")
    func staleOriginalDate() async throws {
        let env = try requireEnvironment()
        var request = env.echoRequest()
        request.headers.insert(("Original-Date", HTTPDate.format(Date().addingTimeInterval(-20 * 60))), at: 1)
        let names = ["(request-target)", "host", "original-date", "digest", "x-request-id"]
        try await env.exchange(try env.signed(request, with: env.validatorClientKey, headers: names), expect: 400, "Original-Date 20 minutes old → 400")
    }

    @Test("non-canonical X-Request-Id (upper case, no dashes), re-signed → 400")
    func nonCanonicalRequestId() async throws {
        let env = try requireEnvironment()
        let id = UUID().uuidString.uppercased().replacingOccurrences(of: "-", with: "")
        try await env.exchange(try env.signed(env.echoRequest(requestId: id), with: env.validatorClientKey),
                               expect: 400, "non-canonical X-Request-Id → 400")
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

    @Test("body replaced after signing → 400")
    func bodyReplaced() async throws {
        let env = try requireEnvironment()
        var request = try env.signed(env.echoRequest(echo: ["a"]), with: env.validatorClientKey)
        request.body = Array(Form.encode([("echo", "b")]).utf8)
        try await env.exchange(request, expect: 400, "body replaced after signing → 400")
    }

    @Test("Digest with an extra unknown algorithm → 200, echo [b, b]")
    func extraUnknownDigest() async throws {
        let env = try requireEnvironment()
        var request = env.echoRequest(echo: ["b", "b"])
        request.set("Digest", digestHeader(request.body) + ", Unknown-Digest-Algorithm=SomeValue")
        let response = try await env.exchange(try env.signed(request, with: env.validatorClientKey), expect: 200, "extra unknown Digest algorithm → 200")
        #expect(echoContent(response.body)?.echoes == ["b", "b"])
    }

    @Test("only a SHA (SHA-1) digest → 400")
    func sha1OnlyDigest() async throws {
        let env = try requireEnvironment()
        var request = env.echoRequest(echo: ["a"])
        let sha1 = try await runCommandAsync("openssl", ["dgst", "-sha1", "-binary"], input: request.body).stdout
        #expect(sha1.count == 20)
        request.set("Digest", "SHA=" + Base64.encode(sha1))
        try await env.exchange(try env.signed(request, with: env.validatorClientKey), expect: 400, "only a SHA-1 Digest → 400")
    }

    @Test("digest algorithm name in mixed case (shA-256) → 200")
    func mixedCaseDigestName() async throws {
        let env = try requireEnvironment()
        var request = env.echoRequest()
        request.set("Digest", "shA-256=" + SHA256Hash.base64(request.body))
        try await env.exchange(try env.signed(request, with: env.validatorClientKey), expect: 200, "mixed-case shA-256 → 200")
    }

    // MARK: valid traffic

    @Test("PUT and DELETE → 405 with an error-response", arguments: ["PUT", "DELETE"])
    func wrongMethods(_ method: String) async throws {
        let env = try requireEnvironment()
        var request = env.echoRequest()
        request.method = method
        try await env.exchange(try env.signed(request, with: env.validatorClientKey), expect: 405, "PUT and DELETE → 405 \(method)")
    }

    @Test("POST echo=a&echo=b&echo=a → the caller's HEIs and [a, b, a] in order")
    func postEcho() async throws {
        let env = try requireEnvironment()
        let response = try await env.exchange(try env.signed(env.echoRequest(), with: env.validatorClientKey),
                                              expect: 200, "POST echo → 200")
        #expect(echoContent(response.body) == EchoContent(heiIds: [E2EEnvironment.validatorHEI], echoes: ["a", "b", "a"]))
    }

    @Test("POST body [a, b, a] plus query echo=c&echo=c → only the body counts")
    func bodyBeatsQuery() async throws {
        let env = try requireEnvironment()
        let request = env.echoRequest(query: [("echo", "c"), ("echo", "c")])
        let response = try await env.exchange(try env.signed(request, with: env.validatorClientKey), expect: 200, "POST ignores the query string")
        #expect(echoContent(response.body) == EchoContent(heiIds: [E2EEnvironment.validatorHEI], echoes: ["a", "b", "a"]))
    }

    @Test("GET ?echo=a&echo=b&echo=a → the caller's HEIs and [a, b, a]")
    func getEcho() async throws {
        let env = try requireEnvironment()
        let response = try await env.exchange(try env.signed(env.echoRequest(method: "GET"), with: env.validatorClientKey),
                                              expect: 200, "GET echo → 200")
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

    @Test("Accept-Signature with an unknown algorithm only → 200")
    func acceptSignatureUnknownOnly() async throws {
        let env = try requireEnvironment()
        let request = env.echoRequest(acceptSignature: "unknown-algorithm")
        try await env.exchange(try env.signed(request, with: env.validatorClientKey), expect: 200, "Accept-Signature with an unknown algorithm only → 200")
    }

    @Test("Accept-Signature \"rsa-sha256, unknown-algorithm\" → 200, signed by the node's server key")
    func acceptSignatureMixed() async throws {
        let env = try requireEnvironment()
        let request = env.echoRequest(acceptSignature: "rsa-sha256, unknown-algorithm")
        let signedRequest = try env.signed(request, with: env.validatorClientKey)
        let response = try await env.exchange(signedRequest, expect: 200, "Accept-Signature rsa-sha256 among others → signed 200")
        // exchange() verified the signature; also check it covers the headers the validator
        // requires.
        let signature = try #require(response.header("Signature"))
        let listed = signature.range(of: "headers=\"").map { signature[$0.upperBound...].prefix { $0 != "\"" } }
            .map { $0.split(separator: " ").map(String.init) } ?? []
        for required in ["digest", "x-request-id", "x-request-signature"] {
            #expect(listed.contains(required), "\(required) not signed: \(signature)")
        }
        #expect(listed.contains("date") || listed.contains("original-date"), "no date signed: \(signature)")
        #expect(response.header("X-Request-Signature") == signedRequest.signatureParameter, "X-Request-Signature")
    }
}
}
