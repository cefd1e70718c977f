import HTTPTypes
import Testing
@testable import EWPHTTP


@Suite("ResponseHeaderCollector (libcurl header lines → HTTPFields)")
struct ResponseHeaderCollectorTests {
    private func collect(_ lines: [String]) -> ResponseHeaderCollector {
        var collector = ResponseHeaderCollector()
        for line in lines { collector.consume(Array(line.utf8)) }
        return collector
    }

    @Test("a new status line drops the headers of the interim or redirect response before it")
    func resetOnStatusLine() {
        let c = collect(["HTTP/1.1 100 Continue\r\n", "X-Interim: 1\r\n", "\r\n",
                         "HTTP/1.1 200 OK\r\n", "Content-Type: text/xml\r\n", "\r\n"])
        #expect(c.headers.map(\.name.rawName) == ["Content-Type"])
        #expect(c.headers.map(\.value) == ["text/xml"])
    }

    @Test("values are trimmed, colons after the first stay in the value, lines without a colon are ignored")
    func parsing() {
        let c = collect(["HTTP/2 200\r\n", "Date:  Sun, 29 Nov 2026 16:00:00 GMT \r\n", "garbage\r\n",
                         "Link: <https://a:8443/x>; rel=next\n", ": no name\r\n", "Empty:\r\n"])
        #expect(c.headers.map(\.name.rawName) == ["Date", "Link", "Empty"])
        #expect(c.headers.map(\.value) == ["Sun, 29 Nov 2026 16:00:00 GMT", "<https://a:8443/x>; rel=next", ""])
    }

    @Test("obsolete line folding joins the continuation with one space")
    func folding() {
        let c = collect(["HTTP/1.1 200 OK\r\n", "Signature: keyId=\"a\",\r\n", "\t algorithm=\"rsa-sha256\"\r\n"])
        #expect(c.headers.count == 1)
        #expect(c.headers.first?.value == "keyId=\"a\", algorithm=\"rsa-sha256\"")
    }

    @Test("header bytes beyond the cap are refused")
    func cap() {
        var collector = ResponseHeaderCollector()
        let line = Array(("X-Big: " + String(repeating: "a", count: 64 * 1024) + "\r\n").utf8)
        var accepted = 0
        line.withUnsafeBytes { raw in
            while collector.consume(raw) { accepted += 1 }
        }
        #expect(accepted == ResponseHeaderCollector.maxHeaderBytes / line.count)
    }

    @Test("more header fields than HTTPFields should hold are refused, not a trap")
    func fieldCap() {
        var collector = ResponseHeaderCollector()
        let line = Array("X:\r\n".utf8)
        var accepted = 0
        line.withUnsafeBytes { raw in
            while collector.consume(raw), accepted < 100_000 { accepted += 1 }
        }
        #expect(accepted == ResponseHeaderCollector.maxFields)
        #expect(collector.headers.count == ResponseHeaderCollector.maxFields + 1)
    }

    @Test("a line whose name is not a token is dropped; CR or NUL inside a value become spaces")
    func invalidNames() {
        let c = collect(["HTTP/1.1 200 OK\r\n", "Bad Name: x\r\n", "X-(y): z\r\n", "X-Ok: a\u{0}b\rc\r\n"])
        #expect(c.headers.map(\.name.rawName) == ["X-Ok"])
        #expect(c.headers.first?.value == "a b c")
    }
}
