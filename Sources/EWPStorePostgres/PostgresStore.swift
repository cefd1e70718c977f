import EWPStore
import Foundation
import Logging
import NIOSSL
import PostgresNIO
import Synchronization

/// The store on PostgreSQL, for several node processes on one database. Every method is one
/// transaction on a pooled connection. Where SQLite serialises all writers on the file lock, this
/// store locks only what a transaction works on: queue rows are claimed with `FOR UPDATE SKIP LOCKED`,
/// and writers of the same object, partner copy or queue key take a transaction-level advisory lock on
/// it first (in a fixed order: no deadlock). Times are Unix seconds (double precision), as in SQLite,
/// so every `Date` round-trips exactly. Each protocol part is an extension in its own file here.
public final class PostgresStore: Store, PooledStore {
    let client: PostgresClient
    let logger: Logger
    private let pool: PoolCounters
    /// How long `healthCheck` waits for the database's answer.
    static let healthCheckTimeout: Duration = .seconds(3)
    private let runner: Task<Void, Never>
    /// host:port/database, for messages (never the password).
    public let location: String

    /// Connects (the pool opens connections as needed, up to `configuration.poolSize`) and applies
    /// pending migrations. Throws `.unavailable` when the database cannot be reached within `timeout`.
    public init(_ configuration: PostgresStoreConfiguration, logger: Logger = Logger(label: "ewp-store-postgres"),
                timeout: Duration = .seconds(30)) async throws {
        let location = "\(configuration.host):\(configuration.port)/\(configuration.database)"
        self.location = location
        self.logger = logger
        var settings = PostgresClient.Configuration(host: configuration.host, port: configuration.port, username: configuration.username,
                                                   password: configuration.password, database: configuration.database,
                                                   tls: Self.tls(configuration.tls))
        settings.options.maximumConnections = configuration.poolSize
        pool = PoolCounters(maximum: configuration.poolSize)
        settings.options.connectTimeout = .seconds(10)
        // The pool runs from the start (postgres-nio wants `run()` going before the first lease; the
        // migration below gives it time), but is used only once the database is migrated.
        let client = PostgresClient(configuration: settings, backgroundLogger: logger)
        self.client = client
        runner = Task { await client.run() }
        do {
            try await Self.withTimeout(timeout, "connect to PostgreSQL at \(location) and migrate") {
                _ = try await Self.migrate(configuration, logger: logger)
            }
        } catch {
            runner.cancel()
            throw error
        }
    }

    /// Applies the pending migrations on one connection of its own (not the pool: a database that
    /// cannot be reached fails here at once, with the reason, where the pool would keep retrying in
    /// the background) and returns the ids of every migration the database holds, in order.
    public static func migrate(_ configuration: PostgresStoreConfiguration, logger: Logger) async throws -> [String] {
        let location = "\(configuration.host):\(configuration.port)/\(configuration.database)"
        do {
            let connection = try await PostgresConnection.connect(
                configuration: PostgresConnection.Configuration(host: configuration.host, port: configuration.port,
                                                                username: configuration.username, password: configuration.password,
                                                                database: configuration.database, tls: try connectionTLS(configuration.tls)),
                id: 0, logger: logger)
            do {
                try await PostgresMigrations.migrate(connection, logger: logger)
                let applied = try await PostgresMigrations.applied(connection, logger: logger)
                try await connection.close()
                return applied
            } catch {
                try? await connection.close()
                throw error
            }
        } catch {
            throw wrap(error, "PostgreSQL store \(location): cannot connect and migrate")
        }
    }

    /// Opens the store an `EWP_DATABASE` value `postgres://…` names.
    public convenience init(url: String, logger: Logger = Logger(label: "ewp-store-postgres")) async throws {
        try await self.init(try PostgresStoreConfiguration(url: url), logger: logger)
    }

    deinit { runner.cancel() }

    /// Closes the pool; later calls fail.
    public func close() { runner.cancel() }

    /// A real query on a pooled connection, answered within `healthCheckTimeout` or thrown on: a
    /// database that stops answering (or a pool with no connection free) fails readiness in seconds.
    public func healthCheck() async throws {
        let one = try await Self.answer(within: Self.healthCheckTimeout, "answer a health check (SELECT 1) at \(location)") {
            try await self.read("health check") { connection in
                try await Self.rows(connection, "SELECT 1::bigint AS one", [], self.logger).first?["one"].decode(Int.self)
            }
        }
        guard one == 1 else { throw StoreError(.other, "PostgreSQL health check at \(location) returned \(String(describing: one))") }
    }

    public var poolStatistics: ConnectionPoolStatistics { pool.statistics }

    /// Identifiers of the migrations applied to this database, in order.
    public func appliedMigrations() async throws -> [String] {
        try await read("list migrations") { connection in try await PostgresMigrations.applied(connection, logger: self.logger) }
    }

    // MARK: helpers

    /// Runs `body` on a pooled connection, outside a transaction.
    func read<T: Sendable>(_ what: String, _ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        let lease = pool.ask()
        defer { lease.end() }
        do {
            return try await client.withConnection { connection in
                lease.granted()
                return try await body(connection)
            }
        } catch {
            throw Self.wrap(error, "PostgreSQL store \(location): \(what) failed")
        }
    }

    /// Runs `body` in one transaction; any error rolls it all back. A deadlock or serialization
    /// failure (possible between writers, even with the fixed lock order) runs it again, up to 5 times.
    func write<T: Sendable>(_ what: String, _ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        var attempt = 0
        while true {
            attempt += 1
            let lease = pool.ask()
            defer { lease.end() }
            do {
                return try await client.withTransaction(logger: logger) { connection in
                    lease.granted()
                    return try await body(connection)
                }
            } catch {
                if attempt < 5, Self.isRetryable(error) { continue }
                throw Self.wrap(error, "PostgreSQL store \(location): \(what) failed")
            }
        }
    }

    /// The rows of `sql` with `values` bound to $1, $2, … (nil binds NULL).
    static func rows(_ connection: PostgresConnection, _ sql: String, _ values: [SQLValue],
                     _ logger: Logger) async throws -> [PostgresRandomAccessRow] {
        var binds = PostgresBindings(capacity: values.count)
        for value in values {
            if let value { try binds.append(value) } else { binds.appendNull() }
        }
        var result: [PostgresRandomAccessRow] = []
        for try await row in try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger) {
            result.append(row.makeRandomAccess())
        }
        return result
    }

    func rows(_ connection: PostgresConnection, _ sql: String, _ values: [SQLValue]) async throws -> [PostgresRandomAccessRow] {
        try await Self.rows(connection, sql, values, logger)
    }

    /// Locks `names` for the rest of the transaction: each name hashes to one of 1,024 advisory locks
    /// (a bounded number, however many names: PostgreSQL's lock table is small), taken in ascending
    /// order in ONE statement, so two writers never wait on each other in a cycle. Call it once per
    /// transaction with every name it needs (taking a held lock again is free). Names that share a
    /// bucket only serialise their writers.
    /// `space` and `shared` serve the change clocks of own objects (see `OwnObjectStore`): their locks
    /// live in a space of their own, taken after every lock of `lockSpace` and with no other lock
    /// taken while they are held, so they add no cycle either.
    func lock(_ connection: PostgresConnection, _ names: Set<String>, space: Int32 = lockSpace, shared: Bool = false) async throws {
        guard !names.isEmpty else { return }
        _ = try await rows(connection, """
            SELECT pg_advisory_xact_lock\(shared ? "_shared" : "")(\(space), bucket) FROM (
                SELECT DISTINCT (hashtextextended(name, 0) & 1023)::int AS bucket FROM unnest($1::text[]) AS name
            ) AS buckets ORDER BY bucket
            """, [Array(names)])
    }

    /// The first key of the two-key advisory locks of `lock` ("EWPL"); migrations use the one-key space.
    static let lockSpace: Int32 = 0x4557_504C
    /// The first key of the change-clock locks of own objects ("EWPC").
    static let changeClockSpace: Int32 = 0x4557_5043

    private static func tls(_ mode: PostgresStoreConfiguration.TLSMode) -> PostgresClient.Configuration.TLS {
        switch mode {
        case .disable: return .disable
        case .prefer, .require:
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.certificateVerification = .none
            return mode == .prefer ? .prefer(tls) : .require(tls)
        case .verifyFull: return .require(.makeClientConfiguration())
        }
    }

    private static func connectionTLS(_ mode: PostgresStoreConfiguration.TLSMode) throws -> PostgresConnection.Configuration.TLS {
        switch mode {
        case .disable: return .disable
        case .prefer, .require:
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.certificateVerification = .none
            let context = try NIOSSLContext(configuration: tls)
            return mode == .prefer ? .prefer(context) : .require(context)
        case .verifyFull: return .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        }
    }

    private static func withTimeout(_ timeout: Duration, _ what: String, _ body: @escaping @Sendable () async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask { try await body(); return true }
            group.addTask { try await Task.sleep(for: timeout); return false }
            let finished = try await group.next() ?? false
            group.cancelAll()
            guard finished else { throw StoreError(.unavailable, "cannot \(what) within \(timeout)") }
        }
    }

    /// `body`'s result, or `.unavailable` once `timeout` has passed, whether or not `body` has ended
    /// by then (a query on a connection the server stopped answering may not end on cancellation;
    /// it is cancelled and left to end on its own).
    static func answer<T: Sendable>(within timeout: Duration, _ what: String, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let waiting = FirstAnswer<T>()
        return try await withCheckedThrowingContinuation { continuation in
            waiting.set(continuation)
            let work = Task {
                do {
                    waiting.resume(with: .success(try await body()))
                } catch {
                    waiting.resume(with: .failure(error))
                }
            }
            Task {
                try? await Task.sleep(for: timeout)
                if waiting.resume(with: .failure(StoreError(.unavailable, "cannot \(what) within \(timeout)"))) { work.cancel() }
            }
        }
    }

    /// A continuation resumed by whichever answer comes first.
    private final class FirstAnswer<T: Sendable>: Sendable {
        private let continuation = Mutex<CheckedContinuation<T, any Error>?>(nil)
        func set(_ value: CheckedContinuation<T, any Error>) { continuation.withLock { $0 = value } }
        /// True when this answer was the first.
        @discardableResult
        func resume(with result: Result<T, any Error>) -> Bool {
            guard let waiting = continuation.withLock({ $0.take() }) else { return false }
            waiting.resume(with: result)
            return true
        }
    }

    static func sqlState(of error: any Error) -> String? {
        (underlying(error) as? PSQLError)?.serverInfo?[.sqlState]
    }

    private static func isRetryable(_ error: any Error) -> Bool {
        ["40001", "40P01"].contains(sqlState(of: error) ?? "")
    }

    /// The error inside a failed transaction (postgres-nio wraps it), else `error`.
    static func underlying(_ error: any Error) -> any Error {
        guard let transaction = error as? PostgresTransactionError else { return error }
        return transaction.closureError ?? transaction.commitError ?? transaction.beginError ?? error
    }

    static func wrap(_ error: any Error, _ what: String) -> any Error {
        let error = underlying(error)
        if error is StoreError || error is OwnObjectConflict { return error }
        guard let psql = error as? PSQLError else { return StoreError(.other, "\(what): \(error)") }
        let state = psql.serverInfo?[.sqlState]
        let message = psql.serverInfo?[.message].map { "\($0) (SQLSTATE \(state ?? "?"))" } ?? "\(psql.code)"
        let code: StoreError.Code
        switch state?.prefix(2) {
        case "23": code = .conflict
        case "08", "53", "57", "28", "3D", "40": code = .unavailable
        case "22": code = .invalidInput
        case "XX": code = .corrupt
        case nil: code = .unavailable   // no answer from the server: the connection failed
        default: code = .other
        }
        return StoreError(code, "\(what): \(message)")
    }
}
