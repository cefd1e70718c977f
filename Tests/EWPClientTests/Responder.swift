import EWPCrypto
import EWPSecurity
import EWPTestSupport
import Foundation

/// Scripts/signed_responder.py (Python + PyPI cryptography, 127.0.0.1 only), started once per test
/// run with fresh keys; it exits by itself when the test process ends (--watch-parent).
struct Responder: Sendable {
    static let clientKey = try! RSAPrivateKey.generate()
    static let serverKey = try! RSAPrivateKey.generate()

    /// One responder for all tests (each start costs a Python interpreter and key loading).
    static let shared = Task<Responder, any Error> { try await Responder.start() }

    let port: Int

    var base: String { "http://127.0.0.1:\(port)" }

    /// The Registry's view: the responder's server key serves every path on it.
    var keys: ServerKeys { ServerKeys(keyId: Self.serverKey.publicKey.fingerprint, key: Self.serverKey.publicKey, urlPrefix: base + "/") }

    static var repoRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    /// The interpreter: $EWP_TEST_PYTHON (set by `make test`) or python3 from PATH.
    static func pythonCommand(_ arguments: [String]) -> (String, [String]) {
        if let python = ProcessInfo.processInfo.environment["EWP_TEST_PYTHON"], !python.isEmpty {
            return (python, arguments)
        }
        return ("/usr/bin/env", ["python3"] + arguments)
    }

    static let available: Bool = {
        let (exe, args) = pythonCommand(["-c", "import cryptography"])
        return (try? ChildProcess.complete(exe, args))?.status == 0
    }()

    /// Starts on a thread of its own: waiting for Python must not block the cooperative pool.
    static func start() async throws -> Responder {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try Responder.launch() }) }.start()
        }
    }

    private static func launch() throws -> Responder {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ewpclient-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }   // the keys are loaded by then
        let serverPEM = directory.appendingPathComponent("server.pem")
        let clientPub = directory.appendingPathComponent("client-pub.pem")
        try serverKey.pemPKCS8.write(to: serverPEM, atomically: true, encoding: .utf8)
        try clientKey.publicKey.pem.write(to: clientPub, atomically: true, encoding: .utf8)

        let (exe, args) = pythonCommand([repoRoot + "/Scripts/signed_responder.py", "--watch-parent",
                                         "--server-key", serverPEM.path, "--client-key", clientPub.path])
        let process = try SpawnedProcess(executable: exe, arguments: args, output: .pipe, errorOutput: .null)
        var line: [UInt8] = []
        while line.last != UInt8(ascii: "\n") {
            let chunk = process.standardOutput!.readData(ofLength: 1)
            if chunk.isEmpty { break }
            line.append(contentsOf: chunk)
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("port="), let port = Int(text.dropFirst(5)) else {
            process.stopBlocking()
            throw ResponderError(message: "signed_responder.py did not start: \(text)")
        }
        return Responder(port: port)
    }
}

struct ResponderError: Error, CustomStringConvertible { let message: String; var description: String { message } }

struct ServerKeys: ServerKeyDirectory {
    let keyId: String
    let key: RSAPublicKey
    let urlPrefix: String
    func serverKey(keyId: String, forEndpointURL url: String) -> RSAPublicKey? {
        keyId == self.keyId && url.hasPrefix(urlPrefix) ? key : nil
    }
}
