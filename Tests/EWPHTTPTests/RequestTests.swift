import EWPHTTP
import Foundation
import HTTPTypes
import Testing

@Suite("CurlClient requests and responses")
struct RequestTests {
    @Test("GET sends the caller's headers and returns status, headers and body")
    func getWithHeaders() async throws {
        try await withServer { server, client in
            let response = try await client.send(OutboundRequest(
                url: server.base + "/echo?hei_id=uw.edu.pl&hei_id=b",
                headers: [("Accept", "application/xml"), ("X-EWP-Test", "hello"), ("X-Empty", "")]))
            #expect(response.status == 200)
            #expect(response.header("content-type") == "application/json")
            let echo = try Echo.from(response)
            #expect(echo.method == "GET")
            #expect(echo.target == "/echo?hei_id=uw.edu.pl&hei_id=b")
            #expect(echo.header("X-EWP-Test") == "hello")
            #expect(echo.header("Accept") == "application/xml")
            #expect(echo.header("X-Empty") == "")
            #expect(echo.bodyBytes.isEmpty)
        }
    }

    @Test("form POST body arrives byte for byte, without Expect: 100-continue")
    func formPost() async throws {
        try await withServer { server, client in
            let form = FormURLEncoding.encode([("hei_id", "uw.edu.pl"), ("q", "Łódź & más"), ("hei_id", "x")])
            let bytes = Array(form.utf8)
            let response = try await client.send(OutboundRequest(
                method: "POST", url: server.base + "/echo",
                headers: [("Content-Type", "application/x-www-form-urlencoded")], body: bytes))
            let echo = try Echo.from(response)
            #expect(echo.method == "POST")
            #expect(echo.bodyBytes == bytes)
            #expect(echo.header("Content-Length") == String(bytes.count))
            #expect(echo.header("Content-Type") == "application/x-www-form-urlencoded")
            #expect(!echo.hasHeader("Expect"))
            let decoded = FormURLEncoding.decode(String(decoding: echo.bodyBytes, as: UTF8.self))
            #expect(decoded.map(\.0) == ["hei_id", "q", "hei_id"])
            #expect(decoded.map(\.1) == ["uw.edu.pl", "Łódź & más", "x"])
        }
    }

    @Test("raw XML POST keeps the exact bytes, including a NUL-free binary-ish payload over 64 KiB")
    func xmlPost() async throws {
        try await withServer { server, client in
            let padding = String(repeating: "<p>ż</p>", count: 10_000)
            let xml = Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<doc xmlns=\"urn:x\">\(padding)</doc>".utf8)
            let response = try await client.send(OutboundRequest(
                method: "POST", url: server.base + "/echo",
                headers: [("Content-Type", "application/xml; charset=utf-8")], body: xml))
            #expect(response.status == 200)
            let echo = try Echo.from(response)
            #expect(echo.bodyBytes == xml)
            #expect(echo.header("Content-Type") == "application/xml; charset=utf-8")
        }
    }

    @Test("PUT, DELETE and PATCH go out with their method", arguments: ["PUT", "DELETE", "PATCH"])
    func otherMethods(method: String) async throws {
        try await withServer { server, client in
            let body: [UInt8] = method == "DELETE" ? [] : Array("payload".utf8)
            let response = try await client.send(OutboundRequest(method: method, url: server.base + "/echo", body: body))
            let echo = try Echo.from(response)
            #expect(echo.method == method)
            #expect(echo.bodyBytes == body)
        }
    }

    @Test("404 and 500 are statuses, not errors")
    func errorStatuses() async throws {
        try await withServer { server, client in
            let notFound = try await client.send(OutboundRequest(url: server.base + "/status?code=404"))
            #expect(notFound.status == 404)
            #expect(notFound.body == Array("<error-response/>".utf8))
            let failed = try await client.send(OutboundRequest(url: server.base + "/status?code=500"))
            #expect(failed.status == 500)
        }
    }

    @Test("response headers keep order, repeats and empty values; names compare case-insensitively")
    func responseHeaders() async throws {
        try await withServer { server, client in
            let response = try await client.send(OutboundRequest(url: server.base + "/headers"))
            #expect(response.headers(named: "x-multi") == ["one", "two"])
            #expect(response.header("X-MULTI") == "one")
            #expect(response.header("x-spaced") == "padded")
            #expect(response.header("X-Empty") == "")
            #expect(response.header("X-Absent") == nil)
            #expect(response.body.isEmpty)
        }
    }

    @Test("headers of an interim 100 response are dropped")
    func interimResponse() async throws {
        try await withServer { server, client in
            let response = try await client.send(OutboundRequest(url: server.base + "/continue"))
            #expect(response.status == 200)
            #expect(response.header("X-Final") == "yes")
            #expect(response.header("X-Interim") == nil)
            #expect(response.body == Array("final".utf8))
        }
    }

    @Test("binary body bytes arrive exactly")
    func binaryBody() async throws {
        try await withServer { server, client in
            let response = try await client.send(OutboundRequest(url: server.base + "/bytes?n=300000"))
            #expect(response.body.count == 300_000)
            #expect(response.body == (0..<300_000).map { UInt8($0 % 251) })
        }
    }

    @Test("no header injection (CR and LF in a value become spaces, a bad name cannot be a field); bad methods are refused before anything is sent")
    func invalidRequests() async throws {
        #expect(HTTPField.Name("X-A\r\nX-B") == nil)
        try await withServer { server, client in
            let sent = try await client.send(OutboundRequest(url: server.base + "/echo", headers: [("X-A", "a\r\nX-B: b")]))
            let echo = try Echo.from(sent)
            #expect(echo.header("X-A") == "a  X-B: b")
            #expect(echo.header("X-B") == nil)
            let method = await #expect(throws: TransportError.self) {
                try await client.send(OutboundRequest(method: "GET /x", url: server.base + "/echo"))
            }
            #expect(method?.kind == .invalidRequest)
        }
    }

    @Test("only http and https URLs are fetched")
    func protocolsLimited() async throws {
        let client = CurlClient()
        defer { client.shutdown() }
        let error = await #expect(throws: TransportError.self) {
            try await client.send(OutboundRequest(url: "file:///etc/passwd"))
        }
        #expect(error?.curlCode == 1)   // CURLE_UNSUPPORTED_PROTOCOL
        #expect(error?.kind == .invalidRequest)
    }
}
