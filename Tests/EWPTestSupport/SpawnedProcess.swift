import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A program the tests start: the one way test code runs a child (openssl, xmllint, python, psql,
/// nginx, chromium, a node).
///
/// Started with posix_spawn rather than Foundation's `Process`, which failed this suite three ways:
/// on Linux it closes the child's descriptors by walking /proc/self/fd with a `d_name` over-read
/// that crashes the whole test process once it holds about 1,350 descriptors
/// (swift-corelibs-foundation issue 5472); its children inherit the spawning thread's signal mask,
/// in which SIGTERM is blocked, so a node never saw the SIGTERM that asks it to drain; and its exit
/// monitoring missed exits under load, leaving `waitUntilExit()` spinning.
/// Here the child gets a clean signal state and only descriptors 0-2 (glibc's closefrom action).
public final class SpawnedProcess: Sendable {
    public enum Input: Sendable {
        case null
        /// A pipe whose write end is `standardInput`; closing it is the child's end of input.
        case pipe
        case file(String)
    }

    public enum Output: Sendable {
        case null
        /// A pipe whose read end is `standardOutput`.
        case pipe
        /// Created or truncated.
        case file(String)
    }

    public enum ErrorOutput: Sendable {
        /// The test process's own error output.
        case inherit
        case null
        case sameAsOutput
        case file(String)
    }

    public let pid: pid_t
    /// The write end of the child's standard input, with `Input.pipe`.
    public let standardInput: FileHandle?
    /// The read end of the child's standard output, with `Output.pipe`.
    public let standardOutput: FileHandle?
    /// The raw status from waitpid once the child is reaped.
    private let reaped = Mutex<Int32?>(nil)

    public init(executable: String, arguments: [String], environment: [String: String]? = nil,
                currentDirectory: String? = nil, input: Input = .null, output: Output = .null,
                errorOutput: ErrorOutput = .sameAsOutput) throws {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        sigdelset(&allSignals, SIGKILL)
        sigdelset(&allSignals, SIGSTOP)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }

        // The child keeps only the copy of a pipe end that dup2 puts on 0 or 1.
        var inputPipe: (read: Int32, write: Int32)?
        var outputPipe: (read: Int32, write: Int32)?
        defer {
            // The parent's copies of the child's ends; and, if spawning failed, everything.
            if let inputPipe { close(inputPipe.read) }
            if let outputPipe { close(outputPipe.write) }
        }
        switch input {
        case .null: posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        case .file(let path): posix_spawn_file_actions_addopen(&actions, 0, path, O_RDONLY, 0)
        case .pipe:
            let ends = try Self.makePipe()
            inputPipe = ends
            posix_spawn_file_actions_adddup2(&actions, ends.read, 0)
        }
        switch output {
        case .null: posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        case .file(let path): posix_spawn_file_actions_addopen(&actions, 1, path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        case .pipe:
            let ends = try Self.makePipe()
            outputPipe = ends
            posix_spawn_file_actions_adddup2(&actions, ends.write, 1)
        }
        switch errorOutput {
        case .inherit: break
        case .null: posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        case .sameAsOutput: posix_spawn_file_actions_adddup2(&actions, 1, 2)
        case .file(let path): posix_spawn_file_actions_addopen(&actions, 2, path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        }
        try GlibcSpawnExtensions.closeFrom(3, in: &actions)
        if let currentDirectory { try GlibcSpawnExtensions.changeDirectory(currentDirectory, in: &actions) }

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let variables = environment ?? ProcessInfo.processInfo.environment
        let envp = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for p in argv + envp { free(p) } }
        var child: pid_t = 0
        let rc = posix_spawnp(&child, executable, &actions, &attributes, argv, envp)
        guard rc == 0 else {
            if let inputPipe { close(inputPipe.write) }
            if let outputPipe { close(outputPipe.read) }
            throw SpawnError("posix_spawn \(executable) failed: \(String(cString: strerror(rc)))")
        }
        pid = child
        standardInput = inputPipe.map { FileHandle(fileDescriptor: $0.write, closeOnDealloc: true) }
        standardOutput = outputPipe.map { FileHandle(fileDescriptor: $0.read, closeOnDealloc: true) }
    }

    private static func makePipe() throws -> (read: Int32, write: Int32) {
        var fds: [Int32] = [0, 0]
        // pipe2 is behind _GNU_SOURCE too; a child spawned meanwhile drops these by its closefrom action.
        guard pipe(&fds) == 0 else { throw SpawnError("pipe failed: \(String(cString: strerror(errno)))") }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return (fds[0], fds[1])
    }

    /// Reaps the child if it has exited (never blocks).
    private func poll() -> Int32? {
        reaped.withLock { status in
            if status == nil {
                var raw: Int32 = 0
                if waitpid(pid, &raw, WNOHANG) == pid { status = raw }
            }
            return status
        }
    }

    public var isRunning: Bool { poll() == nil }

    /// The exit status if it exited, 128 + signal if a signal ended it, nil while running.
    public var exitStatus: Int32? { poll().map(Self.exitCode) }

    public var exitedNormally: Bool { poll().map { ($0 & 0x7f) == 0 } ?? false }

    public func signal(_ sig: Int32) {
        if isRunning { kill(pid, sig) }
    }

    /// Waits on the calling thread for the exit; SIGKILL after `timeout`. Returns the exit status
    /// (128 + signal when a signal ended it).
    @discardableResult
    public func waitForExit(timeout: Duration = .seconds(300)) -> Int32 {
        let deadline = ContinuousClock.now + timeout
        var pause: UInt32 = 100
        while true {
            if let status = exitStatus { return status }
            if ContinuousClock.now >= deadline { kill(pid, SIGKILL) }
            usleep(pause)
            pause = min(pause * 2, 5_000)
        }
    }

    /// Sends `signal` and waits up to `timeout` for the exit, then SIGKILL. Returns the exit status,
    /// or nil if it had to be killed.
    @discardableResult
    public func stop(signal sig: Int32 = SIGTERM, timeout: Duration = .seconds(15)) async -> Int32? {
        if let status = exitStatus { return status }
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

    /// `stop` for set-up and exit handlers, which cannot await.
    @discardableResult
    public func stopBlocking(signal sig: Int32 = SIGTERM, timeout: Duration = .seconds(10)) -> Int32 {
        if let status = exitStatus { return status }
        kill(pid, sig)
        return waitForExit(timeout: timeout)
    }

    private static func exitCode(_ raw: Int32) -> Int32 {
        (raw & 0x7f) == 0 ? (raw >> 8) & 0xff : 128 + (raw & 0x7f)
    }
}

public struct SpawnError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

/// glibc's `_np` file actions, which Swift's Glibc module does not import (they sit behind
/// _GNU_SOURCE): looked up by name in the C library the process already uses.
private enum GlibcSpawnExtensions {
    private typealias DescriptorAction = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private typealias PathAction = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32

    /// Closes every descriptor from `lowest` up in the child (glibc 2.34).
    static func closeFrom(_ lowest: Int32, in actions: inout posix_spawn_file_actions_t) throws {
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else {
            throw SpawnError("this C library lacks posix_spawn_file_actions_addclosefrom_np (glibc 2.34 or later is needed)")
        }
        let rc = unsafeBitCast(symbol, to: DescriptorAction.self)(&actions, lowest)
        guard rc == 0 else { throw SpawnError("addclosefrom_np failed: \(String(cString: strerror(rc)))") }
    }

    /// Changes the child's working directory before exec (glibc 2.29).
    static func changeDirectory(_ path: String, in actions: inout posix_spawn_file_actions_t) throws {
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addchdir_np") else {
            throw SpawnError("this C library lacks posix_spawn_file_actions_addchdir_np (glibc 2.29 or later is needed)")
        }
        let rc = path.withCString { unsafeBitCast(symbol, to: PathAction.self)(&actions, $0) }
        guard rc == 0 else { throw SpawnError("addchdir_np failed: \(String(cString: strerror(rc)))") }
    }
}
