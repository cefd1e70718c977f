internal import COpenSSL

/// An RSA public key (an OpenSSL `EVP_PKEY`).
///
/// `@unchecked Sendable`: the `EVP_PKEY` is created in `init`, never mutated afterwards and freed in
/// `deinit`; OpenSSL documents concurrent use of one key for verification as safe (each call holds
/// its own `EVP_PKEY_CTX` from `verifyContexts`). The cached DER is an immutable `let`.
public final class RSAPublicKey: @unchecked Sendable {
    let pkey: OpaquePointer
    private let verifyContexts: RSAContextPool
    /// DER SubjectPublicKeyInfo, computed once.
    public let derSPKI: [UInt8]

    /// Takes ownership of `pkey`; frees it if it is not a usable RSA key.
    init(owning pkey: OpaquePointer) throws(CryptoError) {
        do {
            self.derSPKI = try Self.derSPKI(of: pkey)
        } catch {
            EVP_PKEY_free(pkey)
            throw error
        }
        self.pkey = pkey
        self.verifyContexts = RSAContextPool(pkey: pkey, operation: .verify)
    }

    /// DER SubjectPublicKeyInfo of any RSA `EVP_PKEY` (public or private).
    static func derSPKI(of pkey: OpaquePointer) throws(CryptoError) -> [UInt8] {
        guard EVP_PKEY_get_base_id(pkey) == EVP_PKEY_RSA else {
            throw CryptoError("not an RSA key (OpenSSL key type \(EVP_PKEY_get_base_id(pkey)))")
        }
        let length = i2d_PUBKEY(pkey, nil)
        guard length > 0 else { throw CryptoError.openSSL("cannot encode the public key as DER") }
        var der = [UInt8](repeating: 0, count: Int(length))
        let written = der.withUnsafeMutableBufferPointer { buffer -> Int32 in
            var cursor: UnsafeMutablePointer<UInt8>? = buffer.baseAddress
            return i2d_PUBKEY(pkey, &cursor)
        }
        guard written == length else { throw CryptoError.openSSL("cannot encode the public key as DER") }
        return der
    }

    deinit { EVP_PKEY_free(pkey) }

    /// A PEM `-----BEGIN PUBLIC KEY-----` (SubjectPublicKeyInfo) block.
    public convenience init(pem: String) throws(CryptoError) {
        let key = MemoryBIO.reading(pem) { bio in PEM_read_bio_PUBKEY(bio, nil, nil, nil) }
        guard let key else { throw CryptoError.openSSL("cannot read a PEM public key (expected -----BEGIN PUBLIC KEY-----)") }
        try self.init(owning: key)
    }

    /// DER SubjectPublicKeyInfo bytes (as in the Registry's `<binaries>`, base64-decoded).
    public convenience init(derSPKI: [UInt8]) throws(CryptoError) {
        let key: OpaquePointer? = derSPKI.withUnsafeBufferPointer { buffer in
            var cursor: UnsafePointer<UInt8>? = buffer.baseAddress
            return d2i_PUBKEY(nil, &cursor, buffer.count)
        }
        guard let key else { throw CryptoError.openSSL("cannot read a DER SubjectPublicKeyInfo") }
        try self.init(owning: key)
    }

    /// PEM text of the SubjectPublicKeyInfo.
    public var pem: String {
        MemoryBIO.writing { bio in PEM_write_bio_PUBKEY(bio, pkey) == 1 } ?? ""
    }

    /// Modulus length in bits.
    public var bits: Int { Int(EVP_PKEY_get_bits(pkey)) }

    /// Lowercase hex SHA-256 of the DER SubjectPublicKeyInfo: the EWP `keyId` and the Registry's `sha-256`.
    public var fingerprint: String { SHA256Hash.hex(derSPKI) }

    /// RSASSA-PKCS1-v1_5 with SHA-256. False for a wrong signature, another key or any OpenSSL failure.
    public func verifySHA256(signature: [UInt8], message: [UInt8]) -> Bool {
        let digest = SHA256Hash.bytes(message)
        // A context that reported a wrong signature stays usable: only a context that could not be
        // made is a failure of the pool (nil).
        let result: Int32? = verifyContexts.withContext { context in
            signature.withUnsafeBufferPointer { sig in
                digest.withUnsafeBufferPointer { EVP_PKEY_verify(context, sig.baseAddress, sig.count, $0.baseAddress, $0.count) }
            }
        }
        if result != 1 { OpenSSLErrorQueue.clear() }
        return result == 1
    }
}
