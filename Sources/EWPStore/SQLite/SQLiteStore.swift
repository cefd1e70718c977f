import Foundation
import GRDB

/// The embedded default store: one SQLite file in WAL mode, many concurrent readers, one writer.
/// Several processes may open the same file: every write is an IMMEDIATE transaction, so it takes the
/// file's write lock before it reads, and two processes never both act on what they read (e.g. claim one
/// row). A writer waits up to 10 s for the lock. The other parts are in `SQLiteStore+*.swift`.
public final class SQLiteStore: Store {
    private let pool: DatabasePool
    public let path: String

    /// Opens (creating if needed) the database at `path`, creating missing parent directories,
    /// and applies pending migrations.
    public init(path: String) throws {
        guard !path.isEmpty else { throw StoreError("SQLite database path is empty") }
        self.path = path
        let parent = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw StoreError("cannot create directory \(parent.path) for the SQLite database \(path): \(error.localizedDescription)")
        }
        var configuration = Configuration()
        configuration.label = "ewp-store"
        configuration.busyMode = .timeout(10)
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw StoreError("cannot open SQLite database at \(path): \(Self.describe(error))")
        }
        do {
            try SQLiteMigrations.migrator.migrate(pool)
        } catch {
            throw StoreError("cannot migrate SQLite database at \(path): \(Self.describe(error))")
        }
    }

    public func saveBlob(key: String, value: [UInt8], metadata: [String: String]) async throws {
        let json = try Self.encode(metadata)
        let now = Date().timeIntervalSince1970
        try await write("save blob \(key)") { db in
            try db.execute(
                sql: """
                    INSERT INTO blobs (key, value, metadata, updated_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT(key) DO UPDATE SET value = excluded.value, metadata = excluded.metadata,
                        updated_at = excluded.updated_at
                    """,
                arguments: [key, Data(value), json, now])
        }
    }

    public func loadBlob(key: String) async throws -> StoredBlob? {
        let fields = try await read("load blob \(key)") { db -> (Data, String, Double)? in
            guard let row = try Row.fetchOne(db, sql: "SELECT value, metadata, updated_at FROM blobs WHERE key = ?", arguments: [key]) else {
                return nil
            }
            return (row["value"], row["metadata"], row["updated_at"])
        }
        guard let (value, metadata, updatedAt) = fields else { return nil }
        return StoredBlob(value: [UInt8](value), metadata: try Self.decode(metadata, key: key),
                          updatedAt: Date(timeIntervalSince1970: updatedAt))
    }

    public func healthCheck() async throws {
        let one = try await read("health check") { db in try Int.fetchOne(db, sql: "SELECT 1") }
        guard one == 1 else { throw StoreError("SQLite health check at \(path) returned \(String(describing: one))") }
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
        do { try pool.close() } catch { throw StoreError("cannot close SQLite database at \(path): \(Self.describe(error))") }
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
                guard let result else { throw StoreError("SQLite store: transaction for \(what) returned nothing") }
                return result
            }
        } catch {
            throw wrap(error, what)
        }
    }

    private func wrap(_ error: any Error, _ what: String) -> StoreError {
        if let error = error as? StoreError { return error }
        return StoreError("SQLite store \(path): \(what) failed: \(Self.describe(error))")
    }

    private static func describe(_ error: any Error) -> String {
        if let db = error as? DatabaseError { return db.message.map { "\($0) (SQLite code \(db.resultCode.rawValue))" } ?? "\(db)" }
        return "\(error)"
    }

    private static func encode(_ metadata: [String: String]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        do {
            return String(decoding: try encoder.encode(metadata), as: UTF8.self)
        } catch {
            throw StoreError("cannot encode blob metadata: \(error)")
        }
    }

    private static func decode(_ json: String, key: String) throws -> [String: String] {
        do {
            return try JSONDecoder().decode([String: String].self, from: Data(json.utf8))
        } catch {
            throw StoreError("blob \(key) has unreadable metadata: \(error)")
        }
    }
}
