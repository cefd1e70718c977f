import EWPCrypto

/// RFC 3230 `Digest` headers with the RFC 5843 `SHA-256` algorithm.
public enum DigestHeader {
    /// `SHA-256=<base64>` for these exact body bytes.
    public static func sha256Value(of body: [UInt8]) -> String { "SHA-256=" + SHA256Hash.base64(body) }

    /// Algorithm (lowercased) → value, from every `Digest` header: comma-separated `alg=value`
    /// items; a value may itself contain `=` (base64 padding). Unknown algorithms are kept and ignored.
    static func entries(_ headerValues: [String]) -> [String: String] {
        var out: [String: String] = [:]
        for value in headerValues {
            for item in value.split(separator: ",") {
                let text = Headers.trimmed(String(item))
                guard let eq = text.firstIndex(of: "=") else { continue }
                let alg = Headers.trimmed(String(text[..<eq])).lowercased()
                if out[alg] == nil { out[alg] = Headers.trimmed(String(text[text.index(after: eq)...])) }
            }
        }
        return out
    }

    public enum Check: Equatable, Sendable { case ok, missingSHA256(found: [String]), mismatch(expected: String, received: String) }

    /// Compares the `SHA-256` entry with the SHA-256 of `body`. Public for the fuzz target
    /// (Fuzz/), which feeds it raw header values; the node reaches it through the authenticators.
    public static func check(_ headerValues: [String], body: [UInt8]) -> Check {
        let found = entries(headerValues)
        guard let received = found["sha-256"] else { return .missingSHA256(found: found.keys.sorted()) }
        let expected = SHA256Hash.base64(body)
        return received == expected ? .ok : .mismatch(expected: expected, received: received)
    }
}
