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
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable.hasPrefix("/") ? executable : try E2EPaths.tool(executable))
    process.arguments = arguments
    if let environment { process.environment = environment }
    if let currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
    // Files, not pipes: no dead-lock on large outputs, and nothing to drain concurrently.
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-cmd-\(UUID().uuidString)")
    let outPath = scratch.path + ".out", errPath = scratch.path + ".err", inPath = scratch.path + ".in"
    _ = FileManager.default.createFile(atPath: outPath, contents: nil)
    _ = FileManager.default.createFile(atPath: errPath, contents: nil)
    defer { for p in [outPath, errPath, inPath] { try? FileManager.default.removeItem(atPath: p) } }
    let outHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
    let errHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
    process.standardOutput = outHandle
    process.standardError = errHandle
    if let input {
        _ = FileManager.default.createFile(atPath: inPath, contents: Data(input))
        process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: inPath))
    } else {
        process.standardInput = FileHandle.nullDevice
    }
    try process.run()
    let status = ChildProcess.reap(process)
    try? outHandle.close(); try? errHandle.close()
    let out = [UInt8]((try? Data(contentsOf: URL(fileURLWithPath: outPath))) ?? Data())
    let err = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
    guard status == 0 else {
        throw E2EError("`\(([executable] + arguments).joined(separator: " "))` failed (status \(status)):\n\(err)\(String(decoding: out, as: UTF8.self))")
    }
    return (out, err)
}

/// A long-running child (node, nginx, registry) with its output in a log file.
///
/// Started with posix_spawn and a clean signal state: children that Foundation's `Process` starts
/// from a Swift test inherit the spawning thread's signal mask, in which SIGTERM is blocked, so a
/// node would never see the SIGTERM that asks it to drain and exit.
final class ManagedProcess: @unchecked Sendable {
    // @unchecked: the only mutable state, the reaped exit status, is guarded by `lock`.
    let name: String
    let logPath: String
    let pid: pid_t
    private let lock = NSLock()
    private var waitStatus: Int32?

    init(name: String, executable: String, arguments: [String], environment: [String: String],
         currentDirectory: String, logPath: String) throws {
        self.name = name
        self.logPath = logPath
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attr, &noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        sigdelset(&allSignals, SIGKILL)
        sigdelset(&allSignals, SIGSTOP)
        posix_spawnattr_setsigdefault(&attr, &allSignals)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, logPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        // `sh` changes directory, then execs the program (same pid; glibc's addchdir_np is not imported).
        let shell = ["/bin/sh", "-c", "cd \"$1\" && shift && exec \"$@\"", "sh", currentDirectory, executable]
        let argv = (shell + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for p in argv + envp { free(p) } }
        var child: pid_t = 0
        let rc = posix_spawn(&child, "/bin/sh", &actions, &attr, argv, envp)
        guard rc == 0 else { throw E2EError("posix_spawn \(executable) failed: \(String(cString: strerror(rc)))") }
        pid = child
    }

    /// Reaps the child if it has exited (non-blocking).
    private func poll() -> Int32? {
        lock.lock(); defer { lock.unlock() }
        if let waitStatus { return waitStatus }
        var status: Int32 = 0
        if waitpid(pid, &status, WNOHANG) == pid { waitStatus = status }
        return waitStatus
    }

    var isRunning: Bool { poll() == nil }
    /// Exit status if it exited normally, 128+signal if a signal ended it, nil while running.
    var exitStatus: Int32? {
        guard let s = poll() else { return nil }
        return (s & 0x7f) == 0 ? (s >> 8) & 0xff : 128 + (s & 0x7f)
    }
    var exitedNormally: Bool { poll().map { ($0 & 0x7f) == 0 } ?? false }

    /// The last `maxBytes` of the log, for failure messages.
    func logTail(_ maxBytes: Int = 4000) -> String {
        guard let data = FileManager.default.contents(atPath: logPath) else { return "" }
        return String(decoding: data.suffix(maxBytes), as: UTF8.self)
    }

    /// Sends `signal` and waits up to `timeout` for the exit; SIGKILL after that. Returns the exit status
    /// (nil if it had to be killed).
    @discardableResult
    func stop(signal sig: Int32 = SIGTERM, timeout: Duration = .seconds(15)) async -> Int32? {
        if !isRunning { return exitStatus }
        kill(pid, sig)
        let deadline = ContinuousClock.now + timeout
        while isRunning && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        if isRunning {
            kill(pid, SIGKILL)
            while isRunning { try? await Task.sleep(for: .milliseconds(20)) }
            return nil
        }
        return exitStatus
    }
}

/// An unused TCP port on 127.0.0.1 (bound to port 0, read back, released).
func freeLoopbackPort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw E2EError("socket() failed") }
    defer { close(fd) }
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_port = 0
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &addr) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard bound == 0 else { throw E2EError("bind(127.0.0.1:0) failed") }
    var len = socklen_t(MemoryLayout<sockaddr_in>.size)
    let got = withUnsafeMutablePointer(to: &addr) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
    }
    guard got == 0 else { throw E2EError("getsockname failed") }
    return Int(UInt16(bigEndian: addr.sin_port))
}

func writeFile(_ path: String, _ text: String) throws {
    try text.write(toFile: path, atomically: true, encoding: .utf8)
}

func readText(_ path: String) throws -> String {
    try String(contentsOfFile: path, encoding: .utf8)
}
