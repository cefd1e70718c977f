import EWPStore
import EWPStorePostgres
import Foundation
import Logging

/// Opens the store named by an `EWP_DATABASE` value. Its own target, above both engines, so that
/// EWPStore (the protocols and SQLite) does not depend on PostgreSQL.
///
/// - `sqlite:PATH` (also `sqlite://PATH`, so `sqlite:///var/lib/ewp/node.db` is absolute): the embedded
///   SQLite store; missing parent directories are created. A relative PATH is relative to the working
///   directory.
/// - `postgres://user:pass@host:port/db?sslmode=…&pool_size=N` (also `postgresql://`): the PostgreSQL
///   store (`PostgresStoreConfiguration` says what the parameters mean); migrations are applied.
public enum StoreOpener {
    /// `logger` gets the PostgreSQL pool's own messages (connections opened, lost, refused).
    public static func open(_ databaseURL: String, logger: Logger = Logger(label: "ewp-store")) async throws -> any Store {
        switch try location(databaseURL) {
        case .sqlite(let path):
            return try SQLiteStore(path: path, changeClock: { Date() })
        case .postgres(let configuration):
            return try await PostgresStore(configuration, logger: logger)
        }
    }

    /// Opens the store (which applies pending migrations, see each engine) and returns the ids of
    /// the migrations the database now holds, in order: `ewp-node db migrate`.
    public static func migrate(_ databaseURL: String, logger: Logger = Logger(label: "ewp-store")) async throws -> [String] {
        switch try location(databaseURL) {
        case .sqlite(let path):
            let store = try SQLiteStore(path: path)
            defer { try? store.close() }
            return try await store.appliedMigrations()
        case .postgres(let configuration):
            return try await PostgresStore.migrate(configuration, logger: logger)
        }
    }

    enum Location: Equatable {
        case sqlite(path: String)
        case postgres(PostgresStoreConfiguration)
    }

    static func location(_ databaseURL: String) throws -> Location {
        let value = databaseURL.trimmingCharacters(in: .whitespacesAndNewlines)
        let lower = value.lowercased()
        if lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://") {
            return .postgres(try PostgresStoreConfiguration(url: value))
        }
        if lower.hasPrefix("sqlite:") {
            var path = value.dropFirst("sqlite:".count)
            if path.hasPrefix("//") { path = path.dropFirst(2) }
            guard !path.isEmpty else {
                throw StoreError(.invalidInput, "EWP_DATABASE=\(value) names no file; expected sqlite:PATH, for example sqlite:data/ewp-node.sqlite")
            }
            return .sqlite(path: String(path))
        }
        // Do not echo the value: it may hold a password.
        let scheme = value.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
        throw StoreError(.invalidInput, "EWP_DATABASE has an unsupported form (scheme \"\(scheme)\"); expected sqlite:PATH or postgres://user:pass@host:port/db")
    }
}
