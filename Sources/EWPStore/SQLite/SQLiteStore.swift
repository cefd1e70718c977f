import Foundation
import GRDB

/// The embedded default store: one SQLite file in WAL mode, many concurrent readers, one writer.
/// Several processes may open the same file: every write is an IMMEDIATE transaction, so it takes the
/// file's write lock before it reads, and two processes never both act on what they read (e.g. claim one
/// row). A writer waits up to 10 s for the lock. Each protocol part is an extension in its own file here.
public final class SQLiteStore: Store {
    private let pool: DatabasePool
    public let path: String
    /// The clock of own objects' change stamps (`OwnObjectStore`); nil: callers' stamps as given.
    let changeClock: (@Sendable () -> Date)?

    /// Opens (creating if needed) the database at `path`, creating missing parent directories,
    /// and applies pending migrations. `changeClock`: the clock own objects' change stamps are never
    /// earlier than (the node passes its clock); without it, the store keeps the modifiedAt callers
    /// give (tests of fixed times), and `modifiedSince` has only the callers' ordering.
    public init(path: String, changeClock: (@Sendable () -> Date)? = nil) throws {
        guard !path.isEmpty else { throw StoreError(.invalidInput, "SQLite database path is empty") }
        self.path = path
        self.changeClock = changeClock
        let parent = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw StoreError(.unavailable, "cannot create directory \(parent.path) for the SQLite database \(path): \(error.localizedDescription)")
        }
        var configuration = Configuration()
        configuration.label = "ewp-store"
        configuration.busyMode = .timeout(10)
        pool = try Self.open(path: path, configuration: configuration)
        try Self.migrate(pool, path: path)
    }

    /// Opens the pool. Opening switches a new file to WAL mode, which needs the file's exclusive lock;
    /// when several processes open one new file at once, SQLite may answer "database is locked" at once,
    /// without waiting in the busy handler (it would deadlock). Those opens are tried again, for up to
    /// about 10 s in all, like a writer waiting for the lock.
    private static func open(path: String, configuration: Configuration) throws -> DatabasePool {
        var attempts = 0
        while true {
            attempts += 1
            do {
                return try DatabasePool(path: path, configuration: configuration)
            } catch let error as DatabaseError where attempts < 200 && error.resultCode == .SQLITE_BUSY {
                usleep(UInt32.random(in: 10_000...90_000))
            } catch {
                throw StoreError(Self.code(of: error), "cannot open SQLite database at \(path): \(Self.describe(error))")
            }
        }
    }

    /// Applies pending migrations. GRDB reads which migrations are applied before it takes the write lock,
    /// so when several processes open a new file at once, one may try a migration another has just applied
    /// ("table already exists", or "database is locked" when its read snapshot is older than that commit;
    /// its transaction rolls back). It then tries again, from what is applied now.
    private static func migrate(_ pool: DatabasePool, path: String) throws {
        var attempts = 0
        while true {
            attempts += 1
            do {
                return try SQLiteMigrations.migrator.migrate(pool)
            } catch let error as DatabaseError where attempts < 10 && (error.resultCode == .SQLITE_ERROR || error.resultCode == .SQLITE_BUSY) {
                continue
            } catch {
                throw StoreError(Self.code(of: error), "cannot migrate SQLite database at \(path): \(Self.describe(error))")
            }
        }
    }

    public func healthCheck() async throws {
        let one = try await read("health check") { db in try Int.fetchOne(db, sql: "SELECT 1") }
        guard one == 1 else { throw StoreError(.other, "SQLite health check at \(path) returned \(String(describing: one))") }
    }

    /// Identifiers of the migrations applied to this database, in order.
    public func appliedMigrations() async throws -> [String] {
        try await read("list migrations") { db in try SQLiteMigrations.migrator.appliedMigrations(db) }
    }

    /// SQLite's plan for `sql` (EXPLAIN QUERY PLAN), one line per step; lets tests check index use.
    func queryPlan(_ sql: String, _ arguments: StatementArguments) async throws -> [String] {
        try await read("explain a query") { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { try $0.decode(String.self, forColumn: "detail") }
        }
    }

    /// Closes the database; later calls throw. Optional: deinit closes it too.
    public func close() throws {
        do { try pool.close() } catch { throw StoreError(Self.code(of: error), "cannot close SQLite database at \(path): \(Self.describe(error))") }
    }

    // MARK: helpers

    func read<T: Sendable>(_ what: String, _ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do { return try await pool.read(body) } catch { throw wrap(error, what) }
    }

    /// Runs `body` in one IMMEDIATE transaction (the write lock is taken at BEGIN, see the type's comment);
    /// any error rolls it all back.
    func write<T: Sendable>(_ what: String, _ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                guard let result else { throw StoreError(.other, "SQLite store: transaction for \(what) returned nothing") }
                return result
            }
        } catch {
            throw wrap(error, what)
        }
    }

    private func wrap(_ error: any Error, _ what: String) -> StoreError {
        if let error = error as? StoreError { return error }
        return StoreError(Self.code(of: error), "SQLite store \(path): \(what) failed: \(Self.describe(error))")
    }

    /// The code of a failure GRDB or SQLite reported.
    static func code(of error: any Error) -> StoreError.Code {
        guard let db = error as? DatabaseError else { return .other }
        switch db.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_CANTOPEN, .SQLITE_READONLY, .SQLITE_IOERR, .SQLITE_FULL, .SQLITE_PERM, .SQLITE_AUTH:
            return .unavailable
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: return .corrupt
        case .SQLITE_CONSTRAINT: return .conflict
        default: return .other
        }
    }

    static func describe(_ error: any Error) -> String {
        if let db = error as? DatabaseError { return db.message.map { "\($0) (SQLite code \(db.resultCode.rawValue))" } ?? "\(db)" }
        return "\(error)"
    }
}
