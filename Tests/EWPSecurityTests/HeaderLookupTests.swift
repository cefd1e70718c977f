import Testing
@testable import EWPSecurity

@Suite("Header lookup: names compare case-insensitively, values keep order")
struct HeaderLookupTests {
    @Test func namesFoldOnlyASCIILetters() {
        #expect(Headers.equalsIgnoringASCIICase("X-Request-ID", lowercased: "x-request-id"))
        #expect(Headers.equalsIgnoringASCIICase("digest", lowercased: "digest"))
        #expect(!Headers.equalsIgnoringASCIICase("Digest2", lowercased: "digest"))
        #expect(!Headers.equalsIgnoringASCIICase("Diges", lowercased: "digest"))
        #expect(!Headers.equalsIgnoringASCIICase("Dıgest", lowercased: "digest"))   // dotless ı is not i
        #expect(!Headers.equalsIgnoringASCIICase("@", lowercased: "`"))               // '@' + 32 is '`': only A–Z fold
    }

    @Test func everyInstanceInOrder() {
        let headers: HeaderList = [("Accept-Signature", "a"), ("Host", "h"), ("accept-signature", "b"), ("ACCEPT-SIGNATURE", "c")]
        #expect(Headers.values("Accept-Signature", in: headers) == ["a", "b", "c"])
        #expect(Headers.combined("accept-signature", in: headers) == "a, b, c")
        #expect(Headers.values("Digest", in: headers).isEmpty)
    }
}
