import EWPStore
import Foundation

/// Where and how to reach PostgreSQL, read from an `EWP_DATABASE` value
/// `postgres://user:pass@host:port/db?sslmode=…&pool_size=N` (also `postgresql://`).
///
/// - sslmode: `disable` (plain TCP), `prefer` (the default, as libpq: TLS when the server offers it),
///   `require` (TLS or fail; the certificate is not verified, as libpq's require), `verify-full`
///   (TLS with the certificate checked against the system trust store and the host name).
/// - pool_size: most connections this process opens (default 10).
public struct PostgresStoreConfiguration: Sendable, Equatable {
    public enum TLSMode: String, Sendable, CaseIterable {
        case disable, prefer, require
        case verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    public var username: String
    public var password: String?
    public var database: String
    public var tls: TLSMode
    public var poolSize: Int
    /// How long `healthCheck` (`/health/ready`) waits for the database's answer, a connection
    /// opened for it included (not from the URL).
    public var healthCheckTimeout: Duration = .seconds(5)

    public init(host: String, port: Int = 5432, username: String, password: String? = nil, database: String,
                tls: TLSMode = .prefer, poolSize: Int = 10) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
        self.tls = tls
        self.poolSize = poolSize
    }

    /// Reads a `postgres://` URL. Errors never echo the URL: it may hold a password.
    public init(url: String) throws {
        let value = url.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let components = URLComponents(string: value), let scheme = components.scheme?.lowercased(),
              scheme == "postgres" || scheme == "postgresql" else {
            throw StoreError(.invalidInput, "EWP_DATABASE is not a valid postgres:// URL; expected postgres://user:pass@host:port/db?sslmode=require")
        }
        guard let host = components.host, !host.isEmpty else {
            throw StoreError(.invalidInput, "EWP_DATABASE (postgres://) names no host; expected postgres://user:pass@host:port/db")
        }
        guard let user = components.user, !user.isEmpty else {
            throw StoreError(.invalidInput, "EWP_DATABASE (postgres://) names no user; expected postgres://user:pass@host:port/db")
        }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty else {
            throw StoreError(.invalidInput, "EWP_DATABASE (postgres://) names no database; expected postgres://user:pass@host:port/db")
        }
        var tls = TLSMode.prefer
        var poolSize = 10
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let mode = TLSMode(rawValue: item.value ?? "") else {
                    throw StoreError(.invalidInput, "EWP_DATABASE: sslmode \"\(item.value ?? "")\" is not supported; use one of \(TLSMode.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                tls = mode
            case "pool_size":
                guard let size = item.value.flatMap(Int.init), (1...1000).contains(size) else {
                    throw StoreError(.invalidInput, "EWP_DATABASE: pool_size must be a whole number from 1 to 1000")
                }
                poolSize = size
            default:
                throw StoreError(.invalidInput, "EWP_DATABASE: unknown parameter \"\(item.name)\"; known are sslmode and pool_size")
            }
        }
        self.init(host: host, port: components.port ?? 5432, username: components.percentEncodedUser?.removingPercentEncoding ?? user,
                  password: components.percentEncodedPassword?.removingPercentEncoding, database: database.removingPercentEncoding ?? database,
                  tls: tls, poolSize: poolSize)
    }
}
