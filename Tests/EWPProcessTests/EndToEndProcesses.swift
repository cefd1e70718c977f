// End-to-end test support: child processes, ports, files. Loopback (127.0.0.1) only.
import EWPTestSupport
import Foundation
#if canImport(Glibc)
import Glibc
#endif

struct E2EError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Where the repository, shared/ and the tools are, found relative to this file (repo = 3 levels up).
enum E2EPaths {
    static let repo: String = RepositoryPaths.root
    static let specs = OfficialMaterial.specs
    static let xmlCatalog = OfficialMaterial.catalog
    static let scripts = repo + "/Scripts"

    /// The venv interpreter the Makefile passes (PyPI `cryptography`), else python3 from PATH.
    static var python: String {
        if let p = ProcessInfo.processInfo.environment["EWP_TEST_PYTHON"], !p.isEmpty { return p }
        return "python3"
    }

    /// The `ewp-node` executable that `swift test` built beside the test bundle; else .build/debug.
    static func nodeBinary() throws -> String {
        let fm = FileManager.default
        if let p = ProcessInfo.processInfo.environment["EWP_NODE_BINARY"], fm.isExecutableFile(atPath: p) { return p }
        let testExe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let sibling = testExe.deletingLastPathComponent().appendingPathComponent("ewp-node").path
        if fm.isExecutableFile(atPath: sibling) { return sibling }
        let debug = repo + "/.build/debug/ewp-node"
        if fm.isExecutableFile(atPath: debug) { return debug }
        throw E2EError("ewp-node executable not found beside \(testExe.path) nor at \(debug); run `swift build --product ewp-node`")
    }

    /// Absolute path of a tool on PATH (nginx lives in /usr/sbin, which a plain user's PATH may lack).
    static func tool(_ name: String) throws -> String {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin") + ":/usr/sbin:/sbin:/usr/local/sbin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw E2EError("`\(name)` is not installed (the Makefile's `deps` target installs it)")
    }
}

/// What every `ewp-node` process of the tests starts from: the test runner's environment without
/// its `EWP_*` settings, plus `EWP_ALLOW_HTTP=loopback`, because the test registry and the fake
/// partners are plain http on 127.0.0.1 (the node refuses http otherwise).
func nodeBaseEnvironment() -> [String: String] {
    var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("EWP_") }
    environment["EWP_ALLOW_HTTP"] = "loopback"
    return environment
}

/// Runs blocking work (a child process waited for) on its own thread, not on one of the two threads
/// of Swift's cooperative pool: in a full `swift test` other suites need those, and a blocked pool
/// stalls every task (timers included).
func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
    }
}

/// `runCommand` on its own thread (see `offPool`).
@discardableResult
func runCommandAsync(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                     currentDirectory: String? = nil, input: [UInt8]? = nil) async throws -> (stdout: [UInt8], stderr: String) {
    try await offPool {
        let r = try runCommand(executable, arguments, environment: environment, currentDirectory: currentDirectory, input: input)
        return (r.stdout, r.stderr)
    }
}

/// Runs a short command to completion and returns its standard output; throws with stderr on failure.
@discardableResult
func runCommand(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                currentDirectory: String? = nil, input: [UInt8]? = nil) throws -> (stdout: [UInt8], stderr: String) {
    let completed = try ChildProcess.complete(executable.hasPrefix("/") ? executable : try E2EPaths.tool(executable), arguments,
                                              environment: environment, currentDirectory: currentDirectory, input: input)
    let status = completed.status, out = completed.output, err = completed.errorText
    guard status == 0 else {
        throw E2EError("`\(([executable] + arguments).joined(separator: " "))` failed (status \(status)):\n\(err)\(String(decoding: out, as: UTF8.self))")
    }
    return (out, err)
}

/// A long-running child (node, nginx, registry) with its output in a log file.
final class ManagedProcess: Sendable {
    let name: String
    let logPath: String
    private let process: SpawnedProcess

    init(name: String, executable: String, arguments: [String], environment: [String: String],
         currentDirectory: String, logPath: String) throws {
        self.name = name
        self.logPath = logPath
        process = try SpawnedProcess(executable: executable, arguments: arguments, environment: environment,
                                     currentDirectory: currentDirectory, output: .file(logPath))
    }

    var pid: pid_t { process.pid }
    var isRunning: Bool { process.isRunning }
    /// Exit status if it exited normally, 128+signal if a signal ended it, nil while running.
    var exitStatus: Int32? { process.exitStatus }
    var exitedNormally: Bool { process.exitedNormally }

    /// The last `maxBytes` of the log, for failure messages.
    func logTail(_ maxBytes: Int = 4000) -> String {
        guard let data = FileManager.default.contents(atPath: logPath) else { return "" }
        return String(decoding: data.suffix(maxBytes), as: UTF8.self)
    }

    /// Sends `signal` and waits up to `timeout` for the exit; SIGKILL after that. Returns the exit status
    /// (nil if it had to be killed).
    @discardableResult
    func stop(signal sig: Int32 = SIGTERM, timeout: Duration = .seconds(15)) async -> Int32? {
        await process.stop(signal: sig, timeout: timeout)
    }
}

/// Runs `start` again (up to 3 times in all) when it failed because a child could not bind its port:
/// a port found free can be taken by another test's process before ours binds it. `start` must
/// pick new ports each time and stop what it started before it throws.
func retryingOnPortClash<T>(_ start: () async throws -> T) async throws -> T {
    var attempt = 1
    while true {
        do {
            return try await start()
        } catch let error as E2EError where attempt < 3 && "\(error)".contains("Address already in use") {
            attempt += 1
        }
    }
}

func writeFile(_ path: String, _ text: String) throws {
    try text.write(toFile: path, atomically: true, encoding: .utf8)
}

func readText(_ path: String) throws -> String {
    try String(contentsOfFile: path, encoding: .utf8)
}
