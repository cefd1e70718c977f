import EWPStore
import EWPStorePostgres
import EWPTestSupport
import Foundation
import Testing

/// The engines every store suite runs on: the same tests, against SQLite and a real PostgreSQL
/// (the test process's throw-away cluster, `PostgresTestCluster`, one database per test).
enum StoreEngine: String, Sendable, CustomTestStringConvertible {
    case sqlite, postgres

    /// SQLite always; PostgreSQL where installed (or required: EWP_REQUIRE_POSTGRES=1), else skipped
    /// with a line saying so.
    static let all: [StoreEngine] = [.sqlite] + (PostgresTestCluster.runs("the store tests") ? [.postgres] : [])

    var testDescription: String { rawValue }
}

/// A fresh store of one engine: a new SQLite file in a temp directory, or a new PostgreSQL database.
/// Call `remove()` when done.
struct StoreFixture {
    /// How long a test waits to connect and migrate: generous, because on a loaded machine several
    /// tests open stores at once (the node's own default, 30 s, is a production setting, not a
    /// test's subject).
    static let postgresOpenTimeout: Duration = .seconds(300)

    let engine: StoreEngine
    let dir: TempDirectory
    let store: any Store
    /// The PostgreSQL store's settings (nil for SQLite).
    let postgres: PostgresStoreConfiguration?
    var path: String { dir.path("node.sqlite") }

    init(_ engine: StoreEngine) async throws {
        self.engine = engine
        dir = try TempDirectory()
        switch engine {
        case .sqlite:
            postgres = nil
            store = try SQLiteStore(path: dir.path("node.sqlite"))
        case .postgres:
            let configuration = try Self.newPostgresDatabase()
            postgres = configuration
            store = try await PostgresStore(configuration, timeout: StoreFixture.postgresOpenTimeout)
        }
    }

    /// Another store on the same database, as a second node process would open it.
    func second() async throws -> any Store {
        if let postgres { return try await PostgresStore(postgres, timeout: StoreFixture.postgresOpenTimeout) }
        return try SQLiteStore(path: path)
    }

    func remove() { dir.remove() }

    /// Closes the first store (its file or its connection pool).
    func close() async throws {
        try Self.close(store)
    }

    /// Closes `store` (its file or its connection pool), e.g. one `second()` opened.
    static func close(_ store: any Store) throws {
        if let sqlite = store as? SQLiteStore { try sqlite.close() }
        if let postgres = store as? PostgresStore { postgres.close() }
    }

    /// A new empty database of the shared cluster. Small pools: many tests run at once.
    static func newPostgresDatabase() throws -> PostgresStoreConfiguration {
        let cluster = try PostgresTestCluster.shared()
        var configuration = PostgresStoreConfiguration(host: "127.0.0.1", port: cluster.port, username: cluster.role,
                                                       database: try cluster.makeDatabase(), tls: .disable, poolSize: 4)
        configuration.healthCheckTimeout = postgresOpenTimeout
        return configuration
    }
}
