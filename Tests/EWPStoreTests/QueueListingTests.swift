import EWPStore
import Foundation
import Testing

@Suite("Queue store: listing rows")
struct QueueListingTests {
    /// Six outbox rows over two APIs and two partners; the first two delivered, the third rejected.
    static func populated(_ store: any Store) async throws -> [QueueRow] {
        let keys = [key("1"), key("2", partner: "p2"), key("3", api: "omobility-la-cnr"),
                    key("4", partner: "p2"), key("5", api: "omobility-la-cnr", partner: "p2"), key("6")]
        try await store.enqueue(.outbox, keys, now: at(0), expiresAt: at(1000))
        try await store.enqueue(.inbound, [key("in")], now: at(0), expiresAt: at(1000))
        let claimed = try await store.claim(.outbox, owner: "w", now: at(0), lease: 30, limit: 3, excludingPartners: [])
        #expect(try await store.finish(.outbox, id: claimed[0].id, owner: "w", outcome: .delivered, now: at(1)))
        #expect(try await store.finish(.outbox, id: claimed[1].id, owner: "w", outcome: .delivered, now: at(1)))
        #expect(try await store.finish(.outbox, id: claimed[2].id, owner: "w", outcome: .finished(.rejected, error: "400"), now: at(1)))
        return try await store.allRows()
    }

    @Test("no filter: every row of the queue, newest id first, default limit 100", arguments: StoreEngine.all)
    func all(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let rows = try await Self.populated(fixture.store)
        #expect(rows.map(\.key.objectID) == ["6", "5", "4", "3", "2", "1"])
        #expect(try await fixture.store.queueRows(.outbox, filter: QueueFilter()) == rows)
        #expect(QueueFilter().limit == 100)
    }

    @Test("filters by states, api and partner, combined with AND; limit cuts the newest first", arguments: StoreEngine.all)
    func filters(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let store = fixture.store
        _ = try await Self.populated(store)
        func objects(_ filter: QueueFilter) async throws -> [String] {
            try await store.queueRows(.outbox, filter: filter).map(\.key.objectID)
        }
        #expect(try await objects(QueueFilter(states: [.delivered])) == ["2", "1"])
        #expect(try await objects(QueueFilter(states: [.pending, .rejected])) == ["6", "5", "4", "3"])
        #expect(try await objects(QueueFilter(states: [])) == [])
        #expect(try await objects(QueueFilter(api: "omobility-la-cnr")) == ["5", "3"])
        #expect(try await objects(QueueFilter(partnerHEI: "p2")) == ["5", "4", "2"])
        #expect(try await objects(QueueFilter(states: [.pending], api: "iia-cnr", partnerHEI: "p2")) == ["4"])
        #expect(try await objects(QueueFilter(limit: 2)) == ["6", "5"])
        #expect(try await objects(QueueFilter(limit: 0)) == [])
        #expect(try await store.queueRows(.inbound, filter: QueueFilter()).map(\.key.objectID) == ["in"])
    }

    @Test("queueRow: nil for an unknown id and for a row of the other queue", arguments: StoreEngine.all)
    func single(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let row = try await fixture.store.enqueueOne(key("a"), .inbound)
        #expect(try await fixture.store.queueRow(.inbound, id: row.id) == row)
        #expect(try await fixture.store.queueRow(.outbox, id: row.id) == nil)
        #expect(try await fixture.store.queueRow(.inbound, id: row.id + 1) == nil)
    }
}
