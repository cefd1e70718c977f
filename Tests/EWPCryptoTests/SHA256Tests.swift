import Testing
@testable import EWPCrypto

@Suite("SHA-256 digests")
struct SHA256Tests {
    @Test("empty body gives the EWP empty-body digest (ewp-specs-sec-cliauth-httpsig)")
    func emptyBody() {
        #expect(SHA256Hash.base64([]) == "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")
        #expect(SHA256Hash.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test("hello (as the openssl CLI computes it)")
    func hello() {
        #expect(SHA256Hash.base64(Array("hello".utf8)) == "LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=")
    }

    @Test("draft-cavage C body digest")
    func cavageBody() {
        #expect(SHA256Hash.base64(Array(#"{"hello": "world"}"#.utf8)) == "X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=")
    }

    @Test("EWP echo request and response body digests (our EWP-shaped vectors)")
    func ewpBodies() {
        #expect(SHA256Hash.base64(Array("echo=a&echo=b".utf8)) == "rf6cr29gDsP6z5fTJSeuw222I0cdimTJ1Gl8+8RFAZE=")
        let body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<response xmlns=\"https://github.com/erasmus-without-paper/ewp-specs-api-echo/tree/stable-v2\"><hei-id>uw.edu.pl</hei-id><echo>a</echo><echo>b</echo></response>"
        #expect(SHA256Hash.base64(Array(body.utf8)) == "JmVPwo1OSLLfZ7xJb2WomkCEvL/wDMBfK7Rr3bhnpII=")
    }

    @Test("hex is lowercase and 64 characters")
    func hexShape() {
        let hex = SHA256Hash.hex(Array("x".utf8))
        #expect(hex.count == 64)
        #expect(hex == hex.lowercased())
        #expect(Hex.encode([0x00, 0xab, 0xff]) == "00abff")
    }
}
