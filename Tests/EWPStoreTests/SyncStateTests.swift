import EWPStore
import Foundation
import Testing

@Suite("Index-sync cursors")
struct SyncStateTests {
    @Test("save then read back; nil fields stay nil; unknown cursors are nil", arguments: StoreEngine.all)
    func roundTrip(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let store = fixture.store
        let full = SyncState(api: "iias", localHEI: "uni-a.example", partnerHEI: "p1", lastSuccessAt: at(10), lastAttemptAt: at(20), lastError: "HTTP 500")
        let fresh = SyncState(api: "iias", localHEI: "uni-a.example", partnerHEI: "p2")
        try await store.saveSyncState(full)
        try await store.saveSyncState(fresh)
        #expect(try await store.syncState(api: "iias", localHEI: "uni-a.example", partnerHEI: "p1") == full)
        #expect(try await store.syncState(api: "iias", localHEI: "uni-a.example", partnerHEI: "p2") == fresh)
        #expect(try await store.syncState(api: "omobility-las", localHEI: "uni-a.example", partnerHEI: "p1") == nil)
    }

    @Test("saving again replaces every field, clearing an error; syncStates lists all, sorted", arguments: StoreEngine.all)
    func replaceAndList(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let store = fixture.store
        try await store.saveSyncState(SyncState(api: "iias", localHEI: "a", partnerHEI: "p2", lastAttemptAt: at(1), lastError: "timeout"))
        try await store.saveSyncState(SyncState(api: "iias", localHEI: "a", partnerHEI: "p1"))
        try await store.saveSyncState(SyncState(api: "iias-approval", localHEI: "a", partnerHEI: "p1"))
        let success = SyncState(api: "iias", localHEI: "a", partnerHEI: "p2", lastSuccessAt: at(5), lastAttemptAt: at(5))
        try await store.saveSyncState(success)
        let all = try await store.syncStates()
        #expect(all.map { "\($0.api) \($0.partnerHEI)" } == ["iias p1", "iias p2", "iias-approval p1"])
        #expect(all[1] == success)
    }

    @Test("a cursor with an empty identifying field is refused", arguments: StoreEngine.all)
    func invalid(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let error = await #expect(throws: StoreError.self) {
            try await fixture.store.saveSyncState(SyncState(api: "iias", localHEI: "", partnerHEI: "p"))
        }
        #expect(error?.message.contains("empty localHEI") == true)
        #expect(error?.code == .invalidInput)
        #expect(try await fixture.store.syncStates().isEmpty)
    }
}
