@testable import EWPNode
import EWPStore
import EWPStoreOpener
import EWPNodeTestSupport
import EWPTestSupport
import Foundation
import Testing

/// `ewp-node la list|show` and `ewp-node tor list|show` as processes on a real database file
/// (filled as in `AdminLAViewsTests`): human lines by default, JSON with `--json`, exit 1 with the
/// way out for an unknown id.
@Suite("LA and ToR views as ewp-node commands", .timeLimit(.minutes(2)))
struct LAOverviewProcessTests {
    static func node() async throws -> (run: @Sendable ([String]) async throws -> (status: Int32, output: String), cleanup: @Sendable () -> Void) {
        let directory = try RepositoryPaths.temporaryDirectory(prefix: "ewp-la-views")
        var environment = ProcessInfo.processInfo.environment
        environment.merge([
            "EWP_HEIS": LAViewsData.hei, "EWP_ADMIN_EMAIL": "ewp-admin@example.org", "EWP_PUBLIC_URL": "https://ewp.example.org",
            "EWP_KEYS_DIR": directory.appendingPathComponent("keys").path,
            "EWP_DATABASE": "sqlite:" + directory.appendingPathComponent("node.sqlite").path,
            "EWP_REGISTRY_URL": "http://127.0.0.1:9/catalogue-v1.xml", "EWP_MANIFEST": "/nonexistent/manifest.json",
            "EWP_SCHEMAS_DIR": RepositoryPaths.schemas,
        ]) { $1 }
        let configuration = try NodeConfiguration(settings: environment)
        _ = try HostKeys.generateMissing(heiID: LAViewsData.hei, keysDirectory: configuration.keysDirectory)
        try await LAViewsData.fill(try await StoreOpener.open(configuration.database), configuration: configuration)
        let binary = try E2EPaths.nodeBinary()
        let env = environment
        return ({ arguments in try await ChildProcess.run(binary, arguments, environment: env) },
                { try? FileManager.default.removeItem(at: directory) })
    }

    static func lines(_ output: String) -> [String] { output.split(separator: "\n").map(String.init) }

    static func json(_ line: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    @Test("la list: one line per LA with role, partner, state and findings; --role and --json; la show: summary, history, findings; unknown id exits 1")
    func laCommands() async throws {
        let (run, cleanup) = try await Self.node()
        defer { cleanup() }
        let list = try await run(["la", "list"])
        #expect(list.status == 0, "\(list.output)")
        let lines = Self.lines(list.output)
        #expect(lines.count == 2, "\(list.output)")
        #expect(lines.first?.hasPrefix("sending a.example m-1 -> b.example  semester 2026/2027 Chloe Student  state: awaiting (proposal p-2, not answered yet)") == true,
                "\(list.output)")
        #expect(lines.last?.hasPrefix("receiving a.example t-1 <- b.example") == true && lines.last?.contains("findings: 1 error") == true, "\(list.output)")

        let receiving = try await run(["la", "list", "--role", "receiving", "--json"])
        let objects = try Self.lines(receiving.output).map(Self.json)
        #expect(objects.count == 1 && objects[0]["omobility_id"] as? String == "t-1" && (objects[0]["errors"] as? Int ?? 0) >= 1, "\(receiving.output)")
        let badRole = try await run(["la", "list", "--role", "both"])
        #expect(badRole.status != 0 && badRole.output.contains("--role must be sending or receiving"))

        let show = try await run(["la", "show", "--omobility-id", "t-1"])
        #expect(show.status == 0, "\(show.output)")
        #expect(show.output.contains("pulled from b.example") && show.output.contains("error LA-PROVISIONS-URL:"), "\(show.output)")
        let ours = try await run(["la", "show", "--omobility-id", "m-1", "--json"])
        let detail = try Self.json(ours.output.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect((detail["history"] as? [[String: Any]])?.map { $0["event"] as? String } == ["imported"], "\(ours.output)")
        let unknown = try await run(["la", "show", "--omobility-id", "nope"])
        #expect(unknown.status == 1 && unknown.output.contains("ewp-node sync --partner"), "\(unknown.output)")

        // HEI ids are SCHAC ids: --hei and --sending-hei in capitals name the same HEIs.
        let upper = try await run(["la", "show", "--omobility-id", "t-1", "--sending-hei", LAViewsData.partner.uppercased(),
                                   "--hei", LAViewsData.hei.uppercased()])
        #expect(upper.status == 0 && upper.output.contains("pulled from b.example"), "\(upper.output)")
        let listed = try await run(["la", "list", "--hei", LAViewsData.hei.uppercased(), "--partner", LAViewsData.partner.uppercased()])
        #expect(listed.status == 0 && Self.lines(listed.output).count == 2, "\(listed.output)")
    }

    @Test("tor list: received and issued; tor show prints the ELMO document (or JSON); unknown exits 1")
    func torCommands() async throws {
        let (run, cleanup) = try await Self.node()
        defer { cleanup() }
        let list = try await run(["tor", "list"])
        #expect(list.status == 0, "\(list.output)")
        #expect(Self.lines(list.output).map { $0.split(separator: " ").prefix(3).joined(separator: " ") } == ["received a.example our-1", "issued a.example om-1"],
                "\(list.output)")
        let json = try await run(["tor", "list", "--partner", LAViewsData.partner, "--json"])
        #expect(try Self.lines(json.output).map(Self.json).map { $0["direction"] as? String } == ["received", "issued"], "\(json.output)")

        let show = try await run(["tor", "show", "--partner", LAViewsData.partner, "--omobility-id", "our-1"])
        #expect(show.status == 0 && show.output.contains("<elmo") && show.output.contains("our-1"), "\(show.output)")
        let unknown = try await run(["tor", "show", "--partner", LAViewsData.partner, "--omobility-id", "nope"])
        #expect(unknown.status == 1 && unknown.output.contains("ewp-node sync --partner b.example --api imobility-tors"), "\(unknown.output)")
    }
}
