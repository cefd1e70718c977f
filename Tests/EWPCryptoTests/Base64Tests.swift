import Testing
@testable import EWPCrypto

@Suite("Base64: standard alphabet, strict decoding")
struct Base64Tests {
    @Test("RFC 4648 §10 vectors encode and decode", arguments: [
        ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"),
        ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy"),
    ])
    func rfcVectors(plain: String, encoded: String) {
        #expect(Base64.encode(Array(plain.utf8)) == encoded)
        #expect(Base64.decode(encoded) == Array(plain.utf8))
    }

    @Test("all byte values round-trip, with + and /")
    func allBytes() {
        let bytes = (0...255).map { UInt8($0) }
        let text = Base64.encode(bytes)
        #expect(text.contains("+") && text.contains("/"))
        #expect(Base64.decode(text) == bytes)
    }

    @Test("rejects non-canonical or foreign input", arguments: [
        "Zg", "Zg=", "Zm9", "Z===", "Zm9v\n", " Zm9v", "Zm-v", "Zm_v", "Zh==", "Zm9=", "Zg==Zg==", "=Zg=", "Z=g=",
    ])
    func rejects(_ text: String) {
        #expect(Base64.decode(text) == nil)
    }

    @Test("whitespace is only accepted when asked for (PEM/XML wrapped text)")
    func whitespace() {
        #expect(Base64.decode("Zm9v\n YmFy", ignoringWhitespace: true) == Array("foobar".utf8))
        #expect(Base64.decode("Zm9v\n YmFy", ignoringWhitespace: false) == nil)
    }
}
