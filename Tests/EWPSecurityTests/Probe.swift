import EWPCrypto
import EWPTestSupport
import Foundation
import HTTPTypes
@testable import EWPSecurity

/// Keys shared by the tests (RSA generation takes a moment).
enum Keys {
    static let client = try! RSAPrivateKey.generate()
    static let otherClient = try! RSAPrivateKey.generate()
    static let server = try! RSAPrivateKey.generate()
    static let stranger = try! RSAPrivateKey.generate()

    /// client + otherClient are client keys; server is a server key for the echo URL.
    static var directory: TestDirectory {
        var d = TestDirectory()
        d.addClient(client.publicKey, heis: ["uw.edu.pl"])
        d.addClient(otherClient.publicKey, heis: ["uma.es"])
        d.addServer(server.publicKey, urls: ["https://ewp.example.org/ewp/echo"])
        return d
    }
}

/// A signed request that the tests then bend, one rule at a time.
struct Probe {
    static let host = "ewp.example.org"
    static let now = Date(timeIntervalSince1970: 1_790_000_000)

    var method = "POST"
    var target = "/ewp/echo"
    var body: [UInt8] = Array("echo=a&echo=b".utf8)
    var headers: HTTPFields
    var signedNames = ["(request-target)", "host", "date", "x-request-id", "digest"]
    var key = Keys.client
    var keyId: String? = nil                 // default: the key's fingerprint
    var algorithm = "rsa-sha256"
    var scheme = "Signature"
    var separator = ","

    init(date: Date = Probe.now, requestId: String = RequestId.fresh()) {
        headers = [
            (name: "Host", value: Probe.host),
            (name: "Date", value: HTTPDate.format(date)),
            (name: "X-Request-Id", value: requestId),
            (name: "Digest", value: DigestHeader.sha256Value(of: Array("echo=a&echo=b".utf8))),
            (name: "Content-Type", value: "application/x-www-form-urlencoded"),
        ]
    }

    mutating func set(_ name: String, _ value: String?) {
        headers.removeAll { $0.name.canonicalName == name.lowercased() }
        if let value { headers.append((name: name, value: value)) }
    }

    var signature: String {
        let s = try! SigningString.build(headerNames: signedNames, method: method, target: target, headers: headers)
        return Base64.encode(try! key.signSHA256(Array(s.utf8)))
    }

    var authorization: String {
        "\(scheme) keyId=\"\(keyId ?? key.publicKey.fingerprint)\"\(separator)algorithm=\"\(algorithm)\"\(separator)headers=\"\(signedNames.joined(separator: " "))\"\(separator)signature=\"\(signature)\""
    }

    /// The signed message; `after` changes it after signing (tampering in transit).
    func message(after: (inout SignableMessage) -> Void = { _ in }) -> SignableMessage {
        var m = SignableMessage(method: method, target: target, headers: headers + [(name: "Authorization", value: authorization)], body: body)
        after(&m)
        return m
    }

    static func authenticator(window: TimeInterval = 300, ledger: any ReplayLedger = ReplayGuard()) -> RequestAuthenticator {
        RequestAuthenticator(expectedHosts: [host], window: window, replayLedger: ledger)
    }

    /// Every check but the replay check (`verify`).
    func run(_ auth: RequestAuthenticator = Probe.authenticator(), now: Date = Probe.now, after: (inout SignableMessage) -> Void = { _ in }) -> Result<AuthenticatedClient, AuthFailure> {
        auth.verify(message(after: after), keys: Keys.directory, now: now)
    }

    /// Every check, the replay check last (`authenticate`).
    func authenticate(_ auth: RequestAuthenticator, now: Date = Probe.now, after: (inout SignableMessage) -> Void = { _ in }) async -> Result<AuthenticatedClient, AuthFailure> {
        await auth.authenticate(message(after: after), keys: Keys.directory, now: now)
    }
}

extension Result {
    var failure: Failure? { if case .failure(let f) = self { return f } else { return nil } }
    var isSuccess: Bool { if case .success = self { return true } else { return false } }
}
