import EWPTestSupport
import Testing
@testable import EWPCrypto

@Suite("PEM and DER key loading and writing")
struct PEMTests {
    @Test("PKCS#1 private PEM loads; its public half is the published test key")
    func pkcs1() throws {
        let key = try DraftCavageKey.key()
        #expect(key.bits == 1024)
        #expect(Base64.encode(key.publicKey.derSPKI) == DraftCavageKey.publicDERBase64)
    }

    @Test("PKCS#8 output starts with BEGIN PRIVATE KEY and loads back to the same key")
    func pkcs8RoundTrip() throws {
        let key = try DraftCavageKey.key()
        let pem = key.pemPKCS8
        #expect(pem.hasPrefix("-----BEGIN PRIVATE KEY-----"))
        let again = try RSAPrivateKey(pem: pem)
        #expect(again.publicKey.derSPKI == key.publicKey.derSPKI)
        #expect(try again.signSHA256([1, 2, 3]) == key.signSHA256([1, 2, 3]))
    }

    @Test("public PEM (SPKI) loads, writes and reloads")
    func publicPEM() throws {
        let pub = try RSAPublicKey(pem: DraftCavageKey.publicPEM)
        #expect(pub.bits == 1024)
        #expect(pub.pem.hasPrefix("-----BEGIN PUBLIC KEY-----"))
        #expect(try RSAPublicKey(pem: pub.pem).derSPKI == pub.derSPKI)
        #expect(try RSAPublicKey(derSPKI: pub.derSPKI).fingerprint == pub.fingerprint)
    }

    @Test("garbage PEM fails with OpenSSL's message, and leaves the error queue empty")
    func badPEM() {
        #expect {
            _ = try RSAPrivateKey(pem: "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")
        } throws: { error in
            let message = (error as? CryptoError)?.message ?? ""
            return message.contains("cannot read a PEM private key") && message.contains("error:")
        }
        #expect(OpenSSLErrorQueue.drain().isEmpty)
        #expect(throws: CryptoError.self) { _ = try RSAPublicKey(pem: "not a key") }
        #expect(throws: CryptoError.self) { _ = try RSAPublicKey(derSPKI: [0x30, 0x03, 0x02, 0x01, 0x00]) }
        #expect(throws: CryptoError.self) { _ = try RSAPrivateKey(pem: "") }
    }

    @Test("a public PEM is not accepted as a private key")
    func publicAsPrivate() {
        #expect(throws: CryptoError.self) { _ = try RSAPrivateKey(pem: DraftCavageKey.publicPEM) }
    }

    @Test("a generated key is 2048-bit and has a 64-hex fingerprint")
    func generate() throws {
        let key = try RSAPrivateKey.generate()
        #expect(key.bits == 2048)
        #expect(key.publicKey.bits == 2048)
        #expect(key.publicKey.derSPKI.count == 294)
        #expect(key.publicKey.fingerprint.count == 64)
        #expect(throws: CryptoError.self) { _ = try RSAPrivateKey.generate(bits: 512) }
    }
}
