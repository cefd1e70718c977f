import EWPStore
import Foundation
import Logging
import Testing
@testable import EWPNode

@Suite("The node's replay ledger: seen X-Request-Ids in the store")
struct StoreReplayLedgerTests {
    static func withDatabase(_ body: (String) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ewp-ledger-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await body(directory + "/node.sqlite")
    }

    @Test("first sighting, then a replay; a restarted node (a new store on the same database) still refuses it; expired after the window")
    func survivesRestart() async throws {
        try await Self.withDatabase { path in
            let now = Date()
            let ledger = StoreReplayLedger(store: try SQLiteStore(path: path), logger: Logger(label: "test"))
            #expect(try await ledger.firstSighting(requestId: "r1", keyId: "k", now: now))
            #expect(try await !ledger.firstSighting(requestId: "r1", keyId: "k", now: now.addingTimeInterval(1)))
            let restarted = StoreReplayLedger(store: try SQLiteStore(path: path), logger: Logger(label: "test"))
            #expect(try await !restarted.firstSighting(requestId: "r1", keyId: "k", now: now.addingTimeInterval(2)))
            #expect(try await restarted.firstSighting(requestId: "r1", keyId: "k", now: now.addingTimeInterval(restarted.window)))
        }
    }

    @Test("a store that cannot answer: firstSighting throws (the authenticator then refuses with 503), it never answers true")
    func storeDown() async throws {
        try await Self.withDatabase { path in
            let store = try SQLiteStore(path: path)
            let ledger = StoreReplayLedger(store: store, logger: Logger(label: "test"))
            try store.close()
            await #expect(throws: StoreError.self) { try await ledger.firstSighting(requestId: "r1", keyId: "k", now: Date()) }
        }
    }

    @Test("expired ids are purged as ids are recorded: every purgeEvery-th recording deletes up to purgeBatch of them")
    func purgesAsItGoes() async throws {
        try await Self.withDatabase { path in
            let store = try SQLiteStore(path: path)
            let ledger = StoreReplayLedger(store: store, window: 10, logger: Logger(label: "test"))
            let t0 = Date()
            for i in 0..<StoreReplayLedger.purgeEvery - 1 { #expect(try await ledger.firstSighting(requestId: "old\(i)", keyId: "k", now: t0)) }
            #expect(try await ledger.firstSighting(requestId: "new", keyId: "k", now: t0.addingTimeInterval(20)))
            #expect(try await store.purgeRequestIds(expiredBy: t0.addingTimeInterval(20), limit: 10_000) == 0, "already purged")
        }
    }
}
