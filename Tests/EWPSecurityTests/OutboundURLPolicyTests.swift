import EWPSecurity
import Testing

@Suite("Outbound URL policy (https only; EWP_ALLOW_HTTP=loopback)")
struct OutboundURLPolicyTests {
    static let loopbackHTTP = [
        "http://127.0.0.1:8080/iias/get", "http://127.0.0.1/", "http://127.255.3.4:1", "http://localhost:9/x",
        "http://LOCALHOST/x", "http://[::1]:8080/x", "http://[0:0:0:0:0:0:0:1]/", "http://[0::1]/x",
        "http://user:pw@127.0.0.1:5/x", "HTTP://127.0.0.1/x",
    ]
    static let otherHTTP = [
        "http://partner.example.org/iias", "http://10.0.0.1/", "http://128.0.0.1/", "http://2130706433/",
        "http://0x7f.0.0.1/", "http://127.0.0.01/", "http://127.1/", "http://[::ffff:127.0.0.1]/", "http://[::2]/",
        "http://localhost.example.org/", "http://127.0.0.1.example.org/", "http://evil.org@/x", "http://[::1/x",
        "http://127.0.0.1@partner.example.org/x",
    ]

    @Test("https is always allowed", arguments: ["https://partner.example.org/iias", "HTTPS://x.org", "https://127.0.0.1:443/"])
    func https(url: String) {
        #expect(OutboundURLPolicy.httpsOnly.refusal(for: url) == nil)
        #expect(OutboundURLPolicy.loopbackHTTPAllowed.refusal(for: url) == nil)
    }

    @Test("Without the switch every http URL is refused, loopback included, and the message names the switch",
          arguments: loopbackHTTP + otherHTTP)
    func httpRefusedByDefault(url: String) throws {
        let refusal = try #require(OutboundURLPolicy.httpsOnly.refusal(for: url))
        #expect(refusal.contains("https only") && refusal.contains("EWP_ALLOW_HTTP=loopback"))
    }

    @Test("With EWP_ALLOW_HTTP=loopback: http to 127.0.0.0/8, ::1 and localhost only", arguments: loopbackHTTP)
    func loopbackAllowed(url: String) {
        #expect(OutboundURLPolicy.loopbackHTTPAllowed.refusal(for: url) == nil)
    }

    @Test("With EWP_ALLOW_HTTP=loopback: http elsewhere (odd spellings of 127.0.0.1 too) is refused", arguments: otherHTTP)
    func otherHostsRefused(url: String) throws {
        let refusal = try #require(OutboundURLPolicy.loopbackHTTPAllowed.refusal(for: url))
        #expect(refusal.contains("not a loopback address"))
    }

    @Test("Other schemes are refused either way", arguments: ["ftp://127.0.0.1/x", "file:///etc/passwd", "127.0.0.1:80", ""])
    func otherSchemes(url: String) {
        #expect(OutboundURLPolicy.httpsOnly.refusal(for: url) != nil)
        #expect(OutboundURLPolicy.loopbackHTTPAllowed.refusal(for: url) != nil)
    }

    @Test("A refusal quotes at most 200 characters of the URL")
    func boundedExcerpt() throws {
        let url = "http://partner.example.org/" + String(repeating: "a", count: 10_000)
        let refusal = try #require(OutboundURLPolicy.httpsOnly.refusal(for: url))
        #expect(refusal.count < 450)
    }
}
