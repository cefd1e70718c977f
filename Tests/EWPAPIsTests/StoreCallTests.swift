import EWPStore
import Testing
@testable import EWPAPIs

/// A handler's store call: what the store's error code says decides the status the partner reads.
@Suite("API handlers' store calls: a store failure's code decides the status")
struct StoreCallTests {
    struct Unnamed: Error {}

    func status(of error: any Error) async -> Int? {
        do {
            _ = try await storeCall { () async throws -> Int in throw error }
            return nil
        } catch {
            return error.status.code
        }
    }

    @Test("unreadable stored data is the operator's to repair (500); anything else may pass on a retry (503)")
    func mapping() async {
        #expect(await status(of: StoreError(.corrupt, "blob x has unreadable metadata")) == 500)
        for code in StoreError.Code.allCases where code != .corrupt {
            #expect(await status(of: StoreError(code, "m")) == 503, "\(code)")
        }
        #expect(await status(of: Unnamed()) == 503)
    }

    @Test("a store call that succeeds returns its value")
    func passesValues() async throws {
        #expect(try await storeCall { 42 } == 42)
    }
}
