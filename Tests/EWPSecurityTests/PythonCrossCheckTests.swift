import EWPCrypto
import EWPTestSupport
import Foundation
import HTTPTypes
import Testing
@testable import EWPSecurity

/// Cross-check with an independent implementation: Scripts/httpsig.py (Python + PyPI cryptography).
/// Interpreter: $EWP_TEST_PYTHON (set by `make test`), else `python3` from PATH.
enum Python {
    static var repoRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }
    static var script: String { repoRoot + "/Scripts/httpsig.py" }

    static func run(_ arguments: [String]) async throws -> (Int32, String) {
        if let python = ProcessInfo.processInfo.environment["EWP_TEST_PYTHON"], !python.isEmpty {
            return try await ChildProcess.run(python, [script] + arguments)
        }
        return try await ChildProcess.run("/usr/bin/env", ["python3", script] + arguments)
    }

    /// Evaluated once, during test discovery (not on the cooperative pool).
    static let available: Bool = {
        let command = ProcessInfo.processInfo.environment["EWP_TEST_PYTHON"].flatMap { $0.isEmpty ? nil : [$0] } ?? ["/usr/bin/env", "python3"]
        return (try? ChildProcess.complete(command[0], Array(command.dropFirst()) + ["-c", "import cryptography"]))?.status == 0
    }()
}

@Suite("Cross-check with Scripts/httpsig.py", .enabled(if: Python.available, "needs python3 with PyPI cryptography (make py-deps)"))
struct PythonCrossCheckTests {
    func write(_ text: String, in dir: URL, _ name: String) throws -> String {
        let path = dir.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func headers(fromJSON text: String) throws -> HTTPFields {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String]
        // JSONSerialization loses order; order does not matter for verification.
        return HTTPFields(pairs: try #require(object).map { (name: $0.key, value: $0.value) })
    }

    @Test("Python signs a POST, our RequestAuthenticator accepts it; a tampered body is refused")
    func pythonSignsPost() async throws {
        let dir = try RepositoryPaths.temporaryDirectory(prefix: "ewp-test")
        defer { try? FileManager.default.removeItem(at: dir) }
        let keyPath = try write(Keys.client.pemPKCS8, in: dir, "client.pem")
        let (status, output) = try await Python.run(["sign-request", "--key", keyPath, "--method", "POST", "--url", "https://\(Probe.host)/ewp/echo",
                                               "--body", "echo=a&echo=b", "--header", "Content-Type: application/x-www-form-urlencoded"])
        #expect(status == 0, "\(output)")
        let h = try headers(fromJSON: output)
        let message = SignableMessage(method: "POST", target: "/ewp/echo", headers: h, body: Array("echo=a&echo=b".utf8))
        let auth = Probe.authenticator()
        let client = try auth.verify(message, keys: Keys.directory, now: Date()).get()
        #expect(client.heiIDs == ["uw.edu.pl"])
        #expect(client.signedHeaders.contains("content-type"))
        var tampered = message; tampered.body = Array("echo=c".utf8)
        #expect(Probe.authenticator().verify(tampered, keys: Keys.directory, now: Date()).failure?.reason == .digestMismatch)
    }

    @Test("Python signs a GET with a query string; we accept it")
    func pythonSignsGet() async throws {
        let dir = try RepositoryPaths.temporaryDirectory(prefix: "ewp-test")
        defer { try? FileManager.default.removeItem(at: dir) }
        let keyPath = try write(Keys.otherClient.pemPKCS8, in: dir, "client.pem")
        let (status, output) = try await Python.run(["sign-request", "--key", keyPath, "--method", "GET", "--url", "https://\(Probe.host)/ewp/echo?echo=a&echo=b"])
        #expect(status == 0, "\(output)")
        let message = SignableMessage(method: "GET", target: "/ewp/echo?echo=a&echo=b", headers: try headers(fromJSON: output), body: [])
        #expect(try Probe.authenticator().verify(message, keys: Keys.directory, now: Date()).get().heiIDs == ["uma.es"])
    }

    @Test("our ResponseSigner's response verifies in Python; a changed body does not")
    func pythonVerifiesOurResponse() async throws {
        let dir = try RepositoryPaths.temporaryDirectory(prefix: "ewp-test")
        defer { try? FileManager.default.removeItem(at: dir) }
        let requestId = RequestId.fresh()
        let requestSignature = "cmVxdWVzdA=="
        let body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<response>ü</response>"
        let signed = ResponseSigner(key: Keys.server).headers(requestMethod: "POST", requestTarget: "/ewp/echo?x=1", requestId: requestId,
                                                              requestSignature: requestSignature, body: Array(body.utf8), now: Date(),
                                                              alsoSigning: [(name: "Content-Type", value: "application/xml; charset=utf-8")])
        let all = signed + [(name: "Content-Type", value: "application/xml; charset=utf-8")]
        let json = String(decoding: try JSONSerialization.data(withJSONObject: all.map { [$0.name.rawName, $0.value] }), as: UTF8.self)
        let headersPath = try write(json, in: dir, "headers.json")
        let bodyPath = try write(body, in: dir, "body.xml")
        let badBodyPath = try write(body + " ", in: dir, "bad.xml")
        let pubPath = try write(Keys.server.publicKey.pem, in: dir, "server.pem")
        let common = ["verify-response", "--server-key", pubPath, "--method", "POST", "--url", "https://\(Probe.host)/ewp/echo?x=1",
                      "--request-id", requestId, "--request-signature", requestSignature, "--headers-file", headersPath]
        let (ok, okOutput) = try await Python.run(common + ["--body-file", bodyPath])
        #expect(ok == 0, "\(okOutput)")
        #expect(okOutput.hasPrefix("OK:"))
        let (bad, badOutput) = try await Python.run(common + ["--body-file", badBodyPath])
        #expect(bad == 1)
        #expect(badOutput.contains("Digest does not match"))
        let (wrongTarget, _) = try await Python.run(common.map { $0 == "https://\(Probe.host)/ewp/echo?x=1" ? "https://\(Probe.host)/ewp/echo" : $0 } + ["--body-file", bodyPath])
        #expect(wrongTarget == 1)
    }
}
