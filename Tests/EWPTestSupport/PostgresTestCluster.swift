import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A throw-away PostgreSQL cluster for the tests of one test process: `initdb` into a temp folder,
/// the server on a free loopback port (127.0.0.1 only, its unix socket in that folder), trust
/// authentication for the role `ewp`, stopped and removed when the process exits. Started on first
/// use and shared by every suite; each test makes its own database (`makeDatabase()`), so tests stay
/// independent and run in parallel.
///
/// PostgreSQL refuses to run as root, and CI runs the tests as root: then the server's commands run
/// through `runuser` as the `postgres` user (Debian's package creates it), or `nobody` without it.
///
/// Where no PostgreSQL is installed the PostgreSQL runs are skipped with a line saying so, unless
/// `EWP_REQUIRE_POSTGRES=1` (CI), where they fail instead.
public final class PostgresTestCluster: Sendable {
    public let port: Int
    public let directory: String
    public let role = "ewp"
    private let binDirectory: String
    private let serverUser: String?

    /// CI sets `EWP_REQUIRE_POSTGRES=1`: there a missing PostgreSQL must fail the run, never skip.
    public static let required = ProcessInfo.processInfo.environment["EWP_REQUIRE_POSTGRES"] == "1"

    /// The words every skip starts with.
    public static let skipMarker = "PostgreSQL not found"

    /// The folder with initdb, pg_ctl and psql: beside `initdb` on PATH, else Debian's
    /// /usr/lib/postgresql/<version>/bin (newest version first). Nil when PostgreSQL is not installed.
    public static let installation: String? = {
        let fm = FileManager.default
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        var candidates = path.split(separator: ":").map(String.init)
        let debian = "/usr/lib/postgresql"
        let versions = ((try? fm.contentsOfDirectory(atPath: debian)) ?? []).sorted { (Int($0) ?? 0) > (Int($1) ?? 0) }
        candidates += versions.map { "\(debian)/\($0)/bin" }
        for dir in candidates {
            let initdb = URL(fileURLWithPath: dir).appendingPathComponent("initdb").resolvingSymlinksInPath()
            let bin = initdb.deletingLastPathComponent().path
            if ["initdb", "pg_ctl", "postgres", "psql"].allSatisfy({ fm.isExecutableFile(atPath: bin + "/" + $0) }) {
                return bin
            }
        }
        return nil
    }()

    /// Whether the PostgreSQL runs of the tests run: PostgreSQL is installed, or it is required (and
    /// its absence then fails them). Otherwise prints the skip line for `what` and answers false.
    public static func runs(_ what: String) -> Bool {
        if installation != nil || required { return true }
        print("◇ \(what) on PostgreSQL skipped: \"\(skipMarker) (no initdb on PATH or in /usr/lib/postgresql; install Debian's postgresql package, or `make deps`)\"")
        return false
    }

    /// The cluster of this process, started on first use.
    public static func shared() throws -> PostgresTestCluster { try started.get() }

    private static let started: Result<PostgresTestCluster, ClusterError> = {
        Result {
            guard let bin = installation else {
                throw ClusterError("\(skipMarker), and EWP_REQUIRE_POSTGRES=1 requires it: install Debian's postgresql package (`make deps`)")
            }
            let cluster = try PostgresTestCluster(bin: bin)
            atexit { PostgresTestCluster.stopShared() }
            return cluster
        }.mapError { $0 as? ClusterError ?? ClusterError("\($0)") }
    }()

    private static func stopShared() {
        if case .success(let cluster) = started { cluster.stop() }
    }

    private init(bin: String) throws {
        binDirectory = bin
        serverUser = getuid() == 0 ? Self.unprivilegedUser() : nil
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ewp-pg-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        directory = dir
        if let serverUser {
            try FileManager.default.setAttributes([.ownerAccountName: serverUser, .posixPermissions: 0o700], ofItemAtPath: dir)
        }
        let data = dir + "/data"
        try Self.check(Self.runAsServer(serverUser, bin + "/initdb", ["-D", data, "-A", "trust", "-U", role, "-E", "UTF8", "--locale=C", "--no-sync"]),
                       "initdb")
        // The port is free when picked, but another process may take it before the server binds it: try a few.
        var lastFailure = ""
        for _ in 0..<5 {
            let port = try LoopbackPorts.free()
            let options = "-p \(port) -k \(dir) -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400"
            let result = try Self.runAsServer(serverUser, bin + "/pg_ctl", ["-D", data, "-o", options, "-l", dir + "/server.log", "-w", "-t", "60", "start"])
            if result.status == 0 {
                self.port = port
                return
            }
            lastFailure = result.output + ((try? String(contentsOfFile: dir + "/server.log", encoding: .utf8)) ?? "")
        }
        try? FileManager.default.removeItem(atPath: dir)
        throw ClusterError("pg_ctl start failed 5 times: \(lastFailure)")
    }

    /// A new empty database owned by the role, for one test; its name is returned.
    public func makeDatabase() throws -> String {
        let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try Self.check(ChildProcess.runBlocking(binDirectory + "/psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", "\(port)",
                                                                         "-U", role, "-d", "postgres", "-c", "CREATE DATABASE \(name)"], nil),
                       "CREATE DATABASE")
        return name
    }

    /// The `EWP_DATABASE` value of database `name`.
    public func url(database name: String) -> String {
        "postgres://\(role)@127.0.0.1:\(port)/\(name)?sslmode=disable"
    }

    /// Stops the server at once and removes its folder.
    func stop() {
        _ = try? Self.runAsServer(serverUser, binDirectory + "/pg_ctl", ["-D", directory + "/data", "-m", "immediate", "-w", "stop"])
        try? FileManager.default.removeItem(atPath: directory)
    }

    private static func runAsServer(_ user: String?, _ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        guard let user else { return try ChildProcess.runBlocking(executable, arguments, nil) }
        return try ChildProcess.runBlocking("/usr/sbin/runuser", ["-u", user, "--", executable] + arguments, nil)
    }

    private static func check(_ result: (status: Int32, output: String), _ what: String) throws {
        guard result.status == 0 else { throw ClusterError("\(what) failed (status \(result.status)): \(result.output)") }
    }

    /// `postgres` where Debian's package created it, else `nobody`.
    private static func unprivilegedUser() -> String {
        getpwnam("postgres") != nil ? "postgres" : "nobody"
    }
}

public struct ClusterError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
