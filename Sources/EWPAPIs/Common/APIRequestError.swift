/// A request an API handler refuses: the HTTP status and a developer message that says what to fix.
/// EWPNode maps it to an `error-response`.
public struct APIRequestError: Error, Sendable, Equatable {
    public let status: Int
    public let developerMessage: String
    /// A message for the person behind the client's request (`user-message`), when there is one.
    public var userMessage: String?

    public init(status: Int, _ developerMessage: String, userMessage: String? = nil) {
        self.status = status
        self.developerMessage = developerMessage
        self.userMessage = userMessage
    }

    public static func badRequest(_ message: String) -> APIRequestError { APIRequestError(status: 400, message) }
}

/// Runs a store call for an API handler: a store that fails becomes a 503, so the partner retries
/// later rather than reading an error as an answer.
func storeCall<T>(_ body: () async throws -> T) async throws(APIRequestError) -> T {
    do {
        return try await body()
    } catch {
        throw APIRequestError(status: 503, "The node's database is unavailable right now; retry later.")
    }
}
