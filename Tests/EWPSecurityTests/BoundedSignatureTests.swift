import EWPCrypto
import EWPTestSupport
import Foundation
import HTTPTypes
import Testing
@testable import EWPSecurity

/// Bounded signature parameters: a hostile headers list or hostile header values cost a bounded amount of
/// memory and come back only as short excerpts, on both sides (requests and partners' responses).
@Suite("Signature parameters are bounded")
struct BoundedSignatureTests {
    static let big = String(repeating: "A", count: 30_000)

    /// The probe of the security review: two 30 KB X-Pad headers, x-pad listed `repeats` times after the required names.
    static func hostile(repeats: Int) -> Probe {
        var probe = Probe()
        probe.headers.append((name: "X-Pad", value: big))
        probe.headers.append((name: "X-Pad", value: big))
        probe.signedNames += Array(repeating: "x-pad", count: repeats)
        return probe
    }

    /// The probe's message with an Authorization header whose signature is junk (signing the hostile
    /// string would itself take the memory we want to avoid).
    static func unsigned(_ probe: Probe, keyId: String = Keys.client.publicKey.fingerprint, headers names: [String]? = nil) -> SignableMessage {
        let list = (names ?? probe.signedNames).joined(separator: " ")
        let auth = "Signature keyId=\"\(keyId)\",algorithm=\"rsa-sha256\",headers=\"\(list)\",signature=\"AAAA\""
        return SignableMessage(method: probe.method, target: probe.target, headers: probe.headers + [(name: "Authorization", value: auth)], body: probe.body)
    }

    @Test("a header named twice is 400 and named in the message")
    func repeatedName() throws {
        var probe = Probe()
        probe.signedNames.append("date")
        let failure = try #require(probe.run().failure)
        #expect(failure.status == 400)
        #expect(failure.developerMessage.contains("\"date\" more than once"), "\(failure.developerMessage)")
    }

    @Test("a name repeated in another case counts as the same name")
    func repeatedNameOtherCase() {
        #expect(throws: SigningString.ListProblem.repeatedName("X-Pad")) { try SigningString.checkList(["x-pad", "X-Pad"]) }
    }

    @Test("33 names are refused, 32 distinct names are accepted")
    func atMost32() throws {
        var probe = Probe()
        for i in 0..<27 { probe.set("X-H\(i)", "v"); probe.signedNames.append("x-h\(i)") }
        #expect(probe.signedNames.count == 32)
        #expect(probe.run().isSuccess)
        probe.set("X-H27", "v"); probe.signedNames.append("x-h27")
        let failure = try #require(probe.run().failure)
        #expect(failure.status == 400)
        #expect(failure.developerMessage.contains("33 headers; at most 32"), "\(failure.developerMessage)")
    }

    @Test("the hostile request of the security review (x-pad listed 2,000 times over 2 × 30 KB) is 400 with a short message")
    func issueProbe() throws {
        let probe = Self.hostile(repeats: 2_000)
        let failure = try #require(Probe.authenticator().verify(Self.unsigned(probe), keys: Keys.directory, now: Probe.now).failure)
        #expect(failure.status == 400)
        #expect(failure.developerMessage.utf8.count < 1_000, "\(failure.developerMessage.utf8.count) bytes")
        #expect(failure.developerMessage.contains("x-pad"))
    }

    @Test("a signing string above 16 KB is refused before it is built, with its size")
    func signingStringCap() throws {
        let probe = Self.hostile(repeats: 1)   // one line of 60 KB
        let size = try SigningString.byteCount(headerNames: probe.signedNames, method: "POST", target: probe.target, headers: probe.headers)
        #expect(size > 60_000)
        #expect(throws: SigningString.Failure.tooLong(size: size)) {
            try SigningString.build(headerNames: probe.signedNames, method: "POST", target: probe.target, headers: probe.headers)
        }
        let failure = try #require(Probe.authenticator().verify(Self.unsigned(probe), keys: Keys.directory, now: Probe.now).failure)
        #expect(failure.status == 400)
        #expect(failure.developerMessage.contains("at most 16384 bytes"), "\(failure.developerMessage)")
        #expect(failure.developerMessage.utf8.count < 1_000)
    }

    @Test("byteCount equals the size of the string build makes", arguments: [0, 1, 3])
    func byteCountExact(_ extra: Int) throws {
        var probe = Probe()
        probe.headers.append((name: "X-Multi", value: "  a b\t"))
        probe.headers.append((name: "x-multi", value: "ü"))
        probe.headers.append((name: "X-Empty", value: "   "))
        probe.signedNames += ["x-multi", "x-empty"] + (0..<extra).map { "x-e\($0)" }
        for i in 0..<extra { probe.set("X-E\(i)", String(repeating: "z", count: i)) }
        let built = try SigningString.build(headerNames: probe.signedNames, method: "POST", target: probe.target, headers: probe.headers)
        #expect(try SigningString.byteCount(headerNames: probe.signedNames, method: "POST", target: probe.target, headers: probe.headers) == built.utf8.count)
    }

    @Test("caller values come back only as excerpts: Host, keyId, algorithm, X-Request-Id, Date, Digest, scheme")
    func excerpts() throws {
        let long = String(repeating: "h", count: 10_000)
        var checks: [(String, AuthFailure?)] = []
        var p = Probe(); p.set("Host", long)
        checks.append(("host", p.run().failure))
        p = Probe(); p.keyId = long
        checks.append(("keyId", p.run().failure))
        p = Probe(); p.algorithm = long
        checks.append(("algorithm", p.run().failure))
        p = Probe(requestId: long)
        checks.append(("x-request-id", p.run().failure))
        p = Probe(); p.set("Date", long)
        checks.append(("date", p.run().failure))
        p = Probe(); p.set("Digest", "SHA-256=" + long)
        checks.append(("digest", p.run().failure))
        p = Probe(); p.set("Digest", long + "=x")
        checks.append(("digest algorithms", p.run().failure))
        p = Probe(); p.scheme = long
        checks.append(("scheme", p.run().failure))
        p = Probe()
        checks.append(("parse error", p.run { m in
            m.headers = m.headers.filter { $0.name != "Authorization" } + [(name: "Authorization", value: "Signature " + long + "=\"x")]
        }.failure))
        p = Probe()
        checks.append(("absent headers", Probe.authenticator().verify(
            Self.unsigned(p, headers: p.signedNames + [long]), keys: Keys.directory, now: Probe.now).failure))
        for (what, failure) in checks {
            let message = try #require(failure, "\(what) was accepted").developerMessage
            #expect(message.utf8.count < 1_000, "\(what): \(message.utf8.count) bytes")
            #expect(message.contains("hhhhhhhh"), "\(what) quotes no excerpt: \(message)")
        }
    }

    @Test("a bad signature's message shows the signing string with each line shortened")
    func signingStringExcerpt() throws {
        var probe = Probe()
        probe.set("X-Long", String(repeating: "q", count: 10_000))
        probe.signedNames.append("x-long")
        let failure = try #require(probe.run { m in
            m.headers = HTTPFields(m.headers.map { $0.name == "X-Long" ? HTTPField(name: $0.name, value: String(repeating: "r", count: 10_000)) : $0 })
        }.failure)
        #expect(failure.reason == .badSignature)
        #expect(failure.developerMessage.contains("(request-target): post /ewp/echo"))
        #expect(failure.developerMessage.contains("x-long: rrrr"))
        #expect(failure.developerMessage.utf8.count < 2_000, "\(failure.developerMessage.utf8.count) bytes")
    }

    @Test("CallerText.excerpt keeps short text, cuts long text with its size, hides control characters")
    func excerptRule() {
        #expect(CallerText.excerpt("short") == "short")
        #expect(CallerText.excerpt(String(repeating: "x", count: 100), limit: 10) == "xxxxxxxxxx…(100 bytes)")
        #expect(CallerText.excerpt("a\nb\u{7F}") == "a?b?")
    }
}

@Suite("Partners' response signatures are bounded")
struct BoundedResponseSignatureTests {
    static let url = "https://ewp.example.org/ewp/echo"
    static let requestId = "e7c3b6a8-5d4f-4e2a-9b1c-0d2e3f4a5b6c"
    static let body = Array("<response/>".utf8)

    var signed: HTTPFields = ResponseSigner(key: Keys.server).headers(
        requestMethod: "POST", requestTarget: "/ewp/echo", requestId: requestId, requestSignature: nil, body: body, now: Probe.now)

    func failure(_ headers: HTTPFields) -> ResponseVerificationFailure? {
        ResponseVerifier().verify(status: 200, headers: headers, body: Self.body, requestMethod: "POST", requestTarget: "/ewp/echo",
                                  requestId: Self.requestId, requestSignature: nil, endpointURL: Self.url,
                                  keys: Keys.directory, now: Probe.now).failure
    }

    /// The signed headers with the Signature's headers list replaced by `names` (and extra headers added).
    func withList(_ names: [String], extra: HTTPFields = []) -> HTTPFields {
        HTTPFields(signed.map { h in
            guard h.name == "Signature", let r = h.value.range(of: "headers=\"") else { return h }
            let end = h.value[r.upperBound...].firstIndex(of: "\"")!
            return HTTPField(name: h.name, value: h.value.replacingCharacters(in: r.upperBound..<end, with: names.joined(separator: " ")))
        }) + extra
    }

    var listed: [String] {
        let v = signed.first { $0.name == "Signature" }!.value
        let r = v.range(of: "headers=\"")!
        return v[r.upperBound...].prefix { $0 != "\"" }.split(separator: " ").map(String.init)
    }

    @Test("a header named twice in the response's Signature is refused and named")
    func repeated() throws {
        let f = try #require(failure(withList(listed + ["digest"])))
        #expect(f.reason == .malformedSignature)
        #expect(f.message.contains("\"digest\" more than once"), "\(f.message)")
    }

    @Test("more than 32 names are refused")
    func tooMany() throws {
        let extra = (0..<30).map { (name: "X-H\($0)", value: "v") }
        let f = try #require(failure(withList(listed + extra.map { $0.name.lowercased() }, extra: HTTPFields(pairs: extra))))
        #expect(f.message.contains("at most 32"), "\(f.message)")
    }

    @Test("the hostile list (2,000 × a 60 KB header) is refused with a short message")
    func hostile() throws {
        let pad = String(repeating: "A", count: 30_000)
        let extra: HTTPFields = [(name: "X-Pad", value: pad), (name: "X-Pad", value: pad)]
        let f = try #require(failure(withList(listed + Array(repeating: "x-pad", count: 2_000), extra: extra)))
        #expect(f.message.utf8.count < 1_000)
        let single = try #require(failure(withList(listed + ["x-pad"], extra: extra)))
        #expect(single.message.contains("16384"), "\(single.message)")
    }

    @Test("the partner's values come back as excerpts: X-Request-Id, algorithm, dates, keyId")
    func excerpts() throws {
        let long = String(repeating: "h", count: 10_000)
        func replacing(_ name: String, _ value: String) -> HTTPFields { signed.filter { $0.name != name } + [(name: name, value: value)] }
        let sig = signed.first { $0.name == "Signature" }!.value
        let cases: [(String, HTTPFields)] = [
            ("x-request-id", replacing("X-Request-Id", long)),
            ("algorithm", replacing("Signature", sig.replacingOccurrences(of: "rsa-sha256", with: long))),
            ("date", replacing("Date", long)),
            ("keyId", replacing("Signature", sig.replacingOccurrences(of: "keyId=\"", with: "keyId=\"" + long))),
        ]
        for (what, headers) in cases {
            let f = try #require(failure(headers), "\(what) accepted")
            #expect(f.message.utf8.count < 1_000, "\(what): \(f.message.utf8.count) bytes")
            #expect(f.message.contains("hhhh"), "\(what): \(f.message)")
        }
    }
}
