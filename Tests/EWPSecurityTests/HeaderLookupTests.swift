import EWPTestSupport
import HTTPTypes
import Testing
@testable import EWPSecurity

@Suite("Header lookup: names compare case-insensitively, values keep order")
struct HeaderLookupTests {
    @Test func namesFoldOnlyASCIILetters() {
        let headers: HTTPFields = [("X-Request-ID", "a"), ("digest", "b"), ("Digest2", "c")]
        #expect(Headers.values("x-request-id", in: headers) == ["a"])
        #expect(Headers.values("DIGEST", in: headers) == ["b"])
        #expect(Headers.values("diges", in: headers).isEmpty)
        #expect(Headers.values("dıgest", in: headers).isEmpty)   // dotless ı is not i
        #expect(HTTPField.Name("Dıgest") == nil)                 // and no field can carry such a name
        #expect(HTTPField.Name("@") == nil)
    }

    @Test func everyInstanceInOrder() {
        let headers: HTTPFields = [("Accept-Signature", "a"), ("Host", "h"), ("accept-signature", "b"), ("ACCEPT-SIGNATURE", "c")]
        #expect(Headers.values("Accept-Signature", in: headers) == ["a", "b", "c"])
        #expect(Headers.combined("accept-signature", in: headers) == "a, b, c")
        #expect(Headers.values("Digest", in: headers).isEmpty)
        #expect(headers.map(\.name.rawName) == ["Accept-Signature", "Host", "accept-signature", "ACCEPT-SIGNATURE"])
    }
}
