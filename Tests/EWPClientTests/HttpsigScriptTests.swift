import EWPCrypto
import EWPTestSupport
import Foundation
import Testing

/// Scripts/httpsig.py `request` (reused by the end-to-end test against the real server): it signs,
/// sends, and verifies the response with --server-key.
@Suite("Scripts/httpsig.py request against the signed responder", .enabled(if: Responder.available))
struct HttpsigScriptTests {
    /// Runs httpsig.py on a thread of its own (never blocking the cooperative pool).
    func run(_ arguments: [String]) async throws -> (Int32, [String: Any]) {
        let (status, data) = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<(Int32, Data), any Error>) in
            Thread {
                continuation.resume(with: Result {
                    let (exe, args) = Responder.pythonCommand([Responder.repoRoot + "/Scripts/httpsig.py"] + arguments)
                    let completed = try ChildProcess.complete(exe, args)
                    return (completed.status, Data(completed.output))
                })
            }.start()
        }
        let json = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
        return (status, json)
    }

    @Test("signed POST: status 200, the echo body, verification OK; a tampered response exits 2")
    func request() async throws {
        let responder = try await Responder.shared.value
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("httpsig-request-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let clientPEM = dir.appendingPathComponent("client.pem").path
        let serverPub = dir.appendingPathComponent("server-pub.pem").path
        try Responder.clientKey.pemPKCS8.write(toFile: clientPEM, atomically: true, encoding: .utf8)
        try Responder.serverKey.publicKey.pem.write(toFile: serverPub, atomically: true, encoding: .utf8)

        let (status, json) = try await run(["request", "--key", clientPEM, "--url", responder.base + "/echo", "--data", "echo=a&echo=b", "--server-key", serverPub])
        #expect(status == 0)
        #expect(json["status"] as? Int == 200)
        #expect((json["body"] as? String)?.contains("<echo>a</echo><echo>b</echo>") == true)
        #expect((json["verification"] as? String)?.hasPrefix("OK:") == true)

        let (tamperedStatus, tampered) = try await run(["request", "--key", clientPEM, "--url", responder.base + "/tampered?echo=a", "--server-key", serverPub])
        #expect(tamperedStatus == 2)
        #expect((tampered["verification"] as? String)?.hasPrefix("INVALID") == true)
    }
}
