import EWPConsole
import EWPNodeTestSupport
import EWPStore
import Foundation
import Testing

/// The operator's network pages: health, partners with the last sync and queue counts, a partner's
/// queue rows with retry and drop (audited, CSRF-checked), and that no HEI account reaches them.
@Suite("Console: network (operator)")
struct NetworkPagesTests {
    static func node() async throws -> (ConsoleTestNode, Int64) {
        let node = try await ConsoleTestNode()
        let now = Date()
        let key = NotificationKey(api: "iia-cnr", localHEI: "a.example", partnerHEI: "p.example", objectID: "IIA-7")
        try await node.store.enqueue(.outbox, [key], now: now, expiresAt: now.addingTimeInterval(3600))
        let id = try #require(try await node.store.queueRows(.outbox, filter: QueueFilter()).first?.id)
        try await node.store.saveSyncState(SyncState(api: "iias", localHEI: "a.example", partnerHEI: "p.example",
                                                     lastAttemptAt: now, lastError: "HTTP 503 from the partner"))
        try await node.createOperator(email: "ops@example.org")
        try await node.createMain(hei: "a.example", email: "main@a.example")
        return (node, id)
    }

    @Test("the network page: health, the partners (search, last sync error, waiting rows)")
    func overview() async throws {
        let (node, _) = try await Self.node()
        let browser = try await node.signedIn("ops@example.org")
        let page = try await browser.get("/console/network")
        #expect(page.status == 200)
        #expect(page.text.contains("<h1>Network</h1>") && page.text.contains("Database") && page.text.contains("outbox queue"))
        #expect(page.text.contains("none yet: the node has not fetched one"), "no catalogue in this test")
        #expect(page.text.contains("p.example") && page.text.contains("HTTP 503 from the partner") && page.text.contains("1 partner(s)"))
        #expect(page.text.contains(#"href="/console/network""#))
        let none = try await browser.get("/console/network?q=nobody")
        #expect(none.text.contains("No partner matches"))
    }

    @Test("a partner's rows: drop is audited and redirects back; an unknown row or partner is a 404; no CSRF, no change")
    func retryAndDrop() async throws {
        let (node, id) = try await Self.node()
        let browser = try await node.signedIn("ops@example.org")
        let partner = try await browser.get("/console/network/partners/p.example")
        #expect(partner.status == 200 && partner.text.contains("IIA-7") && partner.text.contains("HTTP 503 from the partner"))
        #expect(partner.text.contains(#"action="/console/network/queues/outbox/\#(id)/drop""#))

        let forged = try await browser.post("/console/network/queues/outbox/\(id)/drop", csrf: "not-the-token-not-the-token-not-the-token")
        #expect(forged.status == 403)
        #expect(try await node.store.queueRow(.outbox, id: id)?.state == .pending)

        let dropped = try await browser.post("/console/network/queues/outbox/\(id)/drop")
        #expect(dropped.status == 303 && dropped.location == "/console/network/partners/p.example")
        #expect(try await node.store.queueRow(.outbox, id: id)?.state == .dropped)
        let audit = try await node.store.auditEntries(heiID: nil, limit: 10, offset: 0)
        #expect(audit.first?.action == "drop notification" && audit.first?.accountEmail == "ops@example.org")
        #expect(audit.first?.object == "outbox row \(id)" && audit.first?.detail.contains("IIA-7") == true)

        _ = try await browser.get("/console/network/partners/p.example")
        #expect(try await browser.post("/console/network/queues/outbox/\(id + 1000)/drop").status == 404)
        let retried = try await browser.post("/console/network/queues/outbox/\(id)/retry")
        #expect(retried.status == 303)
        #expect(try await node.store.queueRow(.outbox, id: id)?.state == .pending)
        #expect(try await browser.post("/console/network/queues/inbound/999/retry").status == 404)
        #expect(try await browser.post("/console/network/queues/nowhere/1/retry").status == 404)
        #expect(try await browser.get("/console/network/partners/unknown.example").status == 404)
    }

    @Test("a main account is refused the operator's pages and cannot drop a row")
    func hEIAccountsRefused() async throws {
        let (node, id) = try await Self.node()
        let main = try await node.signedIn("main@a.example")
        #expect(try await main.get("/console/network").status == 403)
        _ = try await main.get("/console/")
        #expect(try await main.post("/console/network/queues/outbox/\(id)/drop").status == 403)
        #expect(try await node.store.queueRow(.outbox, id: id)?.state == .pending)
        let home = try await main.get("/console/")
        #expect(!home.text.contains(#"href="/console/network""#))
    }
}
