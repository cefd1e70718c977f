import EWPStore
import Foundation
import Testing

@Suite("SQLiteStore files, migrations and health")
struct SQLiteStoreLifecycleTests {
    @Test("migrations are applied once and reopening applies nothing new")
    func migrationsIdempotent() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let path = dir.path("node.sqlite")
        let first = try SQLiteStore(path: path)
        let applied = try await first.appliedMigrations()
        #expect(applied == ["v1-blobs", "v2-notification-queue", "v3-partner-copies", "v4-sync-states", "v5-own-objects",
                           "v6-own-object-tombstones", "v7-seen-request-ids", "v8-console"])
        try await first.saveBlob(key: "k", value: [1], metadata: [:])
        try first.close()
        for _ in 0..<3 {
            let again = try SQLiteStore(path: path)
            #expect(try await again.appliedMigrations() == applied)
            #expect(try await again.loadBlob(key: "k")?.value == [1])
            try again.close()
        }
    }

    @Test("the database runs in WAL mode")
    func walMode() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let path = dir.path("node.sqlite")
        let store = try SQLiteStore(path: path)
        try await store.saveBlob(key: "k", value: [1], metadata: [:])
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))
        // The header's file-format bytes (offsets 18 and 19) are 2 for WAL.
        let header = try #require(FileManager.default.contents(atPath: path))
        #expect(header.count >= 20)
        #expect(header[18] == 2 && header[19] == 2)
    }

    @Test("health check passes on an open store and fails once it is closed")
    func healthCheck() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let store = try SQLiteStore(path: dir.path("node.sqlite"))
        try await store.healthCheck()
        try store.close()
        await #expect(throws: StoreError.self) { try await store.healthCheck() }
    }

    @Test("missing parent directories are created")
    func createsParents() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let path = dir.path("a/b/c/node.sqlite")
        let store = try SQLiteStore(path: path)
        try await store.healthCheck()
        #expect(FileManager.default.fileExists(atPath: path))
    }

    @Test("a parent that is a regular file gives a clear error naming the path")
    func parentIsFile() throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let blocker = dir.path("not-a-dir")
        #expect(FileManager.default.createFile(atPath: blocker, contents: Data("x".utf8)))
        let error = #expect(throws: StoreError.self) { try SQLiteStore(path: blocker + "/node.sqlite") }
        #expect(error?.message.contains("cannot create directory") == true)
        #expect(error?.code == .unavailable)
        #expect(error?.message.contains(blocker) == true)
    }

    @Test("a path that is a directory gives a clear error naming the path")
    func pathIsDirectory() throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let path = dir.path("db-dir")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let error = #expect(throws: StoreError.self) { try SQLiteStore(path: path) }
        #expect(error?.message.contains("cannot open SQLite database at \(path)") == true)
        #expect(error?.code == .unavailable)
    }

    @Test("a file that is not a database gives a clear error")
    func notADatabase() throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let path = dir.path("garbage.sqlite")
        #expect(FileManager.default.createFile(atPath: path, contents: Data(repeating: 0x41, count: 4096)))
        let error = #expect(throws: StoreError.self) { try SQLiteStore(path: path) }
        #expect(error?.message.contains(path) == true)
        #expect(error?.code == .corrupt)
    }
}
