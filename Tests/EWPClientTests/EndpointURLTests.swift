import Testing
@testable import EWPClient

@Suite("EndpointURL: Host and (request-target) from a URL")
struct EndpointURLTests {
    @Test("host and target", arguments: [
        ("https://ewp.uw.edu.pl/iias/get?iia_id=1", "ewp.uw.edu.pl", "/iias/get?iia_id=1"),
        ("https://EWP.example.org:443/x", "ewp.example.org", "/x"),
        ("https://ewp.example.org:8443/x#frag", "ewp.example.org:8443", "/x"),
        ("http://127.0.0.1:8080", "127.0.0.1:8080", "/"),
        ("http://127.0.0.1:80?a=b", "127.0.0.1", "/?a=b"),
        ("https://user@host.example/p", "host.example", "/p"),
    ])
    func parse(url: String, host: String, target: String) throws {
        let parts = try #require(EndpointURL(url))
        #expect(parts.host == host)
        #expect(parts.target == target)
    }

    @Test("rejected URLs", arguments: ["ftp://h/x", "ewp.example.org/x", "https://", "https://h/a b", ""])
    func rejects(_ url: String) {
        #expect(EndpointURL(url) == nil)
    }

    @Test("query appended with ? or &")
    func appending() {
        #expect(EndpointURL.appending(query: "a=1", to: "https://h/x") == "https://h/x?a=1")
        #expect(EndpointURL.appending(query: "a=1", to: "https://h/x?b=2") == "https://h/x?b=2&a=1")
        #expect(EndpointURL.appending(query: "", to: "https://h/x") == "https://h/x")
    }

    @Test("developer-message is read from an error-response, and only from one")
    func developerMessage() {
        let xml = "<error-response xmlns=\"https://github.com/erasmus-without-paper/ewp-specs-architecture/blob/stable-v1/common-types.xsd\"><developer-message>\n  Fix it\n</developer-message></error-response>"
        #expect(ErrorResponse.developerMessage(Array(xml.utf8)) == "Fix it")
        #expect(ErrorResponse.developerMessage(Array("<response/>".utf8)) == nil)
        #expect(ErrorResponse.developerMessage(Array("not xml".utf8)) == nil)
    }
}
