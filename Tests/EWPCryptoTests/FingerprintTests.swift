import EWPTestTraits
import EWPTestSupport
import Foundation
import Testing
@testable import EWPCrypto

@Suite("Key fingerprints = EWP keyId (lowercase hex SHA-256 of DER SPKI)")
struct FingerprintTests {
    @Test("keyId of the draft test key")
    func draftKeyId() throws {
        #expect(try RSAPublicKey(pem: DraftCavageKey.publicPEM).fingerprint == DraftCavageKey.keyId)
        #expect(try DraftCavageKey.key().publicKey.fingerprint == DraftCavageKey.keyId)
    }

    @Test("catalogue-example.xml <binaries> key hashes to its sha-256 attribute", .officialSpecs)
    func catalogueExample() throws {
        let path = OfficialMaterial.spec("ewp-specs-api-registry/catalogue-example.xml")
        let xml = try String(contentsOfFile: path, encoding: .utf8)
        // The first <rsa-public-key> elements are empty references; the key itself is under <binaries>.
        let binaries = try #require(xml.range(of: "<binaries>"))
        let open = try #require(xml[binaries.upperBound...].range(of: "<rsa-public-key sha-256=\""))
        let afterAttribute = xml[open.upperBound...]
        let expected = String(afterAttribute.prefix(64))
        let bodyStart = try #require(afterAttribute.firstIndex(of: ">"))
        let bodyEnd = try #require(afterAttribute.range(of: "</rsa-public-key>"))
        let base64 = String(afterAttribute[afterAttribute.index(after: bodyStart)..<bodyEnd.lowerBound])
        let der = try #require(Base64.decode(base64, ignoringWhitespace: true))
        let key = try RSAPublicKey(derSPKI: der)
        #expect(expected == "5531f9a02c44a894d0b706961259fec740ad4ae8a3555871f1a5cd9801285bd4")
        #expect(key.fingerprint == expected)
        #expect(key.bits == 2048)
        #expect(der.count == 294)
    }
}
