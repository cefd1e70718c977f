internal import COpenSSL

/// An RSA private key (an OpenSSL `EVP_PKEY`), used to sign requests and responses.
///
/// `@unchecked Sendable`: the `EVP_PKEY` is created in `init`, never mutated afterwards and freed in
/// `deinit`; signing from many threads at once only reads it (each call holds its own
/// `EVP_PKEY_CTX` from `signContexts`), which OpenSSL 3 supports and the tests exercise.
public final class RSAPrivateKey: @unchecked Sendable {
    let pkey: OpaquePointer
    private let signContexts: RSAContextPool
    /// The public half, extracted once.
    public let publicKey: RSAPublicKey

    /// Takes ownership of `pkey`; frees it if it is not a usable RSA key.
    private init(owning pkey: OpaquePointer) throws(CryptoError) {
        do {
            // The public half as its own EVP_PKEY, via the DER SPKI.
            self.publicKey = try RSAPublicKey(derSPKI: RSAPublicKey.derSPKI(of: pkey))
        } catch {
            EVP_PKEY_free(pkey)
            throw error
        }
        self.pkey = pkey
        self.signContexts = RSAContextPool(pkey: pkey, operation: .sign)
    }

    deinit { EVP_PKEY_free(pkey) }

    /// A fresh key pair (default 2048 bits, public exponent 65537).
    public static func generate(bits: Int = 2048) throws(CryptoError) -> RSAPrivateKey {
        guard bits >= 1024, bits <= 16384 else { throw CryptoError("RSA key size \(bits) is out of range 1024...16384") }
        guard let key = ewp_rsa_generate(UInt32(bits)) else { throw CryptoError.openSSL("RSA key generation failed") }
        return try RSAPrivateKey(owning: key)
    }

    /// PEM private key: PKCS#8 (`BEGIN PRIVATE KEY`) or PKCS#1 (`BEGIN RSA PRIVATE KEY`). Encrypted
    /// keys are refused (an empty passphrase is supplied, so OpenSSL never prompts on a terminal).
    public convenience init(pem: String) throws(CryptoError) {
        let key = MemoryBIO.reading(pem) { bio -> OpaquePointer? in
            // With a nil callback, `u` is the passphrase: "" makes an encrypted key fail, never prompt.
            var empty: [CChar] = [0]
            return empty.withUnsafeMutableBytes { PEM_read_bio_PrivateKey(bio, nil, nil, $0.baseAddress) }
        }
        guard let key else {
            throw CryptoError.openSSL("cannot read a PEM private key (expected unencrypted -----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----)")
        }
        try self.init(owning: key)
    }

    /// Unencrypted PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`).
    public var pemPKCS8: String {
        MemoryBIO.writing { bio in PEM_write_bio_PKCS8PrivateKey(bio, pkey, nil, nil, 0, nil, nil) == 1 } ?? ""
    }

    /// Modulus length in bits.
    public var bits: Int { Int(EVP_PKEY_get_bits(pkey)) }

    /// RSASSA-PKCS1-v1_5 with SHA-256 (deterministic: the same message gives the same signature).
    public func signSHA256(_ message: [UInt8]) throws(CryptoError) -> [UInt8] {
        let digest = SHA256Hash.bytes(message)
        let signature: [UInt8]? = signContexts.withContext { context in
            var length = Int(EVP_PKEY_get_size(pkey))
            var signature = [UInt8](repeating: 0, count: length)
            let signed = signature.withUnsafeMutableBufferPointer { sig in
                digest.withUnsafeBufferPointer { EVP_PKEY_sign(context, sig.baseAddress, &length, $0.baseAddress, $0.count) }
            }
            guard signed == 1, length > 0 else { return nil }
            signature.removeLast(signature.count - length)
            return signature
        }
        guard let signature else { throw CryptoError.openSSL("RSA-SHA256 signing failed") }
        return signature
    }
}
