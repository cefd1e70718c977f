// Three `ewp-node serve` processes on one throw-away PostgreSQL database behind nginx (plain HTTP on
// 127.0.0.1), driven by a fake partner: signed requests spread over the nodes and a replay refused by
// another node; 1,000 CNRs delivered once each while a node is killed with SIGKILL; a rolling restart
// with SIGTERM under a steady load, losing no request beyond those in flight and no change.
import EWPHTTP
import EWPSecurity
import EWPStore
import EWPStoreOpener
import EWPTestSupport
import Foundation
import HTTPTypes
import Synchronization
import Testing
#if canImport(Glibc)
import Glibc
#endif

private let nodeHEI = "node.test.example"
private let partnerHEI = "partner-cluster.test.example"
private let adminAuth: HTTPFields = [(name: "Authorization", value: "Bearer test-admin-token")]

/// The three nodes (a partner network on one PostgreSQL database) and nginx in front of them.
final class NodeCluster: Sendable {
    @TaskLocal static var current: NodeCluster?

    let net: PartnerNetwork
    let balancer: LoadBalancer
    /// The shared database, as the test reads it (queue rows and their leases).
    let store: any Store

    init(net: PartnerNetwork, balancer: LoadBalancer, store: any Store) {
        self.net = net
        self.balancer = balancer
        self.store = store
    }

    /// Whether the suite runs: PostgreSQL and nginx installed, or EWP_REQUIRE_POSTGRES=1 (CI), where
    /// a missing one fails the set-up instead. Otherwise prints why it is skipped.
    static let runs: Bool = {
        guard PostgresTestCluster.runs("the three-node cluster test") else { return false }
        if PostgresTestCluster.required || (try? E2EPaths.tool("nginx")) != nil { return true }
        print("◇ the three-node cluster test skipped: nginx is not installed (Debian's nginx-light, `make deps`)")
        return false
    }()

    /// An endpoint of the node HEI's manifest (as node 0 printed it), through nginx.
    func endpoint(api: String, element: String = "url") throws -> String {
        let url = try #require(net.node(0).manifest(hei: nodeHEI).url(api: api, element: element), "no \(api) \(element) in the manifest")
        try #require(url.hasPrefix(net.node(0).baseURL), "\(url) is not under node 0's \(net.node(0).baseURL)")
        return balancer.baseURL + url.dropFirst(net.node(0).baseURL.count)
    }

    /// The node that answered, by the port in nginx's `X-Upstream` (the last one tried).
    func servingNode(_ headers: HTTPFields) -> Int? {
        guard let upstream = headers.first(where: { $0.name.canonicalName == "x-upstream" })?.value,
              let port = upstream.split(separator: ",").last?.split(separator: ":").last.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) })
        else { return nil }
        return net.nodes.firstIndex { $0.port == port }
    }

    /// Imports `iias` through `url` (a node's or nginx's /admin/import); the status and the report.
    func importIIAs(_ iias: [String], url: String) async throws -> (status: Int, report: String) {
        let response = try await net.http.send(OutboundRequest(
            method: "POST", url: url, headers: adminAuth + [(name: "Content-Type", value: "application/xml")],
            body: IIADocuments.response(iias), timeout: .seconds(300)))
        return (response.status, String(decoding: response.body, as: UTF8.self))
    }

    /// The outbox rows of the partner.
    func outboxRows() async throws -> [QueueRow] {
        try await store.queueRows(.outbox, filter: QueueFilter(partnerHEI: partnerHEI, limit: 100_000))
    }

    /// Polls the outbox until every row of `ids` is delivered; the rows of `ids`.
    func waitDelivered(_ ids: Set<String>, timeout: Duration) async throws -> [QueueRow] {
        let deadline = ContinuousClock.now + timeout
        while true {
            let rows = try await outboxRows().filter { ids.contains($0.key.objectID) }
            let delivered = Set(rows.filter { $0.state == .delivered }.map(\.key.objectID))
            if delivered.count == ids.count { return rows }
            guard ContinuousClock.now < deadline else {
                throw E2EError("\(ids.count - delivered.count) of \(ids.count) CNRs not delivered within \(timeout); e.g. "
                               + "\(rows.filter { $0.state != .delivered }.prefix(5)), missing rows: \(ids.subtracting(rows.map(\.key.objectID)).sorted().prefix(5))")
            }
            try await Task.sleep(for: .milliseconds(500))
        }
    }

    /// The IIA CNRs the partner accepted (answered 200), counted per IIA id.
    func acceptedCNRs() async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for entry in try await net.partner(0).log(path: "/iia-cnr") where entry.status == 200 {
            for id in entry.values("iia_id") { counts[id, default: 0] += 1 }
        }
        return counts
    }

    /// Our IIA as `IIADocuments` writes it, with the partner of the cluster.
    static func iia(_ id: String) -> String {
        IIADocuments.iia(hei: nodeHEI, id: id, partner: partnerHEI,
                         conditions: IIADocuments.studies(from: nodeHEI, to: partnerHEI, years: ("2024/2025", "2026/2027")))
    }
}

/// Starts the cluster for the suite and always stops it.
struct NodeClusterTrait: SuiteTrait, TestScoping {
    func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        let balancerPort = try LoopbackPorts.free()
        // Generous for a loaded machine: a call may take 10 s, so a lease lasts 30 s (2 × call + 10).
        let net = try await PartnerNetwork.start(
            partners: [PartnerSpec(hei: partnerHEI, apis: ["iia-cnr"])], nodes: 3, heis: [nodeHEI], database: .postgres,
            nodeEnvironment: ["EWP_PUBLIC_URL": "http://127.0.0.1:\(balancerPort)", "EWP_ADMIN_TOKEN": "test-admin-token",
                              "EWP_CNR_RETRY_BASE": "1", "EWP_CALL_TIMEOUT": "10"])
        var balancer: LoadBalancer?
        do {
            let started = try LoadBalancer.start(port: balancerPort, upstreamPorts: net.nodes.map(\.port), in: net.directory)
            balancer = started
            try await waitUntilReady(url: started.baseURL + "/health/ready", process: started.process, http: net.http, timeout: .seconds(30))
            let cluster = NodeCluster(net: net, balancer: started, store: try await StoreOpener.open(net.node(0).environment["EWP_DATABASE"] ?? ""))
            try await NodeCluster.$current.withValue(cluster) { try await function() }
        } catch {
            print(net.logs() + "\n" + (balancer?.logs() ?? "(nginx not started)"))
            await balancer?.process.stop()
            for problem in await net.shutdown() { Issue.record(Comment(rawValue: problem)) }
            print("cluster files kept in \(net.directory)")
            throw error
        }
        await balancer?.process.stop()
        await net.finish()
    }
}

/// One request of the steady load: when it started and ended, and how it ended.
private struct LoadRecord: Sendable {
    var started: ContinuousClock.Instant
    var ended: ContinuousClock.Instant
    var what: String
    /// nil: answered as expected.
    var failure: String?
}

/// What the tasks of the rolling restart share.
private final class RollingRestartLog: Sendable {
    let running = Atomic<Bool>(true)
    let records = Mutex<[LoadRecord]>([])
    /// The IIAs whose import was answered 200.
    let storedChanges = Mutex<[String]>([])
    /// From each SIGTERM to the exit of the node it stopped.
    let stopping = Mutex<[ClosedRange<ContinuousClock.Instant>]>([])

    func record(_ record: LoadRecord) { records.withLock { $0.append(record) } }
    var isRunning: Bool { running.load(ordering: .relaxed) }
}

@Suite("Three node processes on one PostgreSQL behind nginx", .serialized,
       .enabled(if: NodeCluster.runs), NodeClusterTrait(), .timeLimit(.minutes(8)))
struct ClusterProcessTests {
    func cluster() throws -> NodeCluster {
        try #require(NodeCluster.current, "the cluster is not running (set-up failed?)")
    }

    @Test("Signed requests through nginx are served by all three nodes")
    func spread() async throws {
        let cluster = try cluster()
        let net = cluster.net
        let echo = try cluster.endpoint(api: "echo")
        var served = [Int](repeating: 0, count: 3)
        for i in 0..<30 {
            let answer = try await net.partnerSignedGET(partner: 0, url: echo, query: [("echo", "spread-\(i)")])
            #expect(answer.status == 200, "\(answer.bodyText)")
            if let node = cluster.servingNode(answer.headers) { served[node] += 1 }
        }
        #expect(served.allSatisfy { $0 > 0 } && served.reduce(0, +) == 30, "requests per node: \(served)")
        // nginx's access log names the node of every request too.
        let logged = cluster.balancer.accessLog().filter { $0.contains(" GET ") && $0.contains("/echo") }
        for node in net.nodes {
            #expect(logged.contains { $0.hasPrefix("127.0.0.1:\(node.port) ") }, "node \(node.index) is not in nginx's access log")
        }
    }

    @Test("A signed request accepted by one node, sent again through nginx, is refused by every node as a replay")
    func replayRefusedByAnotherNode() async throws {
        let cluster = try cluster()
        let net = cluster.net
        let echo = try cluster.endpoint(api: "echo")
        guard let components = URLComponents(string: echo), let port = components.port else { throw E2EError("not a URL: \(echo)") }
        let target = components.percentEncodedPath + "?echo=replayed"
        // The same signed request (same X-Request-Id, Date and signature) each time.
        let signed = RequestSigner(key: net.partner(0).clientKey).signedRequest(
            method: "GET", host: "127.0.0.1:\(port)", target: target, headers: [], body: [], now: Date())
        let request = OutboundRequest(method: "GET", url: cluster.balancer.baseURL + target, headers: signed.headers, timeout: .seconds(15))
        let first = try await net.http.send(request)
        #expect(first.status == 200, "\(String(decoding: first.body, as: UTF8.self))")
        let acceptedBy = try #require(cluster.servingNode(first.headers))
        // nginx hands consecutive requests to the nodes in turn: four copies reach every node.
        var reached = Set<Int>()
        var answers: [String] = []
        for _ in 0..<4 {
            let replay = try await net.http.send(request)
            let node = cluster.servingNode(replay.headers)
            if let node { reached.insert(node) }
            answers.append("node \(node.map(String.init) ?? "?"): \(replay.status) \(String(decoding: replay.body.prefix(300), as: UTF8.self))")
        }
        #expect(reached.contains { $0 != acceptedBy }, "no copy reached a node other than node \(acceptedBy): \(answers)")
        // The replay window is shared through the database: a node that kept its own would accept it.
        #expect(answers.allSatisfy { $0.contains(": 400 ") && $0.contains("already used") }, "a copy was not refused as a replay: \(answers)")
    }

    @Test("1,000 IIAs imported through one node: each CNR delivered once, a node killed with SIGKILL mid-delivery; duplicates only of rows the killed node held")
    func thousandCNRsThroughAKill() async throws {
        let cluster = try cluster()
        let net = cluster.net
        try await net.partner(0).reset()
        // Each answer a little late, so that a delivering node always holds leased rows in flight.
        try await net.partner(0).script(path: "/iia-cnr", responses: Array(repeating: "sleep:0.2", count: 1000))
        let ids = (1...1000).map { String(format: "CL-%04d", $0) }
        let imported = try await cluster.importIIAs(ids.map { NodeCluster.iia($0) }, url: net.node(0).baseURL + "/admin/import")
        #expect(imported.status == 200 && imported.report.contains("1000 created"), "\(imported.report)")

        // Kill a node while it holds leases: once a good part of the CNRs is through, node 1 or 2,
        // whichever holds more rows that are still pending. On a loaded machine the chosen node can
        // finish its batch between the choice and the kill; then it is restarted and another try made.
        func owner(_ node: NodeHandle) -> String { "-\(node.process.pid)-" }
        var killed: NodeHandle?
        var heldByKilled = Set<String>()
        var acceptedAtKill = 0
        for _ in 1...3 where heldByKilled.isEmpty {
            var victim: NodeHandle?
            let deadline = ContinuousClock.now + .seconds(180)
            while victim == nil {
                let accepted = try await cluster.acceptedCNRs().count
                if accepted >= 100 {
                    let leased = try await cluster.outboxRows().filter { $0.state == .pending }.compactMap(\.leaseOwner)
                    let holding = [net.node(1), net.node(2)].map { node in (node, leased.filter { $0.contains(owner(node)) }.count) }
                    victim = holding.filter { $0.1 > 0 }.max { $0.1 < $1.1 }?.0
                }
                guard victim == nil else { break }
                guard ContinuousClock.now < deadline else { throw E2EError("no node other than the importer held a lease within 180 s") }
                try await Task.sleep(for: .milliseconds(100))
            }
            let node = try #require(victim)
            let killedOwner = owner(node)
            await node.process.stop(signal: SIGKILL)
            // What the killed node held when it died: pending rows still leased to it. Nobody else may
            // claim them before the lease runs out (30 s), and a dead process changes nothing, so this
            // read, right after the kill, is exact. Only these may reach the partner twice (sent by the
            // dead node, answered, never recorded); every other row is sent once.
            heldByKilled = Set(try await cluster.outboxRows()
                .filter { $0.state == .pending && $0.leaseOwner?.contains(killedOwner) == true }.map(\.key.objectID))
            acceptedAtKill = try await cluster.acceptedCNRs().values.reduce(0, +)
            killed = node
            try await net.restartNode(node.index)
        }
        let killedIndex = try #require(killed).index

        let rows = try await cluster.waitDelivered(Set(ids), timeout: .seconds(240))
        #expect(rows.count == ids.count, "one row per IIA: \(rows.count)")
        let accepted = try await cluster.acceptedCNRs()
        let missing = ids.filter { accepted[$0] == nil }
        #expect(missing.isEmpty, "never reached the partner: \(missing.prefix(10))")
        let duplicated = accepted.filter { $0.value > 1 }
        let duplicates = duplicated.values.reduce(0) { $0 + $1 - 1 }
        let foreign = duplicated.keys.filter { !heldByKilled.contains($0) }.sorted()
        print("cluster CNRs: \(ids.count) rows, node \(killedIndex) killed after \(acceptedAtKill) accepted while holding \(heldByKilled.count) rows; "
              + "\(duplicates) duplicate(s) at the partner")
        #expect(!heldByKilled.isEmpty, "node \(killedIndex) held no lease when it was killed (3 tries): not killed mid-delivery")
        #expect(foreign.isEmpty, "sent twice though the killed node did not hold them: \(foreign.prefix(10))")
        #expect(duplicates <= heldByKilled.count)
        #expect(duplicated.values.allSatisfy { $0 == 2 }, "a row sent more than twice: \(duplicated.filter { $0.value > 2 })")
    }

    @Test("Rolling restart of the three with SIGTERM under a steady load: no request fails but those in flight to the node stopping, no change lost")
    func rollingRestartUnderLoad() async throws {
        let cluster = try cluster()
        let net = cluster.net
        try await net.partner(0).reset()
        let seed = (1...20).map { "RR-SEED-\($0)" }
        let seeded = try await cluster.importIIAs(seed.map { NodeCluster.iia($0) }, url: cluster.balancer.baseURL + "/admin/import")
        #expect(seeded.status == 200, "\(seeded.report)")
        let getURL = try cluster.endpoint(api: "iias", element: "get-url")
        let importURL = cluster.balancer.baseURL + "/admin/import"

        let log = RollingRestartLog()
        let readers = 2
        try await withThrowingTaskGroup(of: Void.self) { group in
            // Readers: partner-signed IIA gets through nginx, each must answer 200 with the IIA.
            for reader in 0..<readers {
                group.addTask {
                    var n = 0
                    while log.isRunning {
                        n += 1
                        let id = seed[(n + reader) % seed.count]
                        let started = ContinuousClock.now
                        var failure: String?
                        do {
                            let answer = try await net.partnerSignedGET(partner: 0, url: getURL, query: [("iia_id", id)])
                            if answer.status != 200 || !answer.bodyText.contains("<iia-id>\(id)</iia-id>") {
                                failure = "HTTP \(answer.status) from node \(cluster.servingNode(answer.headers).map(String.init) ?? "?"): \(answer.bodyText.prefix(300))"
                            }
                        } catch {
                            failure = "\(error)"
                        }
                        log.record(LoadRecord(started: started, ended: .now, what: "get \(id)", failure: failure))
                    }
                }
            }
            // A writer: a new IIA imported through nginx every 300 ms; each one stored is a change
            // that must be served and notified afterwards.
            group.addTask {
                var n = 0
                while log.isRunning {
                    n += 1
                    let id = "RR-\(n)"
                    let started = ContinuousClock.now
                    var failure: String?
                    do {
                        let answer = try await cluster.importIIAs([NodeCluster.iia(id)], url: importURL)
                        if answer.status == 200 { log.storedChanges.withLock { $0.append(id) } } else { failure = "HTTP \(answer.status): \(answer.report.prefix(300))" }
                    } catch {
                        failure = "\(error)"
                    }
                    log.record(LoadRecord(started: started, ended: .now, what: "import \(id)", failure: failure))
                    try? await Task.sleep(for: .milliseconds(300))
                }
            }
            // The rolling restart: each node in turn drains on SIGTERM (exit 0), starts again and
            // is ready before the next one stops.
            group.addTask {
                defer { log.running.store(false, ordering: .relaxed) }
                for node in net.nodes {
                    try await Task.sleep(for: .seconds(3))
                    let signalled = ContinuousClock.now
                    let status = await node.process.stop(signal: SIGTERM, timeout: .seconds(60))
                    log.stopping.withLock { $0.append(signalled...ContinuousClock.now) }
                    #expect(status == 0, "node \(node.index) exited with \(status.map(String.init) ?? "SIGKILL after 60 s") on SIGTERM")
                    try await net.restartNode(node.index)
                }
                try await Task.sleep(for: .seconds(3))
            }
            try await group.waitForAll()
        }

        let all = log.records.withLock { $0 }
        let stops = log.stopping.withLock { $0 }
        let failed = all.filter { $0.failure != nil }
        // In flight to a node being stopped: the request overlaps the time from a SIGTERM to that
        // node's exit (nginx may have sent it to the draining node). At most `readers + 1` at a time.
        let inFlightAtStop = failed.filter { record in stops.contains { $0.overlaps(record.started...record.ended) } }
        print("rolling restart: \(all.count) requests, \(failed.count) failed, \(inFlightAtStop.count) of them in flight while a node stopped; "
              + "stops took \(stops.map { $0.lowerBound.duration(to: $0.upperBound) })")
        #expect(all.count > 30, "too little load to say anything: \(all.count) requests")
        #expect(failed.count == inFlightAtStop.count,
                "failed though not in flight while a node stopped: \(failed.filter { r in !inFlightAtStop.contains { $0.started == r.started && $0.what == r.what } }.map { "\($0.what): \($0.failure ?? "")" })")
        #expect(failed.count <= stops.count * (readers + 1), "\(failed.map { "\($0.what): \($0.failure ?? "")" })")

        // No change lost: every import answered 200 is served (through nginx) and notified.
        let stored = log.storedChanges.withLock { $0 }
        #expect(!stored.isEmpty)
        for chunk in stride(from: 0, to: stored.count, by: 20).map({ Array(stored[$0..<min($0 + 20, stored.count)]) }) {
            let answer = try await net.partnerSignedGET(partner: 0, url: getURL, query: chunk.map { ("iia_id", $0) })
            #expect(answer.status == 200)
            for id in chunk { #expect(answer.bodyText.contains("<iia-id>\(id)</iia-id>"), "stored change \(id) is not served") }
        }
        _ = try await cluster.waitDelivered(Set(stored), timeout: .seconds(120))
        let accepted = try await cluster.acceptedCNRs()
        #expect(stored.allSatisfy { accepted[$0] != nil }, "CNRs never accepted: \(stored.filter { accepted[$0] == nil })")
    }
}
