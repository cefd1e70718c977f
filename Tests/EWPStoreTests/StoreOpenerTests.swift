import EWPStore
import Foundation
import Testing

@Suite("StoreOpener (EWP_DATABASE)")
struct StoreOpenerTests {
    @Test("sqlite:PATH opens a working store and creates parent directories")
    func sqlitePath() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let path = dir.path("data/sub/node.sqlite")
        let store = try StoreOpener.open("sqlite:" + path)
        try await store.healthCheck()
        try await store.saveBlob(key: "k", value: [1], metadata: [:])
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(store is SQLiteStore)
    }

    @Test("sqlite:///absolute/path is the absolute path")
    func sqliteTripleSlash() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let path = dir.path("node.sqlite")
        #expect(path.hasPrefix("/"))
        let store = try StoreOpener.open("sqlite://" + path)
        try await store.healthCheck()
        #expect(FileManager.default.fileExists(atPath: path))
    }

    @Test("postgres URLs give a clear 'not supported yet' error without echoing the password",
          arguments: ["postgres://ewp:s3cret@127.0.0.1:5432/ewp", "postgresql://ewp:s3cret@127.0.0.1/ewp"])
    func postgres(url: String) {
        let error = #expect(throws: StoreError.self) { try StoreOpener.open(url) }
        #expect(error?.message.contains("PostgreSQL is not supported yet") == true)
        #expect(error?.code == .invalidInput)
        #expect(error?.message.contains("s3cret") == false)
    }

    @Test("empty and unknown values are refused with a hint", arguments: ["", "sqlite:", "mysql://u:s3cret@h/db", "/var/lib/node.db"])
    func invalid(value: String) {
        let error = #expect(throws: StoreError.self) { try StoreOpener.open(value) }
        #expect(error?.message.contains("sqlite:PATH") == true)
        #expect(error?.code == .invalidInput)
        #expect(error?.message.contains("s3cret") == false)
    }
}
