import Foundation

/// Runs short-lived programs (openssl, xmllint, psql, python scripts) to completion for tests,
/// through `SpawnedProcess`.
public enum ChildProcess {
    /// What a finished program left: its exit status (128 + signal when a signal ended it) and output.
    public struct Completed: Sendable {
        public let status: Int32
        public let output: [UInt8]
        public let errorOutput: [UInt8]
        public var outputText: String { String(decoding: output, as: UTF8.self) }
        public var errorText: String { String(decoding: errorOutput, as: UTF8.self) }
    }

    /// Runs on a thread of its own, so the 2-thread cooperative pool is never blocked by a child.
    /// Standard output and error output together, as text.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) async throws -> (status: Int32, output: String) {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try runBlocking(executable, arguments, environment) }) }.start()
        }
    }

    /// `run` on the calling thread (for set-up and exit handlers, which cannot await).
    public static func runBlocking(_ executable: String, _ arguments: [String], _ environment: [String: String]?) throws -> (status: Int32, output: String) {
        let completed = try complete(executable, arguments, environment: environment, separateErrorOutput: false)
        return (completed.status, completed.outputText)
    }

    /// Runs to completion on the calling thread. Output goes through temporary files, not pipes:
    /// no dead-lock on large outputs and nothing to drain concurrently. SIGKILL after `timeout`.
    public static func complete(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                                currentDirectory: String? = nil, input: [UInt8]? = nil,
                                separateErrorOutput: Bool = true, timeout: Duration = .seconds(300)) throws -> Completed {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("child-\(UUID().uuidString)").path
        let outPath = scratch + ".out", errPath = scratch + ".err", inPath = scratch + ".in"
        defer { for path in [outPath, errPath, inPath] { try? FileManager.default.removeItem(atPath: path) } }
        if let input { guard FileManager.default.createFile(atPath: inPath, contents: Data(input)) else { throw SpawnError("cannot write \(inPath)") } }
        let child = try SpawnedProcess(executable: executable, arguments: arguments, environment: environment,
                                       currentDirectory: currentDirectory, input: input == nil ? .null : .file(inPath),
                                       output: .file(outPath), errorOutput: separateErrorOutput ? .file(errPath) : .sameAsOutput)
        let status = child.waitForExit(timeout: timeout)
        let output = FileManager.default.contents(atPath: outPath) ?? Data()
        let errorOutput = separateErrorOutput ? FileManager.default.contents(atPath: errPath) ?? Data() : Data()
        return Completed(status: status, output: [UInt8](output), errorOutput: [UInt8](errorOutput))
    }
}
