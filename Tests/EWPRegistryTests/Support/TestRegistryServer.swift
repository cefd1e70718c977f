import Foundation
import EWPHTTP
import EWPTestSupport

/// Scripts/test_registry.py on 127.0.0.1, serving a catalogue file that tests may rewrite.
/// Stdin is a pipe the script watches, so a crashed test run cannot leak the server.
final class TestRegistryServer {
    let port: Int
    let cataloguePath: String
    private let process: SpawnedProcess

    static var python: String {
        if let p = ProcessInfo.processInfo.environment["EWP_TEST_PYTHON"], !p.isEmpty { return p }
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") { return "/usr/bin/python3" }
        return "python3"
    }

    init(cataloguePath: String, maxAge: Int = 300) throws {
        self.cataloguePath = cataloguePath
        let arguments = [Paths.testRegistryScript, "--catalogue", cataloguePath, "--port", "0",
                         "--max-age", String(maxAge), "--exit-on-stdin-eof"]
        process = try SpawnedProcess(executable: Self.python, arguments: arguments, input: .pipe, output: .pipe, errorOutput: .inherit)
        var line: [UInt8] = []
        while true {
            let chunk = try process.standardOutput!.read(upToCount: 1) ?? Data()
            if chunk.isEmpty || chunk.first == 0x0A { break }
            line.append(contentsOf: chunk)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self)) else {
            process.stopBlocking()
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "test registry printed no port"])
        }
        self.port = port
    }

    var url: String { "http://127.0.0.1:\(port)/catalogue-v1.xml" }

    /// GET /_control/…; returns the JSON body as a dictionary.
    @discardableResult
    func control(_ pathAndQuery: String, http: CurlClient) async throws -> [String: Any] {
        let r = try await http.send(OutboundRequest(url: "http://127.0.0.1:\(port)/_control/\(pathAndQuery)"))
        guard r.status == 200 else { throw CocoaError(.fileReadUnknown) }
        return (try JSONSerialization.jsonObject(with: Data(r.body)) as? [String: Any]) ?? [:]
    }

    func stats(http: CurlClient) async throws -> (requests: Int, ok: Int, notModified: Int, lastIfNoneMatch: String?) {
        let s = try await control("stats", http: http)
        return (s["requests"] as? Int ?? -1, s["ok"] as? Int ?? -1, s["not_modified"] as? Int ?? -1,
                s["last_if_none_match"] as? String)
    }

    /// Closing stdin makes the script exit; SIGTERM as well.
    func stop() {
        try? process.standardInput?.close()
        process.stopBlocking(timeout: .seconds(1))
    }

    deinit { stop() }
}
