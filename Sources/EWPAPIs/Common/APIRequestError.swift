import EWPCore
import EWPStore
import HTTPTypes

/// A request a handler refuses: the HTTP status and a developer message that says what to fix.
/// EWP API handlers throw it (EWPNode writes it as an `error-response`), and so do the admin API's
/// handlers (written as JSON); both writers take any `EWPError`.
public struct APIRequestError: EWPError, Equatable {
    public let status: HTTPResponse.Status
    public let developerMessage: String
    /// A message for the person behind the client's request (`user-message`), when there is one.
    public var userMessage: String?

    public init(status: HTTPResponse.Status, _ developerMessage: String, userMessage: String? = nil) {
        self.status = status
        self.developerMessage = developerMessage
        self.userMessage = userMessage
    }

    public static func badRequest(_ message: String) -> APIRequestError { APIRequestError(status: .badRequest, message) }
}

/// Runs a store call for an API handler: a store that fails becomes a 503, so the partner retries
/// later rather than reading an error as an answer. What is stored but cannot be read is the
/// operator's to repair (500); every other failure (the database unavailable, busy, or anything the
/// store cannot name) may pass on a retry.
func storeCall<T>(_ body: () async throws -> T) async throws(APIRequestError) -> T {
    do {
        return try await body()
    } catch let error as StoreError where error.code == .corrupt {
        // Still a 503: the partner can only retry, and the store's own message (paths, row ids) is
        // the operator's to read in the logs, not the partner's.
        throw APIRequestError(status: .serviceUnavailable, "The node cannot read part of its stored data right now; retry later.")
    } catch {
        throw APIRequestError(status: .serviceUnavailable, "The node's database is unavailable right now; retry later.")
    }
}
