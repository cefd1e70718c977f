import EWPAPIs
import EWPCore
import EWPHTTP
import EWPNotifications
import EWPRegistry
import EWPStore
import EWPTestSupport
import EWPXML
import Foundation
import Logging
import Testing
@testable import EWPOperations

/// The queue operations the CLI (`ewp-node cnr`, `sync`, `iia approve`) and the admin API
/// (`/admin/cnr...`, `/admin/sync`) share, on a real SQLite file: which rows each state name
/// lists, what retry and drop do and refuse, and working one partner's rows now.
@Suite("NodeOperations: queues")
struct NodeOperationsQueueTests {
    static let hei = "a.example"
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    final class Fixture: Sendable {
        let directory: URL
        let operations: NodeOperations

        init(lifetime: TimeInterval = 3600) throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("ewp-ops-\(UUID())")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let store = try SQLiteStore(path: directory.appendingPathComponent("node.sqlite").path)
            var logger = Logger(label: "test")
            logger.logLevel = .critical
            var policy = NotificationSettings()
            policy.lifetime = lifetime
            let registry = RegistryClient(url: "http://127.0.0.1:9/catalogue", refreshInterval: .seconds(3600), http: CurlClient(), store: store,
                                          schema: nil, logger: logger, urlPolicy: .loopbackHTTPAllowed)
            let partners = PartnerDirectory(registry: registry, clients: [:])
            let clock: @Sendable () -> Date = { NodeOperationsQueueTests.t0 }
            operations = NodeOperations(
                store: store, registry: registry, registryURL: "http://127.0.0.1:9/catalogue", coveredHEIs: [HEIID(NodeOperationsQueueTests.hei)],
                coveredKeys: [],
                notifications: .init(partners: partners,
                                     dispatcher: OutboxDispatcher(store: store, partners: partners, cnrs: CNRAPIList.all, settings: policy, owner: "test", logger: logger, now: clock),
                                     puller: InboundPuller(store: store, partners: partners, apis: PulledAPIList.all, cnrs: CNRAPIList.all, settings: policy, owner: "test",
                                                           logger: logger, now: clock),
                                     indexSync: IndexSync(store: store, partners: partners, apis: PulledAPIList.all, cnrs: CNRAPIList.all, settings: policy, logger: logger, now: clock)),
                schemas: SchemaCache(directory: RepositoryPaths.schemas), policy: policy, describedOUnits: [:],
                adminEmail: "ewp@a.example", logger: logger, now: clock)
        }

        deinit { try? FileManager.default.removeItem(at: directory) }

        var store: any Store { operations.store }

        /// Queues a row for `partner` and, unless `outcome` is nil, ends one attempt with it.
        @discardableResult
        func row(_ queue: EWPStore.NotificationQueue, partner: String, object: String, _ outcome: QueueOutcome?) async throws -> Int64 {
            let key = NotificationKey(api: "iia-cnr", localHEI: NodeOperationsQueueTests.hei, partnerHEI: partner, objectID: object)
            try await store.enqueue(queue, [key], now: t0, expiresAt: t0.addingTimeInterval(3600))
            let id = try #require(try await store.queueRows(queue, filter: QueueFilter()).first { $0.key == key }?.id)
            if let outcome {
                let claimed = try await store.claim(queue, owner: "w", now: t0, lease: 60, limit: 100, excludingPartners: [])
                #expect(claimed.contains { $0.id == id })
                #expect(try await store.finish(queue, id: id, owner: "w", outcome: outcome, now: t0))
                // Release whatever else was claimed, untouched.
                for other in claimed where other.id != id {
                    _ = try await store.finish(queue, id: other.id, owner: "w", outcome: .release(at: t0), now: t0)
                }
            }
            return id
        }
        let t0 = NodeOperationsQueueTests.t0
    }

    @Test("state names: every stored state, retrying; nothing else")
    func stateNames() {
        #expect(QueueStateName(rawValue: "retrying") == .retrying)
        #expect(QueueStateName(rawValue: "dead") == .stored(.dead))
        #expect(QueueStateName(rawValue: "pending") == .stored(.pending))
        #expect(QueueStateName(rawValue: "Retrying") == nil && QueueStateName(rawValue: "") == nil)
        #expect(QueueStateName.names.count == QueueState.allCases.count + 1)
        #expect(QueueStateName.name(.pending, retrying: true) == "retrying")
        #expect(QueueStateName.name(.pending, retrying: false) == "pending")
        #expect(QueueStateName.name(.dead, retrying: true) == "dead")
    }

    @Test("pending lists fresh and retrying rows; retrying only those that failed before; with dead, no fresh row")
    func listsByState() async throws {
        let fixture = try Fixture()
        let fresh = try await fixture.row(.outbox, partner: "b.example", object: "fresh", nil)
        let retrying = try await fixture.row(.outbox, partner: "b.example", object: "retrying", .retry(at: Self.t0, error: "down"))
        let dead = try await fixture.row(.outbox, partner: "c.example", object: "dead", .finished(.dead, error: "gone"))
        let ops = fixture.operations
        #expect(Set(try await ops.queueRows(.outbox, states: [.stored(.pending)]).map(\.id)) == [fresh, retrying])
        #expect(try await ops.queueRows(.outbox, states: [.retrying]).map(\.id) == [retrying])
        #expect(Set(try await ops.queueRows(.outbox, states: [.retrying, .stored(.dead)]).map(\.id)) == [retrying, dead])
        #expect(Set(try await ops.queueRows(.outbox).map(\.id)) == [fresh, retrying, dead])
        #expect(try await ops.queueRows(.outbox, partner: "c.example").map(\.id) == [dead])
        #expect(try await ops.queueRows(.inbound).isEmpty)
        let shown = try #require(try await ops.queueRows(.outbox, states: [.retrying]).first)
        #expect(QueueRowFormat.stateName(shown) == "retrying")
    }

    @Test("retry: a dead row is pending again, living the policy's lifetime from now; an unknown row is nil")
    func retry() async throws {
        let fixture = try Fixture(lifetime: 7200)
        let dead = try await fixture.row(.outbox, partner: "b.example", object: "dead", .finished(.dead, error: "gone"))
        let row = try #require(try await fixture.operations.changeRow(.outbox, id: dead, .retry))
        #expect(row.state == .pending)
        #expect(row.expiresAt == Self.t0.addingTimeInterval(7200))
        #expect(try await fixture.operations.changeRow(.outbox, id: dead + 100, .retry) == nil)
        #expect(try await fixture.operations.changeRow(.inbound, id: dead, .retry) == nil)
    }

    @Test("drop: an undelivered row is dropped; a delivered or unknown one is nil and stays as it was")
    func drop() async throws {
        let fixture = try Fixture()
        let pending = try await fixture.row(.outbox, partner: "b.example", object: "p", nil)
        let delivered = try await fixture.row(.outbox, partner: "b.example", object: "d", .delivered)
        #expect(try await fixture.operations.changeRow(.outbox, id: pending, .drop)?.state == .dropped)
        #expect(try await fixture.operations.changeRow(.outbox, id: delivered, .drop) == nil)
        #expect(try await fixture.store.queueRow(.outbox, id: delivered)?.state == .delivered)
        #expect(try await fixture.operations.changeRow(.outbox, id: delivered + 100, .drop) == nil)
    }

    @Test("working a queue for one partner counts only that partner's rows still waiting for a first attempt")
    func workQueue() async throws {
        let fixture = try Fixture()
        try await fixture.row(.inbound, partner: "c.example", object: "other", nil)
        #expect(try await fixture.operations.workQueue(.inbound, partner: "nobody.example", deadline: Self.t0.addingTimeInterval(-1)) == 0)
        let waiting = try await fixture.operations.workQueue(.inbound, partner: "c.example", deadline: Self.t0.addingTimeInterval(-1))
        let stored = try await fixture.store.queueRows(.inbound, filter: QueueFilter(states: [.pending], partnerHEI: "c.example"))
        #expect(waiting == stored.filter { $0.attempts == 0 }.count)
        #expect(try await fixture.operations.workQueue(.outbox, partner: "c.example", deadline: Self.t0.addingTimeInterval(-1)) == 0)
    }

    @Test("sync sources: all indexed APIs, the one named, nil for an API without an index or unknown")
    func syncSources() {
        #expect(NodeOperations.syncSources(nil) == PullSource.indexed)
        #expect(NodeOperations.syncSources("iias") == [.iias])
        #expect(NodeOperations.syncSources("iias-approval") == nil)
        #expect(NodeOperations.syncSources("nope") == nil)
    }

    @Test("covered HEIs: the one named when covered, all or the only one otherwise")
    func coveredHEIs() throws {
        let fixture = try Fixture()
        #expect(try fixture.operations.coveredHEIs(nil) == [HEIID(Self.hei)])
        #expect(try fixture.operations.coveredHEI(nil) == HEIID(Self.hei))
        #expect(throws: CoveredHEIChoice.self) { try fixture.operations.coveredHEIs("x.example") }
    }

    @Test("a document imported through the façade queues its CNR with the façade's policy lifetime; no catalogue, no registry summary")
    func importUsesThePolicy() async throws {
        let fixture = try Fixture(lifetime: 5000)
        var documents = fixture.operations.documentImport()
        let document = LADocuments.response([LADocuments.la("m-1", sending: Self.hei, receiving: "b.example", stage: .signedFirstVersion)])
        let outcome = await documents.importDocument(Array(document.utf8), now: Self.t0)
        #expect(!outcome.refused, "\(outcome.lines)")
        let rows = try await fixture.store.queueRows(.outbox, filter: QueueFilter())
        #expect(rows.map(\.key.partnerHEI) == ["b.example"])
        #expect(rows.first?.expiresAt == Self.t0.addingTimeInterval(5000))
        #expect(fixture.operations.registrySummary() == nil)
    }
}
