// Headless Chromium for the browser tests, driven by Scripts/browser_cdp.py (the DevTools protocol
// over a pipe, standard-library Python: nothing downloaded). Loopback only: the browser resolves
// no name but localhost and 127.0.0.1.
import Foundation

/// One thing the browser does or checks; the script runs a list of them in one tab (cookies carry).
enum BrowserStep: Sendable {
    /// Loads the URL; each `{{NAME}}` in it is what `remember` kept under NAME.
    case goto(String)
    /// Keeps the element's text under NAME (a link the page shows, to follow later).
    case remember(String, as: String)
    /// Focuses the field (CSS selector), clears it and types the text with real input events.
    case fill(String, String)
    /// Clicks the element's centre with the mouse; `navigates`: wait for the page that follows.
    case click(String, navigates: Bool = true)
    case expectText(String)
    case expectNoText(String)
    case expectStatus(Int)
    case expectURL(String)
    /// The whole page at desktop (1280×800) and phone (390×844) width: NAME-desktop.png, NAME-phone.png.
    case screenshot(String)

    var json: [String: Any] {
        switch self {
        case .goto(let url): ["goto": url]
        case .remember(let selector, let name): ["remember": selector, "as": name]
        case .fill(let selector, let value): ["fill": selector, "value": value]
        case .click(let selector, let navigates): ["click": selector, "navigates": navigates]
        case .expectText(let text): ["expectText": text]
        case .expectNoText(let text): ["expectNoText": text]
        case .expectStatus(let status): ["expectStatus": status]
        case .expectURL(let text): ["expectURL": text]
        case .screenshot(let name): ["screenshot": name]
        }
    }
}

/// What a run did: one line per step run (the script stops at the first failing step).
struct BrowserRun: Sendable {
    struct StepResult: Sendable {
        let index: Int
        let ok: Bool
        let url: String?
        let status: Int?
        let error: String?
        let files: [String]
    }
    let steps: [BrowserStep]
    let results: [StepResult]

    /// Nil when every step passed; else which step failed, where, and why.
    var failure: String? {
        guard results.count == steps.count, results.allSatisfy(\.ok) else {
            guard let bad = results.first(where: { !$0.ok }) else {
                return "the browser ran \(results.count) of \(steps.count) steps"
            }
            let step = bad.index >= 0 && bad.index < steps.count ? "\(steps[bad.index])" : "start"
            return "browser step \(bad.index) (\(step)) failed at \(bad.url ?? "?") [HTTP \(bad.status ?? 0)]: \(bad.error ?? "")"
        }
        return nil
    }

    var screenshots: [String] { results.flatMap(\.files) }
}

enum Browser {
    /// The word every skip starts with (the Makefile counts them, as it counts the other skips).
    static let skipMarker = "Chromium not found"

    /// `EWP_CHROMIUM`, else Debian's `chromium` on PATH.
    static let chromium: String? = {
        if let path = ProcessInfo.processInfo.environment["EWP_CHROMIUM"], !path.isEmpty { return path }
        return try? E2EPaths.tool("chromium")
    }()

    /// CI sets `EWP_REQUIRE_BROWSER=1`: there a missing browser fails the run instead of skipping it.
    static let required = ProcessInfo.processInfo.environment["EWP_REQUIRE_BROWSER"] == "1"

    static var skipComment: String {
        "\(skipMarker) (install Debian's chromium package: make deps; EWP_REQUIRE_BROWSER=1 makes this a failure)"
    }

    /// Where the screenshots go: .build/browser-screenshots/<folder> (not committed).
    static func screenshotFolder(_ folder: String) -> String {
        E2EPaths.repo + "/.build/browser-screenshots/" + folder
    }

    /// Runs `steps` in a fresh headless browser (its own profile, removed afterwards), at most
    /// `timeout` for the whole run.
    static func run(_ steps: [BrowserStep], screenshots folder: String, timeout: Duration = .seconds(120)) async throws -> BrowserRun {
        guard let chromium else { throw E2EError(skipComment) }
        let fm = FileManager.default
        let scratch = fm.temporaryDirectory.appendingPathComponent("ewp-browser-\(UUID().uuidString.prefix(8))").path
        try fm.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? fm.removeItem(atPath: scratch) }
        let stepsPath = scratch + "/steps.json", reportPath = scratch + "/report.jsonl"
        try JSONSerialization.data(withJSONObject: steps.map(\.json)).write(to: URL(fileURLWithPath: stepsPath))
        let screenshots = screenshotFolder(folder)
        try fm.createDirectory(atPath: screenshots, withIntermediateDirectories: true)
        let seconds = Int(timeout.components.seconds)
        var runError: (any Error)?
        do {
            try await runCommandAsync(E2EPaths.python, [
                E2EPaths.scripts + "/browser_cdp.py", "--chromium", chromium, "--steps", stepsPath,
                "--screenshots", screenshots, "--timeout", "\(seconds)", "--report", reportPath,
            ])
        } catch {
            runError = error  // a failing step exits 1; its line in the report says which and why
        }
        let lines = ((try? String(contentsOfFile: reportPath, encoding: .utf8)) ?? "").split(separator: "\n")
        let results = lines.compactMap { line -> BrowserRun.StepResult? in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
            return BrowserRun.StepResult(index: object["step"] as? Int ?? -1, ok: object["ok"] as? Bool ?? false,
                                         url: object["url"] as? String, status: object["status"] as? Int,
                                         error: object["error"] as? String, files: object["files"] as? [String] ?? [])
        }
        if results.isEmpty, let runError { throw runError }
        return BrowserRun(steps: steps, results: results)
    }
}

extension BrowserStep: CustomStringConvertible {
    var description: String {
        let data = (try? JSONSerialization.data(withJSONObject: json, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
