import EWPStore
@testable import EWPStorePostgres
import EWPTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The PostgreSQL store's health check and pool counters, for `/health/ready` and `/metrics`.
@Suite("PostgresStore: bounded health check, pool counters", .enabled(if: StoreEngine.all.contains(.postgres)))
struct PostgresHealthTests {
    @Test("a database that stops answering (its server process stopped): healthCheck fails as unavailable within seconds, and works again after")
    func healthCheckBounded() async throws {
        var configuration = try StoreFixture.newPostgresDatabase()
        configuration.poolSize = 1
        let store = try await PostgresStore(configuration, timeout: StoreFixture.postgresOpenTimeout)
        defer { store.close() }
        try await store.healthCheck()
        // The pool's one connection, and the server process behind it.
        let backend = try await store.read("backend pid") { connection in
            try await PostgresStore.rows(connection, "SELECT pg_backend_pid() AS pid", [], store.logger).first?["pid"].decode(Int32.self)
        }
        let pid = try #require(backend)
        #expect(kill(pid, SIGSTOP) == 0)
        let started = ContinuousClock.now
        let error = await #expect(throws: StoreError.self) { try await store.healthCheck() }
        let took = ContinuousClock.now - started
        #expect(kill(pid, SIGCONT) == 0)
        #expect(error?.code == .unavailable, "\(String(describing: error))")
        #expect(error?.message.contains("health check") == true, "\(String(describing: error))")
        #expect(took >= PostgresStore.healthCheckTimeout && took < .seconds(20), "took \(took)")
        // The stopped query ends once the server runs again; the store answers again.
        let deadline = ContinuousClock.now + .seconds(60)
        while (try? await store.healthCheck()) == nil {
            guard ContinuousClock.now < deadline else { Issue.record("the store never answered again"); return }
            try await Task.sleep(for: .milliseconds(200))
        }
    }

    @Test("the pool counters: every store call is one lease, none in use or waiting after, the maximum is the pool size")
    func poolCounters() async throws {
        var configuration = try StoreFixture.newPostgresDatabase()
        configuration.poolSize = 2
        let store = try await PostgresStore(configuration, timeout: StoreFixture.postgresOpenTimeout)
        defer { store.close() }
        let before = store.poolStatistics
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<10 { group.addTask { try await store.saveBlob(key: "k\(i)", value: [1], metadata: [:]) } }
            try await group.waitForAll()
        }
        let after = store.poolStatistics
        #expect(after.leases - before.leases == 10)
        #expect(after.inUse == 0 && after.waiting == 0)
        #expect(after.maximum == 2)
        #expect(after.leaseWaitSeconds >= before.leaseWaitSeconds)
    }
}
