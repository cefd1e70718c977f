import EWPCrypto
import EWPHTTP
import EWPSecurity
import EWPXML
import Foundation
import HTTPTypes
import Testing
@testable import EWPClient

/// EWPClient end to end against Scripts/signed_responder.py, which verifies our request signatures
/// and signs its responses with an independent (Python) implementation.
@Suite("EWPClient against a signed responder on 127.0.0.1", .enabled(if: Responder.available, "needs python3 with PyPI cryptography"))
struct EWPClientTests {
    static let echoNS = "https://github.com/erasmus-without-paper/ewp-specs-api-echo/tree/stable-v2"

    func withClient<T>(_ body: (EWPClient, Responder) async throws -> T) async throws -> T {
        let responder = try await Responder.shared.value
        let http = CurlClient()
        defer { http.shutdown() }
        let client = EWPClient(http: http, signer: RequestSigner(key: Responder.clientKey), timeout: .seconds(10), urlPolicy: .loopbackHTTPAllowed)
        return try await body(client, responder)
    }

    func echoes(_ result: EWPCallResult) -> [String] {
        result.root?.elements("echo", namespace: Self.echoNS).map(\.text) ?? []
    }

    @Test("GET with repeated parameters: signed, sent, response verified and parsed")
    func get() async throws {
        try await withClient { client, responder in
            let result = try await client.get(responder.base + "/echo", parameters: [("echo", "a"), ("echo", "b b"), ("echo", "ł&=")], keys: responder.keys)
            #expect(result.status == 200)
            #expect(result.root?.name == "response")
            #expect(echoes(result) == ["a", "b b", "ł&="])
            #expect(result.headers.contains { $0.name.canonicalName == "digest" })
            // Content-Type is not signed by the responder, so it is dropped.
            #expect(!result.headers.contains { $0.name.canonicalName == "content-type" })
        }
    }

    @Test("POST form parameters")
    func postForm() async throws {
        try await withClient { client, responder in
            let result = try await client.postForm(responder.base + "/echo", parameters: [("echo", "x"), ("echo", "y")], keys: responder.keys)
            #expect(echoes(result) == ["x", "y"])
        }
    }

    @Test("POST an XML body (OLA update style): Digest covers the exact bytes")
    func postXML() async throws {
        try await withClient { client, responder in
            let xml = Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<response xmlns=\"\(Self.echoNS)\"><echo>ü</echo></response>".utf8)
            let result = try await client.postXML(responder.base + "/echo", body: xml, keys: responder.keys)
            #expect(result.body == xml)
            #expect(echoes(result) == ["ü"])
        }
    }

    @Test("a verified 400 becomes httpStatus with the partner's developer-message")
    func httpStatus() async throws {
        try await withClient { client, responder in
            do {
                _ = try await client.get(responder.base + "/error", parameters: [], keys: responder.keys)
                Issue.record("expected an error")
            } catch let error as EWPClientError {
                guard case .httpStatus(_, let status, let message, _) = error else { Issue.record("got \(error)"); return }
                #expect(status == 400)
                #expect(message == "Missing required parameter: iia_id")
                #expect(!error.isRetryable)
                #expect(error.description.contains("Missing required parameter"))
            }
        }
    }

    @Test("responses that fail verification are refused with the reason",
          arguments: [("/unsigned", ResponseVerificationFailure.Reason.missingSignature),
                      ("/tampered", .digestMismatch), ("/wrongkey", .unknownKey)])
    func unverified(path: String, reason: ResponseVerificationFailure.Reason) async throws {
        try await withClient { client, responder in
            do {
                _ = try await client.get(responder.base + path, parameters: [("echo", "a")], keys: responder.keys)
                Issue.record("expected an error")
            } catch let error as EWPClientError {
                guard case .unverifiedResponse(_, let status, let failure) = error else { Issue.record("got \(error)"); return }
                #expect(status == 200)
                #expect(failure.reason == reason)
            }
        }
    }

    @Test("keys of another host are not accepted (same-host rule)")
    func otherHostKeys() async throws {
        try await withClient { client, responder in
            let keys = ServerKeys(keyId: Responder.serverKey.publicKey.fingerprint, key: Responder.serverKey.publicKey, urlPrefix: "https://elsewhere.example/")
            await #expect(throws: EWPClientError.self) { _ = try await client.get(responder.base + "/echo", parameters: [], keys: keys) }
        }
    }

    @Test("a signed 200 with a body that is not XML is malformedXML")
    func malformed() async throws {
        try await withClient { client, responder in
            do {
                _ = try await client.get(responder.base + "/badxml", parameters: [], keys: responder.keys)
                Issue.record("expected an error")
            } catch let error as EWPClientError {
                guard case .malformedXML(_, 200, _) = error else { Issue.record("got \(error)"); return }
            }
        }
    }

    @Test("a request the responder cannot verify (unknown client key) comes back as a signed 400 saying why")
    func wrongClientKey() async throws {
        try await withClient { _, responder in
            let http = CurlClient()
            defer { http.shutdown() }
            let stranger = EWPClient(http: http, signer: RequestSigner(key: try RSAPrivateKey.generate()), timeout: .seconds(10), urlPolicy: .loopbackHTTPAllowed)
            do {
                _ = try await stranger.get(responder.base + "/echo", parameters: [], keys: responder.keys)
                Issue.record("expected an error")
            } catch let error as EWPClientError {
                guard case .httpStatus(_, 400, let message, _) = error else { Issue.record("got \(error)"); return }
                #expect(message?.contains("unknown keyId") == true)
            }
        }
    }

    @Test("nothing listening is a retryable transport error; a bad URL is invalidURL")
    func transport() async throws {
        let http = CurlClient()
        defer { http.shutdown() }
        let client = EWPClient(http: http, signer: RequestSigner(key: Responder.clientKey), timeout: .seconds(5), urlPolicy: .loopbackHTTPAllowed)
        let keys = ServerKeys(keyId: "", key: Responder.serverKey.publicKey, urlPrefix: "")
        do {
            _ = try await client.get("http://127.0.0.1:1/echo", parameters: [], keys: keys)
            Issue.record("expected an error")
        } catch let error as EWPClientError {
            guard case .transport = error else { Issue.record("got \(error)"); return }
            #expect(error.isRetryable)
            #expect(error.status == nil)
        }
        do {
            _ = try await client.get("ftp://127.0.0.1/echo", parameters: [], keys: keys)
            Issue.record("expected an error")
        } catch let error as EWPClientError {
            guard case .invalidURL = error else { Issue.record("got \(error)"); return }
        }
    }
}

@Suite("EWPClient with TLS-certificate-only server authentication", .enabled(if: Responder.available))
struct EWPClientTLSOnlyTests {
    @Test("serverAuth .tlsCertificate accepts an unsigned response (all headers kept); the default refuses it")
    func unsignedAccepted() async throws {
        let responder = try await Responder.shared.value
        let http = CurlClient()
        defer { http.shutdown() }
        let client = EWPClient(http: http, signer: RequestSigner(key: Responder.clientKey), timeout: .seconds(10), urlPolicy: .loopbackHTTPAllowed)
        let result = try await client.get(responder.base + "/unsigned", parameters: [("echo", "a")], keys: responder.keys, serverAuth: .tlsCertificate)
        #expect(result.status == 200)
        #expect(result.headers.contains { $0.name.canonicalName == "content-type" })
        #expect(result.root?.elements("echo", namespace: EWPClientTests.echoNS).map(\.text) == ["a"])
        // The same endpoint fails under the default (httpsig) rule.
        await #expect(throws: EWPClientError.self) {
            _ = try await client.get(responder.base + "/unsigned", parameters: [("echo", "a")], keys: responder.keys)
        }
    }
}
