import EWPStore
import Foundation
import Testing

@Suite("Store blobs")
struct BlobTests {
    @Test("save then load returns the exact bytes, metadata and a recent updatedAt", arguments: StoreEngine.all)
    func saveLoad(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let store = fixture.store
        let bytes: [UInt8] = Array(0...255) + Array("<catalogue/>".utf8)
        let before = Date()
        try await store.saveBlob(key: "registry-catalogue", value: bytes,
                                 metadata: ["etag": "\"abc\"", "expires": "Sun, 29 Nov 2026 18:00:00 GMT"])
        let blob = try #require(try await store.loadBlob(key: "registry-catalogue"))
        #expect(blob.value == bytes)
        #expect(blob.metadata == ["etag": "\"abc\"", "expires": "Sun, 29 Nov 2026 18:00:00 GMT"])
        #expect(blob.updatedAt.timeIntervalSince(before) > -0.01)
        #expect(blob.updatedAt.timeIntervalSinceNow < 0.01)
    }

    @Test("a key never saved loads as nil", arguments: StoreEngine.all)
    func missing(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let store = fixture.store
        #expect(try await store.loadBlob(key: "nothing") == nil)
    }

    @Test("saving again replaces value and metadata and moves updatedAt forward", arguments: StoreEngine.all)
    func overwrite(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let store = fixture.store
        try await store.saveBlob(key: "k", value: [1, 2, 3], metadata: ["etag": "1", "old": "x"])
        let first = try #require(try await store.loadBlob(key: "k"))
        try await Task.sleep(for: .milliseconds(20))
        try await store.saveBlob(key: "k", value: [9], metadata: ["etag": "2"])
        let second = try #require(try await store.loadBlob(key: "k"))
        #expect(second.value == [9])
        #expect(second.metadata == ["etag": "2"])
        #expect(second.updatedAt > first.updatedAt)
    }

    @Test("empty value and empty metadata round trip; keys are independent", arguments: StoreEngine.all)
    func emptyAndIndependent(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let store = fixture.store
        try await store.saveBlob(key: "empty", value: [], metadata: [:])
        try await store.saveBlob(key: "other", value: [7], metadata: ["ü": "ß \"quoted\""])
        let empty = try #require(try await store.loadBlob(key: "empty"))
        #expect(empty.value.isEmpty)
        #expect(empty.metadata.isEmpty)
        #expect(try await store.loadBlob(key: "other")?.metadata == ["ü": "ß \"quoted\""])
    }

    @Test("a large blob (8 MiB) round trips", arguments: StoreEngine.all)
    func largeBlob(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let store = fixture.store
        let big = (0..<(8 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try await store.saveBlob(key: "big", value: big, metadata: [:])
        #expect(try await store.loadBlob(key: "big")?.value == big)
    }

    @Test("saved blobs survive closing and reopening the store", arguments: StoreEngine.all)
    func survivesReopen(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        try await fixture.store.saveBlob(key: "registry-catalogue", value: [4, 5, 6], metadata: ["etag": "e1"])
        try await fixture.close()
        let reopened = try await fixture.second()
        let blob = try #require(try await reopened.loadBlob(key: "registry-catalogue"))
        #expect(blob.value == [4, 5, 6])
        #expect(blob.metadata == ["etag": "e1"])
    }

    @Test("50 writers and 50 readers at once: every write lands, every read sees a whole value", arguments: StoreEngine.all)
    func concurrentReadersWriters(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let store = fixture.store
        try await store.saveBlob(key: "shared", value: Array(repeating: 0, count: 1000), metadata: ["n": "0"])
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 1...50 {
                group.addTask {
                    try await store.saveBlob(key: "k\(i)", value: [UInt8(i)], metadata: ["i": "\(i)"])
                    try await store.saveBlob(key: "shared", value: Array(repeating: UInt8(i), count: 1000), metadata: ["n": "\(i)"])
                }
                group.addTask {
                    let blob = try #require(try await store.loadBlob(key: "shared"))
                    let n = try #require(UInt8(blob.metadata["n"] ?? ""))
                    #expect(blob.value == Array(repeating: n, count: 1000))   // value and metadata from one save
                }
            }
            try await group.waitForAll()
        }
        for i in 1...50 {
            #expect(try await store.loadBlob(key: "k\(i)")?.value == [UInt8(i)])
        }
    }

    @Test("two stores on the same database see each other's writes (separate connections)", arguments: StoreEngine.all)
    func twoProcessesStyle(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let a = fixture.store
        let b = try await fixture.second()
        try await a.saveBlob(key: "x", value: [1], metadata: [:])
        #expect(try await b.loadBlob(key: "x")?.value == [1])
    }
}
