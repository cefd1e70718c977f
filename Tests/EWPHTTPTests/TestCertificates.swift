import EWPTestSupport
import Foundation

/// A private CA and a server certificate for 127.0.0.1, made with the `openssl` command line.
struct TestCertificates: Sendable {
    let directory: String
    var caCertificate: String { directory + "/ca.pem" }
    var serverCertificate: String { directory + "/server.pem" }
    var serverKey: String { directory + "/server.key" }

    /// Runs openssl on a thread of its own (not on the cooperative pool).
    static func make() async throws -> TestCertificates {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try TestCertificates() }) }.start()
        }
    }

    private init() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ewphttp-tls-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        directory = dir
        try "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n"
            .write(toFile: dir + "/server.ext", atomically: true, encoding: .utf8)
        try Self.openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", dir + "/ca.key", "-out", dir + "/ca.pem",
                          "-days", "2", "-subj", "/CN=EWPHTTP Test CA",
                          "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"])
        try Self.openssl(["req", "-newkey", "rsa:2048", "-nodes", "-keyout", dir + "/server.key", "-out", dir + "/server.csr",
                          "-subj", "/CN=127.0.0.1"])
        try Self.openssl(["x509", "-req", "-in", dir + "/server.csr", "-CA", dir + "/ca.pem", "-CAkey", dir + "/ca.key",
                          "-CAcreateserial", "-out", dir + "/server.pem", "-days", "2", "-extfile", dir + "/server.ext"])
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }

    private static func openssl(_ arguments: [String]) throws {
        let status = try ChildProcess.complete("/usr/bin/env", ["openssl"] + arguments).status
        guard status == 0 else {
            throw TestServerError(message: "openssl \(arguments.prefix(2).joined(separator: " ")) failed with status \(status)")
        }
    }
}
