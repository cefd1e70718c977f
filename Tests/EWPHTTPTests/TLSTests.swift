import EWPHTTP
import Foundation
import Testing

@Suite("CurlClient over HTTPS with a private CA")
struct TLSTests {
    @Test("with caBundlePath the private CA is trusted and the connection is reused")
    func trustedPrivateCA() async throws {
        let certificates = try await TestCertificates.make()
        defer { certificates.remove() }
        let server = try await TestServer.start(tls: certificates)
        let client = CurlClient(caBundlePath: certificates.caCertificate)
        defer {
            client.shutdown()
            server.stop()
        }
        #expect(server.base.hasPrefix("https://127.0.0.1:"))
        var connections: Set<Int> = []
        for _ in 0..<3 {
            let response = try await client.send(OutboundRequest(method: "POST", url: server.base + "/echo", body: Array("x=1".utf8)))
            #expect(response.status == 200)
            let echo = try Echo.from(response)
            #expect(echo.bodyBytes == Array("x=1".utf8))
            connections.insert(echo.connection)
        }
        #expect(connections.count == 1)
    }

    @Test("without the CA the server's certificate is rejected (CURLE_PEER_FAILED_VERIFICATION)")
    func untrustedCA() async throws {
        let certificates = try await TestCertificates.make()
        defer { certificates.remove() }
        let server = try await TestServer.start(tls: certificates)
        let client = CurlClient()
        defer {
            client.shutdown()
            server.stop()
        }
        let error = await #expect(throws: TransportError.self) {
            try await client.send(OutboundRequest(url: server.base + "/echo"))
        }
        #expect(error?.curlCode == 60)
        #expect(error?.kind == .tls)
    }
}
