/// A request an API handler refuses: the HTTP status and a developer message that says what to fix.
/// EWPNode maps it to an `error-response`.
public struct APIRequestError: Error, Sendable, Equatable {
    public let status: Int
    public let developerMessage: String

    public init(status: Int, _ developerMessage: String) {
        self.status = status
        self.developerMessage = developerMessage
    }

    public static func badRequest(_ message: String) -> APIRequestError { APIRequestError(status: 400, message) }
}
