import EWPNodeTestSupport
import EWPTestSupport
import Foundation
import Testing

/// `ewp-node account …` as a process: the operator creates an HEI's one main account and gets a
/// one-time set-password link, which works in the console; a second main account for the HEI, and
/// one for an HEI the node does not cover, are refused with exit 1 and the reason.
@Suite struct AccountCommandProcessTests {
    static func account(_ arguments: [String], directory: String) async throws -> (status: Int32, output: String) {
        try await ChildProcess.run(try E2EPaths.nodeBinary(), ["account"] + arguments, environment: [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "EWP_HEIS": "a.example,c.example", "EWP_ADMIN_EMAIL": "ewp-admin@example.org", "EWP_PUBLIC_URL": "http://127.0.0.1:9",
            "EWP_DATABASE": "sqlite:\(directory)/node.sqlite", "EWP_KEYS_DIR": directory + "/keys",
            "EWP_MANIFEST": RepositoryPaths.root + "/Manifest/manifest.json",
        ])
    }

    @Test("create-main prints a set-password link that works once in the console; a second main account and an uncovered HEI are refused")
    func createMain() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ewp-account-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let created = try await Self.account(["create-main", "--hei", "a.example", "--email", "Main@a.example", "--name", "Ada Main"], directory: directory)
        #expect(created.status == 0, "\(created.output)")
        let prefix = "set-password link (use it once): http://127.0.0.1:9/console/set-password?token="
        let line = try #require(created.output.split(separator: "\n").first { $0.hasPrefix(prefix) }, "\(created.output)")
        let token = String(line.dropFirst(prefix.count))
        let second = try await Self.account(["create-main", "--hei", "A.EXAMPLE", "--email", "other@a.example"], directory: directory)
        #expect(second.status == 1 && second.output.contains("a.example has a main account already"), "\(second.output)")
        let uncovered = try await Self.account(["create-main", "--hei", "z.example", "--email", "z@z.example"], directory: directory)
        #expect(uncovered.status != 0 && uncovered.output.contains("z.example"), "\(uncovered.output)")
        let operatorAccount = try await Self.account(["create-operator", "--email", "ops@node.example"], directory: directory)
        #expect(operatorAccount.status == 0 && operatorAccount.output.contains("created the operator account: ops@node.example"), "\(operatorAccount.output)")

        let node = try await ConsoleTestNode(database: "sqlite:\(directory)/node.sqlite")
        let browser = node.browser()
        _ = try await browser.get("/console/set-password?token=" + token)
        let set = try await browser.post("/console/set-password", [("token", token), ("password", "a long main password"),
                                                                     ("password-again", "a long main password")])
        #expect(set.status == 200)
        #expect(try await browser.signIn(email: "main@a.example", password: "a long main password").status == 303)
        let home = try await browser.get("/console/")
        #expect(home.text.contains("Ada Main") && home.text.contains("Main account"))
    }
}
