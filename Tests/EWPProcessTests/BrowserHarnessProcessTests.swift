// The browser harness itself, against a tiny static site on 127.0.0.1 (Python's http.server):
// typing, clicking, following a form, statuses, screenshots at both widths, and a failing check
// reported as such.
import EWPHTTP
import EWPTestSupport
import Foundation
import Testing

@Suite("Browser harness (headless Chromium on a local page)", .serialized, .timeLimit(.minutes(3)),
       .enabled(if: Browser.chromium != nil || Browser.required, Comment(rawValue: Browser.skipComment)))
struct BrowserHarnessProcessTests {
    @Test("fills a form, follows it, reads the page and its status, screenshots at 1280 and 390 px")
    func formRoundTrip() async throws {
        try await withStaticSite { base in
            let run = try await Browser.run([
                .goto(base + "/index.html"),
                .expectText("Harness page"),
                .fill("#name", "Ada Lovelace"),
                .click("button[type=submit]"),
                .expectURL("result.html?name=Ada+Lovelace"),
                .expectText("Hello, Ada Lovelace"),
                .expectNoText("Harness page"),
                .expectStatus(200),
                .screenshot("result"),
                .goto(base + "/missing.html"),
                .expectStatus(404),
            ], screenshots: "harness", timeout: .seconds(90))
            #expect(run.failure == nil, "\(run.failure ?? "")")
            let widths = try run.screenshots.map { try pngSize($0).width }
            #expect(widths == [1280, 390])
            for path in run.screenshots { #expect(try pngSize(path).height >= 800) }
        }
    }

    @Test("a check that does not hold fails its step, says why, and stops the run")
    func failingStep() async throws {
        try await withStaticSite { base in
            let run = try await Browser.run([
                .goto(base + "/index.html"),
                .expectText("Text this page does not have"),
                .click("button[type=submit]"),
            ], screenshots: "harness", timeout: .seconds(60))
            let failure = try #require(run.failure)
            #expect(failure.contains("browser step 1"))
            #expect(failure.contains("Text this page does not have"))
            #expect(run.results.count == 2)

            let missing = try await Browser.run([.goto(base + "/index.html"), .click("#no-such-button")],
                                                screenshots: "harness", timeout: .seconds(60))
            #expect(missing.failure?.contains("no element matches #no-such-button") == true)
        }
    }
}

/// Serves two pages from a temporary folder on a free loopback port for the duration of `body`.
private func withStaticSite(_ body: (String) async throws -> Void) async throws {
    let fm = FileManager.default
    let directory = fm.temporaryDirectory.appendingPathComponent("ewp-browser-site-\(UUID().uuidString.prefix(8))").path
    try fm.createDirectory(atPath: directory + "/site", withIntermediateDirectories: true)
    defer { try? fm.removeItem(atPath: directory) }
    try writeFile(directory + "/site/index.html", """
        <!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
        <title>Harness</title></head><body><h1>Harness page</h1>
        <form action="result.html" method="get"><label for="name">Name</label>
        <input id="name" name="name" value="old"><button type="submit">Send</button></form></body></html>
        """)
    try writeFile(directory + "/site/result.html", """
        <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Result</title></head>
        <body><h1>Result</h1><p id="out"></p><script>
        document.getElementById('out').textContent = 'Hello, ' + new URLSearchParams(location.search).get('name');
        </script></body></html>
        """)
    let port = try LoopbackPorts.free()
    let server = try ManagedProcess(name: "http.server", executable: try absoluteExecutable(E2EPaths.python),
                                    arguments: ["-m", "http.server", "\(port)", "--bind", "127.0.0.1", "--directory", directory + "/site"],
                                    environment: ProcessInfo.processInfo.environment, currentDirectory: directory,
                                    logPath: directory + "/server.log")
    let http = CurlClient(maxConnectionsPerHost: 2, connectTimeout: .seconds(5))
    defer { http.shutdown() }
    do {
        let base = "http://127.0.0.1:\(port)"
        try await waitUntilReady(url: base + "/index.html", process: server, http: http, timeout: .seconds(20))
        try await body(base)
    } catch {
        await server.stop()
        throw error
    }
    await server.stop()
}

/// Width and height from a PNG's IHDR chunk.
func pngSize(_ path: String) throws -> (width: Int, height: Int) {
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    guard bytes.count > 24, bytes[0..<8].elementsEqual([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else {
        throw E2EError("\(path) is not a PNG")
    }
    func be32(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
    return (be32(16), be32(20))
}
