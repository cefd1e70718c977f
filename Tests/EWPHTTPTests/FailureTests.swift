import EWPHTTP
import Foundation
import Testing

@Suite("CurlClient failures: refused, timeouts, cancellation, size cap, shutdown")
struct FailureTests {
    @Test("connection refused is a TransportError (CURLE_COULDNT_CONNECT)")
    func refused() async throws {
        try await withServer { server, client in
            let error = await #expect(throws: TransportError.self) {
                try await client.send(OutboundRequest(url: "http://127.0.0.1:\(server.closedPort)/"))
            }
            #expect(error?.curlCode == 7)
            #expect(error?.kind == .connectFailed)
        }
    }

    @Test("a listener that accepts but never answers times out after the request's timeout")
    func timeout() async throws {
        try await withServer { server, client in
            let clock = ContinuousClock()
            let started = clock.now
            let error = await #expect(throws: TransportError.self) {
                try await client.send(OutboundRequest(url: "http://127.0.0.1:\(server.hangPort)/", timeout: .milliseconds(400)))
            }
            let elapsed = clock.now - started
            #expect(error?.kind == .timeout)
            #expect(elapsed >= .milliseconds(380))
            // Far below the server's delay; generous because a loaded machine (CI) slows everything.
            #expect(elapsed < .seconds(10))
        }
    }

    @Test("cancelling the task aborts the transfer at once")
    func cancellation() async throws {
        try await withServer { server, client in
            let clock = ContinuousClock()
            let started = clock.now
            let base = server.base
            let task = Task {
                try await client.send(OutboundRequest(url: base + "/sleep?ms=30000"))
            }
            try await Task.sleep(for: .milliseconds(200))
            task.cancel()
            let result = await task.result
            let elapsed = clock.now - started
            #expect(throws: TransportError.self) { try result.get() }
            if case .failure(let error as TransportError) = result {
                #expect(error.kind == .cancelled)
            }
            // The transfer would take 30 s: ending far earlier shows the cancellation aborted it
            // (generous bound: a loaded machine slows everything).
            #expect(elapsed < .seconds(15))
            // The client still works afterwards.
            let after = try await client.send(OutboundRequest(url: server.base + "/status?code=204"))
            #expect(after.status == 204)
        }
    }

    @Test("a task cancelled before sending gets a cancellation error and sends nothing")
    func cancelledBeforeStart() async throws {
        try await withServer { server, client in
            let base = server.base
            let task = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                return try await client.send(OutboundRequest(url: base + "/echo"))
            }
            let result = await task.result
            if case .failure(let error as TransportError) = result {
                #expect(error.kind == .cancelled)
            } else {
                Issue.record("expected a cancellation error, got \(result)")
            }
        }
    }

    @Test("a body larger than the cap is refused (Content-Length known)")
    func sizeCapWithLength() async throws {
        try await withServer(client: CurlClient(maxResponseBytes: 100_000)) { server, client in
            let small = try await client.send(OutboundRequest(url: server.base + "/bytes?n=100000"))
            #expect(small.body.count == 100_000)
            let error = await #expect(throws: TransportError.self) {
                try await client.send(OutboundRequest(url: server.base + "/bytes?n=100001"))
            }
            #expect(error?.kind == .responseTooLarge)
            // HEAD announces a large Content-Length but carries no body: not over the cap.
            let head = try await client.send(OutboundRequest(method: "HEAD", url: server.base + "/bytes?n=500000"))
            #expect(head.status == 200)
            #expect(head.header("Content-Length") == "500000")
            #expect(head.body.isEmpty)
        }
    }

    @Test("a chunked body that grows past the cap is cut off")
    func sizeCapChunked() async throws {
        try await withServer(client: CurlClient(maxResponseBytes: 1 << 20)) { server, client in
            let error = await #expect(throws: TransportError.self) {
                try await client.send(OutboundRequest(url: server.base + "/chunked?n=\(16 << 20)"))
            }
            #expect(error?.kind == .responseTooLarge)
            let fits = try await client.send(OutboundRequest(url: server.base + "/chunked?n=\(1 << 20)"))
            #expect(fits.body.count == 1 << 20)
        }
    }

    @Test("shutdown fails requests in flight and refuses new ones")
    func shutdown() async throws {
        let server = try await TestServer.start()
        defer { server.stop() }
        let client = CurlClient()
        let base = server.base
        // Far longer than the pause before the shutdown can stretch on a loaded machine (a 3 s answer
        // once completed first): only the shutdown can end it.
        let inFlight = Task { try await client.send(OutboundRequest(url: base + "/sleep?ms=30000", timeout: .seconds(60))) }
        try await Task.sleep(for: .milliseconds(200))
        client.shutdown()
        if case .failure(let error as TransportError) = await inFlight.result {
            #expect(error.kind == .shutDown)
        } else {
            Issue.record("request in flight should fail on shutdown")
        }
        let error = await #expect(throws: TransportError.self) {
            try await client.send(OutboundRequest(url: server.base + "/echo"))
        }
        #expect(error?.kind == .shutDown)
        client.shutdown()   // idempotent
    }
}
