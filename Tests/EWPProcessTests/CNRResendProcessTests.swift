// A resend never looks like a replay. A partner that reads a CNR and drops the
// connection (on a connection the node reused, where libcurl would resend the very same signed
// request by itself) sees every attempt with a fresh X-Request-Id, and the CNR is delivered.
import EWPClient
import EWPHTTP
import Foundation
import Testing

extension CNRDeliveryProcessTests {
    @Test("The partner drops a reused connection after reading the CNR: the resend is signed anew and the CNR delivered")
    func resendSignedAnew() async throws {
        let net = try requirePartnerNetwork()
        let partner = net.partner(0)
        try await partner.reset()
        // A first CNR leaves a kept-alive connection in the node's pool; the next CNR goes out on it.
        try await queue(net, ["iia-warm-1"])
        _ = try await waitForRow(net, object: "iia-warm-1") { $0.state == .delivered }
        try await partner.script(path: "/iia-cnr", responses: ["close"])
        try await queue(net, ["iia-resend-1"])
        let row = try await waitForRow(net, object: "iia-resend-1") { $0.state != .pending || $0.attempts > 0 }
        let log = try await partner.log(path: "/iia-cnr").filter { $0.values("iia_id") == ["iia-resend-1"] }
        #expect(row.state == .delivered, "row \(row.state): \(row.lastError ?? "-"); partner saw \(log)")
        #expect(row.attempts == 1, "the node's client resends by itself, within one queue attempt")
        #expect(log.count == 2, "\(log)")
        #expect(log.first?.action == "close")
        #expect(log.last?.status == 200)
        let ids = log.compactMap(\.requestId)
        #expect(ids.count == log.count && Set(ids).count == ids.count, "X-Request-Ids reused: \(ids)")
    }

    @Test("A replay refusal right after a lost connection is retried (fresh X-Request-Id), then counts as a transport failure")
    func replayAfterLostConnection() async throws {
        let net = try requirePartnerNetwork()
        let partner = net.partner(0)
        try await partner.reset()
        let client = try net.nodeClient()
        let url = partner.url("/iia-cnr")

        try await partner.script(path: "/iia-cnr", responses: ["close", "replay"])
        let result = try await client.postForm(url, parameters: [("iia_id", "iia-replay-1")], keys: net.catalogueKeys)
        #expect(result.status == 200)
        var log = try await partner.log(path: "/iia-cnr")
        #expect(log.map(\.action) == ["close", "replay", nil], "\(log)")
        #expect(Set(log.compactMap(\.requestId)).count == 3, "\(log.map(\.requestId))")

        try await partner.reset()
        try await partner.script(path: "/iia-cnr", responses: ["close", "replay", "replay"])
        do {
            _ = try await client.postForm(url, parameters: [("iia_id", "iia-replay-2")], keys: net.catalogueKeys)
            Issue.record("a third replay refusal was accepted")
        } catch let error as EWPClientError {
            #expect(error.isRetryable, "\(error)")
            guard case .transport(_, let transport) = error else { Issue.record("got \(error)"); return }
            #expect(transport.kind == .connectionLost)
            #expect(error.description.contains("replay"), "\(error)")
        }
        log = try await partner.log(path: "/iia-cnr")
        #expect(log.count == EWPClient.attemptsOnLostConnection, "\(log)")
        #expect(Set(log.compactMap(\.requestId)).count == log.count)

        // A replay refusal without a lost connection before it stays a refusal (our request is wrong).
        try await partner.reset()
        try await partner.script(path: "/iia-cnr", responses: ["replay"])
        do {
            _ = try await client.postForm(url, parameters: [("iia_id", "iia-replay-3")], keys: net.catalogueKeys)
            Issue.record("the replay refusal was accepted")
        } catch let error as EWPClientError {
            guard case .httpStatus(_, 400, _, _) = error else { Issue.record("got \(error)"); return }
        }
        #expect(try await partner.log(path: "/iia-cnr").count == 1)
    }
}
