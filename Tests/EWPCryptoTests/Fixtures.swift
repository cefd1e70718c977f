import Foundation
@testable import EWPCrypto

/// Test material shared by the crypto tests.
enum Fixtures {
    /// draft-cavage-http-signatures Appendix C test key (1024-bit, public test key; never for production).
    /// The DER is PKCS#1 `RSAPrivateKey` (it starts with `INTEGER 0, INTEGER modulus`).
    static let draftPrivateDERBase64 = "MIICXgIBAAKBgQDCFENGw33yGihy92pDjZQhl0C36rPJj+CvfSC8+q28hxA161QFNUd13wuCTUcq0Qd2qsBe/2hFyc2DCJJg0h1L78+6Z4UMR7EOcpfdUE9Hf3m/hs+FUR45uBJeDK1HSFHD8bHKD6kv8FPGfJTotc+2xjJwoYi+1hqp1fIekaxsyQIDAQABAoGBAJR8ZkCUvx5kzv+utdl7T5MnordT1TvoXXJGXK7ZZ+UuvMNUCdN2QPc4sBiAQWvLw1cSKt5DsKZ8UETpYPy8pPYnnDEz2dDYiaew9+xEpubyeW2oH4Zx71wqBtOKkqwrXa/pzdpiucRRjk6vE6YY7EBBs/g7uanVpGibOVAEsqH1AkEA7DkjVH28WDUgf1nqvfn2Kj6CT7nIcE3jGJsZZ7zlZmBmHFDONMLUrXR/Zm3pR5m0tCmBqa5RK95u412jt1dPIwJBANJT3v8pnkth48bQo/fKel6uEYyboRtA5/uHuHkZ6FQF7OUkGogcmSJluOdc5t6hI1VsLn0QZEjQZMEOWr+wKSMCQQCC4kXJEsHAve77oP6HtG/IiEn7kpyUXRNvFsDE0czpJJBvL/aRFUJxuRK91jhjC68sA7NsKMGg5OXb5I5Jj36xAkEAgIT7aFOYBFwGgQAQkWNKLvySgKbAZRTeLBacpHMuQdl1DfdntvAyqpAZ0lY0RKmWG6aFKaqQfOXKCyWoUiVknQJAXrlgySFci/2ueKlIE1QqIiLSZ8V8OlpFLRnb1pzI7U1yQXnTAEFYM560yJlzUpOb1V4cScGd365tiSMvxLOvTA=="
    static let draftPublicDERBase64 = "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDCFENGw33yGihy92pDjZQhl0C36rPJj+CvfSC8+q28hxA161QFNUd13wuCTUcq0Qd2qsBe/2hFyc2DCJJg0h1L78+6Z4UMR7EOcpfdUE9Hf3m/hs+FUR45uBJeDK1HSFHD8bHKD6kv8FPGfJTotc+2xjJwoYi+1hqp1fIekaxsyQIDAQAB"
    static let draftKeyId = "6abc29c310d9c042fd93e21828b8178161400a3b78adf0f09d62ac13712eb5fe"

    static func pem(_ label: String, base64: String) -> String {
        var lines = ["-----BEGIN \(label)-----"]
        var rest = Substring(base64)
        while !rest.isEmpty { lines.append(String(rest.prefix(64))); rest = rest.dropFirst(64) }
        lines.append("-----END \(label)-----")
        return lines.joined(separator: "\n") + "\n"
    }

    static var draftPrivatePKCS1PEM: String { pem("RSA PRIVATE KEY", base64: draftPrivateDERBase64) }
    static var draftPublicPEM: String { pem("PUBLIC KEY", base64: draftPublicDERBase64) }
    static func draftKey() throws -> RSAPrivateKey { try RSAPrivateKey(pem: draftPrivatePKCS1PEM) }

    /// ../shared, found from this file (repo root = 3 levels up).
    static var sharedDirectory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("../shared").standardizedFileURL.path
    }

    /// A fresh temporary directory for CLI cross-checks.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ewp-crypto-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs a program; returns (exit status, stdout + stderr). It waits on a thread of its own, so
    /// the (2-thread) cooperative pool is never blocked by a child process.
    static func run(_ executable: String, _ arguments: [String]) async throws -> (Int32, String) {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try runBlocking(executable, arguments) }) }.start()
        }
    }

    private static func runBlocking(_ executable: String, _ arguments: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        return (exitStatus(of: process), String(decoding: data, as: UTF8.self))
    }

    /// Reaps the child with waitpid; only if Foundation got there first, asks Process. (Under a full,
    /// busy test run Foundation's exit monitoring has been seen to miss children, leaving
    /// waitUntilExit() waiting forever.)
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

    static var opensslPath: String? {
        ["/usr/bin/openssl", "/usr/local/bin/openssl"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
