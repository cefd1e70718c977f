import HTTPTypes

/// A refusal the console answers with an error page: the status and words for the person.
struct ConsoleError: Error, Sendable {
    let status: HTTPResponse.Status
    let message: String

    init(_ status: HTTPResponse.Status, _ message: String) {
        self.status = status
        self.message = message
    }

    /// Another HEI's object, or none at all: the same answer, so nobody learns what other HEIs hold.
    static func notFound(_ what: String = "There is no such page.") -> ConsoleError { ConsoleError(.notFound, what) }
    static func badRequest(_ message: String) -> ConsoleError { ConsoleError(.badRequest, message) }
    static let forbidden = ConsoleError(.forbidden, "Your account may not do this. The main account of your institution can grant you the role.")
}
