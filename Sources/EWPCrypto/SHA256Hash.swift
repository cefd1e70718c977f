internal import COpenSSL

/// SHA-256 over bytes, with the encodings EWP uses (base64 in `Digest`, lowercase hex for key ids).
public enum SHA256Hash {
    public static func bytes(_ b: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let ok = b.withUnsafeBufferPointer { input in
            out.withUnsafeMutableBufferPointer { EVP_Digest(input.baseAddress, input.count, $0.baseAddress, &length, FetchedDigest.sha256.md, nil) }
        }
        // EVP_Digest with the built-in SHA-256 fails only on memory exhaustion.
        precondition(ok == 1 && length == 32, "SHA-256 failed: \(OpenSSLErrorQueue.drain())")
        return out
    }

    /// Base64 of the digest, e.g. for `Digest: SHA-256=<this>`.
    public static func base64(_ b: [UInt8]) -> String { Base64.encode(bytes(b)) }

    /// Lowercase hex of the digest.
    public static func hex(_ b: [UInt8]) -> String { Hex.encode(bytes(b)) }
}

/// Lowercase hexadecimal.
public enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)
    public static func encode(_ b: [UInt8]) -> String {
        var out = [UInt8](); out.reserveCapacity(b.count * 2)
        for byte in b { out.append(digits[Int(byte >> 4)]); out.append(digits[Int(byte & 0x0f)]) }
        return String(decoding: out, as: UTF8.self)
    }
}
