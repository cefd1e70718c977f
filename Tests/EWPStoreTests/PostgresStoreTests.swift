import EWPStore
import EWPStorePostgres
import EWPTestSupport
import Foundation
import Testing

/// Where PostgreSQL differs from SQLite: several processes migrating one new database, the pool,
/// TLS and a database that is gone. The behaviour both engines share is in the other suites, which
/// run on both (`StoreEngine`).
@Suite("PostgresStore: migrations, connections and health", .enabled(if: StoreEngine.all.contains(.postgres)))
struct PostgresStoreTests {
    static let migrations = ["v1-blobs", "v2-notification-queue", "v3-partner-copies", "v4-sync-states", "v5-own-objects", "v6-seen-request-ids", "v7-console"]

    @Test("migrations are applied once and reopening applies nothing new")
    func migrationsIdempotent() async throws {
        let configuration = try StoreFixture.newPostgresDatabase()
        let first = try await PostgresStore(configuration, timeout: StoreFixture.postgresOpenTimeout)
        #expect(try await first.appliedMigrations() == Self.migrations)
        try await first.saveBlob(key: "k", value: [1], metadata: [:])
        first.close()
        for _ in 0..<3 {
            let again = try await PostgresStore(configuration, timeout: StoreFixture.postgresOpenTimeout)
            #expect(try await again.appliedMigrations() == Self.migrations)
            #expect(try await again.loadBlob(key: "k")?.value == [1])
            again.close()
        }
    }

    @Test("8 stores opened at the same moment on a new database: the migrations apply once (advisory lock), every store works")
    func concurrentMigrations() async throws {
        let configuration = try StoreFixture.newPostgresDatabase()
        let stores = try await withThrowingTaskGroup(of: PostgresStore.self) { group in
            for _ in 0..<8 { group.addTask { try await PostgresStore(configuration, timeout: StoreFixture.postgresOpenTimeout) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        for (index, store) in stores.enumerated() {
            #expect(try await store.appliedMigrations() == Self.migrations)
            try await store.saveBlob(key: "k\(index)", value: [UInt8(index)], metadata: [:])
        }
        #expect(try await stores[0].loadBlob(key: "k7")?.value == [7])
    }

    @Test("a pool of 2 connections serves 40 concurrent calls (they wait for a connection, none fails)")
    func smallPool() async throws {
        var configuration = try StoreFixture.newPostgresDatabase()
        configuration.poolSize = 2
        let store = try await PostgresStore(configuration, timeout: StoreFixture.postgresOpenTimeout)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<40 {
                group.addTask {
                    try await store.enqueue(.outbox, [key("o\(i)")], now: at(0), expiresAt: at(60))
                    _ = try await store.claim(.outbox, owner: "w\(i)", now: at(1), lease: 30, limit: 1, excludingPartners: [])
                }
            }
            try await group.waitForAll()
        }
        let rows = try await store.allRows()
        #expect(rows.count == 40)
        #expect(rows.allSatisfy { $0.leaseOwner != nil })
    }

    @Test("sslmode=require against a server without TLS fails as unavailable and says why; disable connects")
    func tlsRequired() async throws {
        var configuration = try StoreFixture.newPostgresDatabase()
        configuration.tls = .require
        let error = await #expect(throws: StoreError.self) { try await PostgresStore(configuration, timeout: .seconds(20)) }
        #expect(error?.code == .unavailable, "\(String(describing: error))")
        configuration.tls = .disable
        try await PostgresStore(configuration, timeout: StoreFixture.postgresOpenTimeout).healthCheck()
    }

    @Test("a database that does not exist: unavailable, naming host, port and database but no password")
    func missingDatabase() async throws {
        var configuration = try StoreFixture.newPostgresDatabase()
        configuration.database = "no_such_database"
        configuration.password = "s3cret"
        let error = await #expect(throws: StoreError.self) { try await PostgresStore(configuration, timeout: .seconds(20)) }
        #expect(error?.code == .unavailable, "\(String(describing: error))")
        #expect(error?.message.contains("no_such_database") == true)
        #expect(error?.message.contains("s3cret") == false)
    }
}
