import EWPTestSupport
import Foundation
import Testing

/// `ewp-node db migrate` as a process: it brings EWP_DATABASE (SQLite or PostgreSQL) to the schema and
/// lists the migrations it holds; a second run applies nothing new; a database it cannot reach fails
/// with exit 1, never echoing the password.
@Suite struct DBMigrateProcessTests {
    static func migrate(_ database: String) async throws -> (status: Int32, output: String) {
        try await ChildProcess.run(try E2EPaths.nodeBinary(), ["db", "migrate"], environment: [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "EWP_DATABASE": database, "EWP_MANIFEST": RepositoryPaths.root + "/Manifest/manifest.json",
        ])
    }

    @Test("SQLite: the file is created and migrated; the second run lists the same migrations")
    func sqlite() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ewp-db-migrate-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = try await Self.migrate("sqlite:\(directory)/node.sqlite")
        #expect(first.status == 0 && first.output.contains("8 migration(s) applied: v1-blobs,"), "\(first.output)")
        #expect(FileManager.default.fileExists(atPath: directory + "/node.sqlite"))
        let second = try await Self.migrate("sqlite:\(directory)/node.sqlite")
        #expect(second.status == 0 && second.output == first.output, "\(first.output)\n---\n\(second.output)")
    }

    @Test("PostgreSQL: a new database is migrated; the second run lists the same migrations",
          .enabled(if: PostgresTestCluster.runs("ewp-node db migrate")))
    func postgres() async throws {
        let cluster = try PostgresTestCluster.shared()
        let url = cluster.url(database: try cluster.makeDatabase())
        let first = try await Self.migrate(url)
        #expect(first.status == 0, "\(first.output)")
        #expect(first.output.contains("7 migration(s) applied: v1-blobs, v2-notification-queue, v3-partner-copies, v4-sync-states, v5-own-objects, v6-seen-request-ids, v7-console"),
                "\(first.output)")
        let second = try await Self.migrate(url)
        #expect(second.status == 0 && second.output == first.output, "\(first.output)\n---\n\(second.output)")
    }

    @Test("a PostgreSQL nobody answers: exit 1, saying so, without the password")
    func unreachable() async throws {
        let run = try await Self.migrate("postgres://ewp:s3cret@127.0.0.1:9/ewp?sslmode=disable")
        #expect(run.status == 1, "\(run.output)")
        #expect(run.output.contains("database:") && run.output.contains("127.0.0.1:9/ewp"), "\(run.output)")
        #expect(!run.output.contains("s3cret"), "\(run.output)")
    }
}
