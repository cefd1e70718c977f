import EWPCrypto
import Logging
import Synchronization

/// The `<binaries>` RSA keys of one catalogue: kept as published base64 and decoded with OpenSSL only on
/// first use (a real catalogue has thousands of keys; most are never needed by one node). A decoded key
/// is cached, thread-safely, for the lifetime of the catalogue.
///
/// A key shorter than `minimumRSABits` (our own keys' size, and the Registry's rule) is refused like an
/// undecodable one: it neither authenticates a partner nor verifies a response, and a warning is
/// logged the first time it is looked up in a catalogue.
final class KeyVault: Sendable {
    static let minimumRSABits = 2048
    private static let logger = Logger(label: "ewp-node")

    enum Decoded: Sendable {
        case valid(RSAPublicKey)
        case invalid(String)
    }

    /// keyId (lowercase hex) → base64 text exactly as published (may contain whitespace).
    private let encoded: [String: String]
    private let cache = Mutex<[String: Decoded]>([:])

    init(encoded: [String: String]) { self.encoded = encoded }

    var count: Int { encoded.count }
    var encodedForTests: [String: String] { encoded }
    func contains(_ keyID: String) -> Bool { encoded[keyID] != nil }

    /// The key, when present, decodable and its SHA-256 fingerprint equals `keyID` (lowercase).
    func key(_ keyID: String) -> RSAPublicKey? {
        if case .valid(let k) = decoded(keyID) { return k }
        return nil
    }

    /// Nil when the catalogue has no such binary.
    func decoded(_ keyID: String) -> Decoded? {
        if let hit = cache.withLock({ $0[keyID] }) { return hit }
        guard let text = encoded[keyID] else { return nil }
        let result = Self.decode(text, expectedFingerprint: keyID)   // outside the lock: OpenSSL work
        let (stored, first) = cache.withLock { cache in
            if let raced = cache[keyID] { return (raced, false) }
            cache[keyID] = result
            return (result, true)
        }
        if first, case .invalid(let why) = stored {
            Self.logger.warning("registry: a published key is ignored", metadata: ["key_id": .string(keyID), "reason": .string(why)])
        }
        return stored
    }

    /// Number of keys decoded so far (for tests and metrics).
    var decodedCount: Int { cache.withLock { $0.count } }

    static func decode(_ text: String, expectedFingerprint: String) -> Decoded {
        guard let der = Base64.decode(text, ignoringWhitespace: true), !der.isEmpty else { return .invalid("not base64") }
        let key: RSAPublicKey
        do { key = try RSAPublicKey(derSPKI: der) } catch { return .invalid("not an RSA SubjectPublicKeyInfo: \(error)") }
        guard key.fingerprint == expectedFingerprint else {
            return .invalid("SHA-256 of the key is \(key.fingerprint), not the published \(expectedFingerprint)")
        }
        guard key.bits >= minimumRSABits else {
            return .invalid("an RSA key of \(key.bits) bits; at least \(minimumRSABits) bits are required")
        }
        return .valid(key)
    }
}
