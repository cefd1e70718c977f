import EWPHTTP
import EWPTestSupport
import Foundation

/// Starts `testServerScript` with Python and stops it when the test is done.
final class TestServer {
    let httpPort: Int
    let hangPort: Int
    let closedPort: Int
    private let process: SpawnedProcess

    let scheme: String
    var base: String { "\(scheme)://127.0.0.1:\(httpPort)" }

    /// Starts the server on a thread of its own: waiting for Python must not block the (2-thread)
    /// cooperative pool, or every other test running in parallel stalls with it.
    static func start(tls: TestCertificates? = nil) async throws -> TestServer {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result { try TestServer(tls: tls) })
            }.start()
        }
    }

    private init(tls: TestCertificates?) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ewphttp-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let script = dir.appendingPathComponent("server.py")
        try testServerScript.write(to: script, atomically: true, encoding: .utf8)

        var arguments = [script.path] + (tls.map { ["--tls", $0.serverCertificate, $0.serverKey] } ?? [])
        var python = "/usr/bin/env"
        if let configured = ProcessInfo.processInfo.environment["EWP_TEST_PYTHON"], !configured.isEmpty {
            python = configured
        } else {
            arguments.insert("python3", at: 0)
        }
        // Its standard input stays open while it runs: the script ends at end of input.
        let process = try SpawnedProcess(executable: python, arguments: arguments, input: .pipe, output: .pipe, errorOutput: .inherit)

        // One line, written as soon as the sockets are bound.
        var line: [UInt8] = []
        let reader = process.standardOutput!
        while line.last != UInt8(ascii: "\n") {
            let chunk = reader.readData(ofLength: 1)
            if chunk.isEmpty { break }
            line.append(contentsOf: chunk)
        }
        var ports: [String: Int] = [:]
        for field in String(decoding: line, as: UTF8.self).split(whereSeparator: \.isWhitespace) {
            let parts = field.split(separator: "=")
            if parts.count == 2, let port = Int(parts[1]) { ports[String(parts[0])] = port }
        }
        guard let http = ports["http"], let hang = ports["hang"], let closed = ports["closed"] else {
            process.stopBlocking()
            throw TestServerError(message: "test server did not start; got \(String(decoding: line, as: UTF8.self))")
        }
        self.scheme = tls == nil ? "http" : "https"
        self.httpPort = http
        self.hangPort = hang
        self.closedPort = closed
        self.process = process
        try? FileManager.default.removeItem(at: dir)
    }

    func stop() {
        try? process.standardInput?.close()
        process.stopBlocking()
    }
}

struct TestServerError: Error, CustomStringConvertible { let message: String; var description: String { message } }

/// Runs `body` with a fresh server and client, then stops both.
func withServer<T>(client: CurlClient = CurlClient(), _ body: (TestServer, CurlClient) async throws -> T) async throws -> T {
    let server = try await TestServer.start()
    defer {
        client.shutdown()
        server.stop()
    }
    return try await body(server, client)
}

/// The JSON the server's /echo path returns.
struct Echo: Decodable {
    let method: String
    let target: String
    let headers: [[String]]
    let body: String
    let connection: Int

    var bodyBytes: [UInt8] { [UInt8](Data(base64Encoded: body) ?? Data()) }
    func header(_ name: String) -> String? {
        headers.first { $0.first?.lowercased() == name.lowercased() }?.last
    }
    func hasHeader(_ name: String) -> Bool { header(name) != nil }

    static func from(_ response: InboundResponse) throws -> Echo {
        try JSONDecoder().decode(Echo.self, from: Data(response.body))
    }
}
