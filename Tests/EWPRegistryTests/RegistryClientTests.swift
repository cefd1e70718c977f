import Foundation
import Logging
import Testing
import EWPHTTP
import EWPStore
import EWPXML
@testable import EWPRegistry

/// RegistryClient against a real HTTP registry on 127.0.0.1 (Scripts/test_registry.py) and a real
/// SQLite store in a temp dir.
@Suite(.serialized) struct RegistryClientTests {
    /// Our own registry-catalogue.xsd, as the node validates with (the official one is compared with
    /// ours in EWPXMLTests).
    static let schema: XSDSchema? = try? XSDSchema(contentsOf: Paths.repoRoot + "/Schemas/registry-catalogue.xsd",
                                                   catalogPath: Paths.repoRoot + "/Schemas/catalog.xml")

    /// One test's world: a temp dir with the served catalogue file and the database, the server, a client.
    struct World {
        let dir: TempDirectory
        let server: TestRegistryServer
        let http: CurlClient
        let store: any Store
        let clock: TestClock

        init(catalogue: [UInt8]? = nil, maxAge: Int = 300) throws {
            dir = try TempDirectory()
            try dir.write(catalogue ?? CatalogueFixture.ownExample, to: "catalogue.xml")
            server = try TestRegistryServer(cataloguePath: dir.file("catalogue.xml"), maxAge: maxAge)
            http = CurlClient()
            store = try SQLiteStore(path: dir.file("node.sqlite"))
            clock = TestClock(Date(timeIntervalSince1970: 1_800_000_000))
        }

        func client(url: String? = nil, schema: XSDSchema? = RegistryClientTests.schema, store: (any Store)? = nil,
                    logger: Logger = Logger(label: "test.registry")) -> RegistryClient {
            let clock = self.clock
            return RegistryClient(url: url ?? server.url, refreshInterval: .seconds(300), http: http, store: store ?? self.store,
                                  schema: schema, logger: logger, fetchTimeout: .seconds(10),
                                  now: { clock.now() })
        }

        func replaceCatalogue(_ bytes: [UInt8]) throws { try dir.write(bytes, to: "catalogue.xml") }

        func close() {
            server.stop()
            http.shutdown()
            dir.remove()
        }
    }

    @Test func schemaLoads() { #expect(Self.schema != nil) }

    @Test func firstFetchInstallsAndPersists() async throws {
        let w = try World()
        defer { w.close() }
        let client = w.client()
        #expect(client.snapshot() == nil)
        #expect(client.status().ageSeconds == nil)

        #expect(try await client.refresh() == .updated)
        let s = try #require(client.snapshot())
        #expect(s.catalogue.hostCount == 2)
        #expect(s.catalogue.heis(coveredByClientKey: FixtureKeys.example.id) == ["uw.edu.pl"])
        #expect(s.etag?.hasPrefix("\"") == true)
        #expect(s.fetchedAt == w.clock.now())
        #expect(s.expiresAt == w.clock.now().addingTimeInterval(300))
        #expect(s.source == .registry)

        w.clock.advance(30)
        let st = client.status()
        #expect(st.ageSeconds == 30)
        #expect(st.hostCount == 2 && st.heiCount == 1 && st.keyCount == 1)
        #expect(st.lastError == nil)
        #expect(!st.isStale)
        #expect(st.nextAttempt == s.expiresAt)

        let blob = try #require(try await w.store.loadBlob(key: PersistedCatalogue.catalogueKey))
        #expect(blob.value == CatalogueFixture.ownExample)
        #expect(blob.metadata["etag"] == s.etag)
        #expect(blob.metadata["url"] == w.server.url)
        let stats = try await w.server.stats(http: w.http)
        #expect(stats.ok == 1)
        #expect(stats.lastIfNoneMatch == nil)
    }

    @Test func notModifiedExtendsWithoutReparsing() async throws {
        let w = try World()
        defer { w.close() }
        let client = w.client()
        #expect(try await client.refresh() == .updated)
        let first = try #require(client.snapshot())
        _ = first.catalogue.clientKey(keyId: FixtureKeys.example.id)        // decode one key
        w.clock.advance(400)
        #expect(client.status().isStale)

        #expect(try await client.refresh() == .notModified)
        let second = try #require(client.snapshot())
        #expect(second.catalogue.keys === first.catalogue.keys)              // same parsed catalogue
        #expect(second.catalogue.decodedKeyCount == 1)                       // decoded keys kept
        #expect(second.fetchedAt == w.clock.now())
        #expect(second.expiresAt == w.clock.now().addingTimeInterval(300))
        #expect(second.etag == first.etag)
        #expect(!client.status().isStale)
        let stats = try await w.server.stats(http: w.http)
        #expect(stats.notModified == 1)
        #expect(stats.lastIfNoneMatch == first.etag)

        // The revalidation is persisted too: a restarted node sees the extended freshness.
        let restarted = w.client()
        await restarted.loadPersisted()
        #expect(restarted.snapshot()?.fetchedAt == w.clock.now())
        #expect(restarted.snapshot()?.source == .persisted)
    }

    @Test func changedCatalogueIsReplaced() async throws {
        let w = try World()
        defer { w.close() }
        let client = w.client()
        #expect(try await client.refresh() == .updated)
        var f = CatalogueFixture()
        f.hosts = [.init(heis: ["a.edu"], clientKeys: [FixtureKeys.cavage.id]), .init(heis: ["b.edu"]), .init(heis: ["c.edu"])]
        f.binaries = [FixtureKeys.cavage]
        try w.replaceCatalogue(f.bytes)
        w.clock.advance(301)
        #expect(try await client.refresh() == .updated)
        #expect(client.snapshot()?.catalogue.hostCount == 3)
        #expect(client.snapshot()?.catalogue.heis(coveredByClientKey: FixtureKeys.cavage.id) == ["a.edu"])
    }

    @Test(arguments: ["invalid", "garbage", "fail"])
    func badAnswersKeepThePreviousCatalogue(mode: String) async throws {
        let w = try World()
        defer { w.close() }
        let client = w.client()
        #expect(try await client.refresh() == .updated)
        let before = try #require(client.snapshot())
        try await w.server.control("mode?mode=\(mode)", http: w.http)
        w.clock.advance(301)

        let outcome = try await client.refresh()
        guard case .failed(let reason) = outcome else { Issue.record("expected failure, got \(outcome)"); return }
        #expect(reason.contains(mode == "fail" ? "HTTP 503" : "catalogue rejected"))
        let after = try #require(client.snapshot())
        #expect(after.catalogue.keys === before.catalogue.keys)
        #expect(after.fetchedAt == before.fetchedAt)
        let st = client.status()
        #expect(st.lastError == reason)
        #expect(st.consecutiveFailures == 1)
        #expect(st.isStale)                       // served anyway
        #expect(st.ageSeconds == 301)
        #expect(st.nextAttempt == w.clock.now().addingTimeInterval(60))
        // The persisted copy is still the good one.
        let blob = try #require(try await w.store.loadBlob(key: PersistedCatalogue.catalogueKey))
        #expect(blob.value == CatalogueFixture.ownExample)
    }

    /// A first run whose registry cannot be reached tells the truth: there is nothing to keep.
    @Test func failureWithNoCatalogueYetSaysTheNodeCannotVerify() async throws {
        let w = try World()
        defer { w.close() }
        try await w.server.control("mode?mode=fail", http: w.http)
        let log = CapturedLog()
        let client = w.client(logger: log.logger)
        guard case .failed = try await client.refresh() else { Issue.record("expected a failure"); return }
        let line = try #require(log.all.first { $0.contains("refresh failed") })
        #expect(line.contains("no catalogue yet") && line.contains("cannot verify requests") && line.contains("EWP_REGISTRY_URL"), "\(line)")
        #expect(!line.contains("keeping the previous catalogue") && !line.contains("servingStale"), "\(line)")

        // Once a catalogue is held, a failure keeps it, and says whether it is past its lifetime.
        try await w.server.control("mode?mode=ok", http: w.http)
        #expect(try await client.refresh() == .updated)
        try await w.server.control("mode?mode=fail", http: w.http)
        w.clock.advance(301)
        _ = try await client.refresh()
        let kept = try #require(log.all.last { $0.contains("refresh failed") })
        #expect(kept.contains("keeping the previous catalogue") && kept.contains("servingStale=true"), "\(kept)")
    }

    @Test func schemaInvalidButParseableCatalogueIsRejected() async throws {
        // A <host> with an element the XSD does not allow: the parser would cope, the XSD must not.
        let bad = String(decoding: CatalogueFixture.ownExample, as: UTF8.self)
            .replacingOccurrences(of: "<institutions-covered>", with: "<bogus/><institutions-covered>")
        let w = try World(catalogue: Array(bad.utf8))
        defer { w.close() }
        #expect(try Catalogue.parse(Array(bad.utf8)).hostCount == 2)
        let client = w.client()
        guard case .failed(let reason) = try await client.refresh() else { Issue.record("accepted an invalid catalogue"); return }
        #expect(reason.contains("catalogue.xsd"))   // the node's message names the schema it checks against
        #expect(client.snapshot() == nil)
    }

    @Test func registryDownAtStartServesThePersistedCopy() async throws {
        let w = try World()
        defer { w.close() }
        #expect(try await w.client().refresh() == .updated)
        w.server.stop()

        w.clock.advance(60)
        let restarted = w.client()
        await restarted.loadPersisted()
        let s = try #require(restarted.snapshot())
        #expect(s.source == .persisted)
        #expect(s.catalogue.clientKey(keyId: FixtureKeys.example.id) != nil)
        #expect(restarted.status().ageSeconds == 60)
        #expect(restarted.status().nextAttempt == s.expiresAt)      // not before the copy expires

        guard case .failed = try await restarted.refresh() else { Issue.record("registry is down"); return }
        #expect(restarted.snapshot()?.catalogue.keys === s.catalogue.keys)
        #expect(restarted.status().lastError?.contains("unreachable") == true)
        #expect(!restarted.status().isBeyondStaleTolerance)
        w.clock.advance(RefreshPolicy.staleTolerance)
        #expect(restarted.status().isStale && restarted.status().isBeyondStaleTolerance)
        #expect(restarted.snapshot() != nil)                          // still served
    }

    @Test func persistedCopyOfAnotherRegistryIsIgnored() async throws {
        let w = try World()
        defer { w.close() }
        #expect(try await w.client().refresh() == .updated)
        let other = w.client(url: "http://127.0.0.1:1/other-catalogue.xml")
        await other.loadPersisted()
        #expect(other.snapshot() == nil)
    }

    @Test func unknownKeyRefreshIsRateLimited() async throws {
        let w = try World()
        defer { w.close() }
        let client = w.client()
        #expect(try await client.refresh() == .updated)

        w.clock.advance(10)
        #expect(await client.refreshForUnknownKey() == false)
        #expect(try await w.server.stats(http: w.http).requests == 1)      // no request at all

        w.clock.advance(60)
        #expect(await client.refreshForUnknownKey() == false)              // fetched: 304, nothing new
        #expect(try await w.server.stats(http: w.http).notModified == 1)

        var f = CatalogueFixture()
        f.hosts = [.init(heis: ["new.edu"], clientKeys: [FixtureKeys.cavage.id])]
        f.binaries = [FixtureKeys.cavage]
        try w.replaceCatalogue(f.bytes)
        w.clock.advance(30)
        #expect(await client.refreshForUnknownKey() == false)              // too soon again
        w.clock.advance(30)
        #expect(await client.refreshForUnknownKey() == true)
        #expect(client.snapshot()?.catalogue.heis(coveredByClientKey: FixtureKeys.cavage.id) == ["new.edu"])
    }

    @Test func concurrentRefreshesShareOneFetch() async throws {
        let w = try World()
        defer { w.close() }
        let client = w.client()
        try await w.server.control("delay?seconds=1.5", http: w.http)     // the three calls overlap
        async let a = client.refresh()
        async let b = client.refresh()
        async let c = client.refreshForUnknownKey()
        let outcomes = try await [a, b]
        _ = await c
        #expect(outcomes.allSatisfy { $0 == .updated })
        #expect(try await w.server.stats(http: w.http).requests == 1)
    }

    @Test func runFetchesAtOnceAndStopsWhenCancelled() async throws {
        let w = try World()
        defer { w.close() }
        let client = w.client()
        let task = Task { await client.run() }
        var waited = 0
        while client.snapshot() == nil, waited < 100 {
            try await Task.sleep(for: .milliseconds(100))
            waited += 1
        }
        #expect(client.snapshot() != nil)
        task.cancel()
        await task.value                                                    // returns: the loop honours cancellation
        #expect(try await w.server.stats(http: w.http).requests == 1)
    }
}
