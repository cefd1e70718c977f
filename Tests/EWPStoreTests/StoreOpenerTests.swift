import EWPStore
import EWPStoreOpener
import EWPStorePostgres
import EWPTestSupport
import Foundation
import Testing

@Suite("StoreOpener (EWP_DATABASE)")
struct StoreOpenerTests {
    @Test("sqlite:PATH opens a working store and creates parent directories")
    func sqlitePath() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let path = dir.path("data/sub/node.sqlite")
        let store = try await StoreOpener.open("sqlite:" + path)
        try await store.healthCheck()
        try await store.saveBlob(key: "k", value: [1], metadata: [:])
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(store is SQLiteStore)
    }

    @Test("sqlite:///absolute/path is the absolute path")
    func sqliteTripleSlash() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let path = dir.path("node.sqlite")
        #expect(path.hasPrefix("/"))
        let store = try await StoreOpener.open("sqlite://" + path)
        try await store.healthCheck()
        #expect(FileManager.default.fileExists(atPath: path))
    }

    @Test("postgres:// opens a working, migrated PostgreSQL store", .enabled(if: StoreEngine.all.contains(.postgres)))
    func postgres() async throws {
        let cluster = try PostgresTestCluster.shared()
        let url = cluster.url(database: try cluster.makeDatabase())
        let store = try await StoreOpener.open(url, timeout: StoreFixture.postgresOpenTimeout)
        #expect(store is PostgresStore)
        #expect(try await (store as? PostgresStore)?.appliedMigrations().isEmpty == false)
        try await store.saveBlob(key: "k", value: [1, 2], metadata: ["a": "b"])
        #expect(try await StoreOpener.open(url.replacingOccurrences(of: "postgres://", with: "postgresql://")).loadBlob(key: "k")?.value == [1, 2])
    }

    @Test("postgres URLs: user, password (percent-decoded), host, port, database, sslmode and pool_size are read")
    func postgresConfiguration() throws {
        let full = try PostgresStoreConfiguration(url: "postgres://ewp:p%40ss@db.example:6543/ewp_node?sslmode=require&pool_size=25")
        #expect(full == PostgresStoreConfiguration(host: "db.example", port: 6543, username: "ewp", password: "p@ss", database: "ewp_node",
                                                   tls: .require, poolSize: 25))
        let plain = try PostgresStoreConfiguration(url: "postgresql://ewp@127.0.0.1/ewp")
        #expect(plain == PostgresStoreConfiguration(host: "127.0.0.1", port: 5432, username: "ewp", password: nil, database: "ewp",
                                                    tls: .prefer, poolSize: 10))
        #expect(try PostgresStoreConfiguration(url: "postgres://u@h/d?sslmode=disable").tls == .disable)
        #expect(try PostgresStoreConfiguration(url: "postgres://u@h/d?sslmode=verify-full").tls == .verifyFull)
    }

    @Test("bad postgres URLs are refused with what to fix, never echoing the password",
          arguments: ["postgres://ewp:s3cret@127.0.0.1:5432/", "postgres://:s3cret@127.0.0.1/ewp", "postgres://ewp:s3cret@127.0.0.1/ewp?sslmode=maybe",
                      "postgres://ewp:s3cret@127.0.0.1/ewp?pool_size=0", "postgres://ewp:s3cret@127.0.0.1/ewp?colour=blue"])
    func badPostgres(url: String) async {
        let error = await #expect(throws: StoreError.self) { try await StoreOpener.open(url) }
        #expect(error?.code == .invalidInput)
        #expect(error?.message.contains("s3cret") == false)
        #expect(error?.message.contains("EWP_DATABASE") == true, "\(String(describing: error))")
    }

    @Test("a PostgreSQL that does not answer: .unavailable, without the password")
    func postgresUnreachable() async throws {
        // A loopback port nobody listens on: the connection is refused at once.
        let listener = try PostgresStoreConfiguration(url: "postgres://ewp:s3cret@127.0.0.1:9/ewp?sslmode=disable")
        let error = await #expect(throws: StoreError.self) { try await PostgresStore(listener, timeout: .seconds(20)) }
        #expect(error?.code == .unavailable, "\(String(describing: error))")
        #expect(error?.message.contains("s3cret") == false)
    }

    @Test("empty and unknown values are refused with a hint", arguments: ["", "sqlite:", "mysql://u:s3cret@h/db", "/var/lib/node.db"])
    func invalid(value: String) async {
        let error = await #expect(throws: StoreError.self) { try await StoreOpener.open(value) }
        #expect(error?.message.contains("sqlite:PATH") == true)
        #expect(error?.code == .invalidInput)
        #expect(error?.message.contains("s3cret") == false)
    }
}
