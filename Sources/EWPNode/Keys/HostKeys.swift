import EWPCrypto
import Foundation

/// The two RSA key pairs of one covered HEI (one EWP host): the client key signs our requests,
/// the server key signs our responses. Files under `<keys dir>/<hei-id>/`.
public struct HostKeys: Sendable {
    public let heiID: String
    public let client: RSAPrivateKey
    public let server: RSAPrivateKey

    static let clientPrivateFile = "client.key.pem"
    static let clientPublicFile = "client.pub.pem"
    static let serverPrivateFile = "server.key.pem"
    static let serverPublicFile = "server.pub.pem"

    public static func directory(for heiID: String, in keysDirectory: String) -> String {
        (keysDirectory as NSString).appendingPathComponent(heiID)
    }

    /// The HEI's folder, only for a valid SCHAC id: `..` or `a/b` must never reach the file system
    /// (private keys would be written outside the keys folder).
    static func checkedDirectory(for heiID: String, in keysDirectory: String) throws(KeyFileError) -> String {
        if let problem = HEIIdentifier.problem(heiID) { throw KeyFileError("refusing key files for \(problem)") }
        return directory(for: heiID, in: keysDirectory)
    }

    public static func load(heiID: String, keysDirectory: String) throws(KeyFileError) -> HostKeys {
        let dir = try checkedDirectory(for: heiID, in: keysDirectory)
        return HostKeys(heiID: heiID,
                        client: try readPrivateKey((dir as NSString).appendingPathComponent(clientPrivateFile)),
                        server: try readPrivateKey((dir as NSString).appendingPathComponent(serverPrivateFile)))
    }

    /// Creates whichever of the HEI's key pairs is missing; returns the files written.
    public static func generateMissing(heiID: String, keysDirectory: String) throws(KeyFileError) -> [String] {
        let dir = try checkedDirectory(for: heiID, in: keysDirectory)
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw KeyFileError("cannot create \(dir): \(error.localizedDescription)")
        }
        var written = [String]()
        for (privateName, publicName) in [(clientPrivateFile, clientPublicFile), (serverPrivateFile, serverPublicFile)] {
            let privatePath = (dir as NSString).appendingPathComponent(privateName)
            let publicPath = (dir as NSString).appendingPathComponent(publicName)
            if FileManager.default.fileExists(atPath: privatePath) {
                if !FileManager.default.fileExists(atPath: publicPath) {
                    try write(try readPrivateKey(privatePath).publicKey.pem, to: publicPath, mode: 0o644)
                    written.append(publicPath)
                }
                continue
            }
            let key: RSAPrivateKey
            do {
                key = try RSAPrivateKey.generate(bits: 2048)
            } catch {
                throw KeyFileError("RSA key generation failed: \(error)")
            }
            try write(key.pemPKCS8, to: privatePath, mode: 0o600)
            try write(key.publicKey.pem, to: publicPath, mode: 0o644)
            written += [privatePath, publicPath]
        }
        return written
    }

    private static func readPrivateKey(_ path: String) throws(KeyFileError) -> RSAPrivateKey {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw KeyFileError("missing key file \(path): run `ewp-node keys generate` (or set EWP_KEYS_DIR)")
        }
        do {
            let key = try RSAPrivateKey(pem: text)
            guard key.publicKey.bits >= 2048 else {
                throw KeyFileError("\(path) holds a \(key.publicKey.bits)-bit key; the Registry requires at least 2048 bits")
            }
            return key
        } catch let error as KeyFileError {
            throw error
        } catch {
            throw KeyFileError("\(path) is not a PEM RSA private key: \(error)")
        }
    }

    private static func write(_ text: String, to path: String, mode: Int) throws(KeyFileError) {
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: mode]) else {
            throw KeyFileError("cannot write \(path)")
        }
    }
}

public struct KeyFileError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}
