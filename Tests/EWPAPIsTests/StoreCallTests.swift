import EWPStore
import Testing
@testable import EWPAPIs

/// A handler's store call: what the store's error code says decides the status the partner reads.
@Suite("API handlers' store calls: a store failure's code decides the status")
struct StoreCallTests {
    struct Unnamed: Error {}

    func refusal(of error: any Error) async -> APIRequestError? {
        do {
            _ = try await storeCall { () async throws -> Int in throw error }
            return nil
        } catch {
            return error
        }
    }

    @Test("every store failure is a 503 (the partner retries); unreadable data says so without the store's own message")
    func mapping() async {
        let corrupt = await refusal(of: StoreError(.corrupt, "blob /var/lib/x has unreadable metadata"))
        #expect(corrupt?.status.code == 503)
        #expect(corrupt?.developerMessage.contains("stored data") == true)
        #expect(corrupt?.developerMessage.contains("/var/lib") == false)
        for code in StoreError.Code.allCases where code != .corrupt {
            let refused = await refusal(of: StoreError(code, "m"))
            #expect(refused?.status.code == 503, "\(code)")
            #expect(refused?.developerMessage.contains("unavailable") == true, "\(code)")
        }
        #expect(await refusal(of: Unnamed())?.status.code == 503)
    }

    @Test("a store call that succeeds returns its value")
    func passesValues() async throws {
        #expect(try await storeCall { 42 } == 42)
    }
}
