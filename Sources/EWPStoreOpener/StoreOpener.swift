import Foundation

/// Opens the store named by an `EWP_DATABASE` value.
///
/// - `sqlite:PATH` (also `sqlite://PATH`, so `sqlite:///var/lib/ewp/node.db` is absolute): the embedded
///   SQLite store; missing parent directories are created. A relative PATH is relative to the working
///   directory.
/// - `postgres://...` / `postgresql://...`: recognised, but not supported yet.
public enum StoreOpener {
    public static func open(_ databaseURL: String) throws -> any Store {
        switch try location(databaseURL) {
        case .sqlite(let path):
            return try SQLiteStore(path: path)
        case .postgres:
            throw StoreError(.invalidInput, "PostgreSQL is not supported yet (EWP_DATABASE=postgres://…); use sqlite:PATH, for example sqlite:data/ewp-node.sqlite")
        }
    }

    enum Location: Equatable {
        case sqlite(path: String)
        case postgres
    }

    static func location(_ databaseURL: String) throws -> Location {
        let value = databaseURL.trimmingCharacters(in: .whitespacesAndNewlines)
        let lower = value.lowercased()
        if lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://") {
            return .postgres
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
        throw StoreError(.invalidInput, "EWP_DATABASE has an unsupported form (scheme \"\(scheme)\"); expected sqlite:PATH (PostgreSQL is not supported yet)")
    }
}
