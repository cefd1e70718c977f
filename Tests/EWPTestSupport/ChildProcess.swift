import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs short-lived programs (openssl, xmllint, python scripts) for tests.
///
/// It waits on a thread of its own, so the 2-thread cooperative pool is never blocked by a child,
/// and reaps the child with `waitpid`: under a busy test run Foundation's exit monitoring has been
/// seen to miss children, leaving `waitUntilExit()` spinning forever.
public enum ChildProcess {
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) async throws -> (status: Int32, output: String) {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try runBlocking(executable, arguments, environment) }) }.start()
        }
    }

    /// `run` on the calling thread (for set-up and exit handlers, which cannot await).
    public static func runBlocking(_ executable: String, _ arguments: [String], _ environment: [String: String]?) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        return (exitStatus(of: process), String(decoding: data, as: UTF8.self))
    }

    /// Reaps the child with waitpid; only if Foundation got there first, asks Process.
    private static func exitStatus(of process: Process) -> Int32 {
        var status: Int32 = 0
        var rc: pid_t
        repeat { rc = waitpid(process.processIdentifier, &status, 0) } while rc == -1 && errno == EINTR
        guard rc == process.processIdentifier else {
            process.waitUntilExit()
            return process.terminationStatus
        }
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }
}

extension ChildProcess {
    /// Waits for a child that Foundation's `Process` started, reaping it with waitpid itself:
    /// Foundation's exit monitoring has been seen to miss exits under load, leaving
    /// `waitUntilExit()` spinning for ever on the cooperative pool. SIGKILL after `timeout`.
    /// Returns the exit status (128 + signal when a signal ended it).
    @discardableResult
    public static func reap(_ process: Process, timeout: Duration = .seconds(60)) -> Int32 {
        let pid = process.processIdentifier
        let deadline = ContinuousClock.now + timeout
        var killed = false
        var status: Int32 = 0
        while true {
            let rc = waitpid(pid, &status, WNOHANG)
            if rc == pid { return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f) }
            if rc == -1 && errno != EINTR {
                // Foundation reaped it first; its state follows shortly.
                while process.isRunning && ContinuousClock.now < deadline + .seconds(5) { usleep(1_000) }
                return process.isRunning ? -1 : process.terminationStatus
            }
            if !killed && ContinuousClock.now >= deadline {
                kill(pid, SIGKILL)
                killed = true
            }
            usleep(2_000)
        }
    }
}
