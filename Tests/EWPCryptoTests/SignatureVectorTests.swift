import EWPTestSupport
import Testing
@testable import EWPCrypto

/// draft-cavage-http-signatures-07 Appendix C and our EWP-shaped vectors derived from it, signed
/// with the draft's test key. PKCS#1 v1.5 is deterministic, so signatures must match byte for byte.
@Suite("RSA-SHA256 signature vectors (draft-cavage Appendix C and EWP-shaped ones)")
struct SignatureVectorTests {
    static let echoRequestSignature = "XDhkvL4FwFxYboolxkKH21u3bNEUSFO7YdZ04lOBVmiF1ImSSjejR2L0l7IQcwJNjJfXcKBmDOnWhxKmAzffnc7sMuHbV51Sd7d8EOjdpqYfNeXodpYUr2g+nnFyDm8PG1cthvTGJlyXQTwAu7GQa8PRRLUrtNQoBMjjXuhBhNk="

    static let vectors: [(name: String, signingString: String, signature: String)] = [
        ("C.2", "(request-target): post /foo?param=value&pet=dog\nhost: example.com\ndate: Sun, 05 Jan 2014 21:31:40 GMT",
         "qdx+H7PHHDZgy4y/Ahn9Tny9V3GP6YgBPyUXMmoxWtLbHpUnXS2mg2+SbrQDMCJypxBLSPQR2aAjn7ndmw2iicw3HMbe8VfEdKFYRqzic+efkb3nndiv/x1xSHDJWeSWkx3ButlYSuBskLu6kd9Fswtemr3lgdDEmn04swr2Os0="),
        ("C.3", "(request-target): post /foo?param=value&pet=dog\nhost: example.com\ndate: Sun, 05 Jan 2014 21:31:40 GMT\ncontent-type: application/json\ndigest: SHA-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=\ncontent-length: 18",
         "vSdrb+dS3EceC9bcwHSo4MlyKS59iFIrhgYkz8+oVLEEzmYZZvRs8rgOp+63LEM3v+MFHB32NfpB2bEKBIvB1q52LaEUHFv120V01IL+TAD48XaERZFukWgHoBTLMhYS2Gb51gWxpeIq8knRmPnYePbF5MOkR0Zkly4zKH7s1dE="),
        ("EWP request", "(request-target): post /ewp/echo\nhost: example.com\ndate: Sun, 05 Jan 2014 21:31:40 GMT\ndigest: SHA-256=rf6cr29gDsP6z5fTJSeuw222I0cdimTJ1Gl8+8RFAZE=\nx-request-id: e7c3b6a8-5d4f-4e2a-9b1c-0d2e3f4a5b6c",
         echoRequestSignature),
        ("EWP response", "date: Sun, 05 Jan 2014 21:31:40 GMT\ndigest: SHA-256=JmVPwo1OSLLfZ7xJb2WomkCEvL/wDMBfK7Rr3bhnpII=\nx-request-id: e7c3b6a8-5d4f-4e2a-9b1c-0d2e3f4a5b6c\nx-request-signature: \(echoRequestSignature)",
         "nkqMQrcDSdtlTQAY9ze+4AChyicDiHWb3Gq2A9dl450P14MCadiXp8PIl22JvydUITo0q2CTyabtKBs3Z4OsDeo+KPev9Gi+Ij3B4J8zcAKraCqdB9P+gypz1IbXjx3ye5lfPMZqyklKuDFfO/4nlrpd2FkLRfIK7fwk3vJlvlI="),
    ]

    @Test("signing reproduces the vector", arguments: vectors.map { $0.name })
    func sign(name: String) throws {
        let vector = Self.vectors.first { $0.name == name }!
        let signature = try DraftCavageKey.key().signSHA256(Array(vector.signingString.utf8))
        #expect(Base64.encode(signature) == vector.signature)
    }

    @Test("the vector verifies with the public key, and fails when altered", arguments: vectors.map { $0.name })
    func verify(name: String) throws {
        let vector = Self.vectors.first { $0.name == name }!
        let pub = try RSAPublicKey(pem: DraftCavageKey.publicPEM)
        let signature = try #require(Base64.decode(vector.signature))
        #expect(pub.verifySHA256(signature: signature, message: Array(vector.signingString.utf8)))
        #expect(!pub.verifySHA256(signature: signature, message: Array((vector.signingString + " ").utf8)))
        var flipped = signature; flipped[10] ^= 1
        #expect(!pub.verifySHA256(signature: flipped, message: Array(vector.signingString.utf8)))
        #expect(!pub.verifySHA256(signature: [], message: Array(vector.signingString.utf8)))
    }

    @Test("a signature does not verify under another key")
    func otherKey() throws {
        let other = try RSAPrivateKey.generate()
        let message = Array("abc".utf8)
        let signature = try other.signSHA256(message)
        #expect(other.publicKey.verifySHA256(signature: signature, message: message))
        #expect(try !RSAPublicKey(pem: DraftCavageKey.publicPEM).verifySHA256(signature: signature, message: message))
    }
}
