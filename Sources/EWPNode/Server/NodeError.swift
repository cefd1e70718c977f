import EWPAPIs
import EWPSecurity
import HTTPTypes

/// Every error the node answers with: an EWP `error-response` with a status and a developer
/// message saying what to fix. Mapped to the wire in one place (`XMLResponses`).
struct NodeError: Error, Sendable {
    let status: Int
    let developerMessage: String
    var headers: HTTPFields = [:]
    var signatureFailure: AuthFailureReason? = nil
    var userMessage: String? = nil

    static func badRequest(_ message: String) -> NodeError { NodeError(status: 400, developerMessage: message) }
    static func notFound(_ message: String) -> NodeError { NodeError(status: 404, developerMessage: message) }
    static func methodNotAllowed(_ method: String, allowed: [String]) -> NodeError {
        NodeError(status: 405,
                  developerMessage: "HTTP method \(method) is not allowed here; use \(allowed.joined(separator: " or ")).",
                  headers: [.allow: allowed.joined(separator: ", ")])
    }
    static func unavailable(_ message: String) -> NodeError { NodeError(status: 503, developerMessage: message) }

    init(status: Int, developerMessage: String, headers: HTTPFields = [:]) {
        self.status = status
        self.developerMessage = developerMessage
        self.headers = headers
    }

    init(_ error: APIRequestError) {
        status = error.status
        developerMessage = error.developerMessage
        userMessage = error.userMessage
    }

    init(_ failure: AuthFailure) {
        status = failure.status.code
        developerMessage = failure.developerMessage
        headers = failure.responseHeaders
        signatureFailure = failure.reason
    }

    var errorResponse: ErrorResponse {
        ErrorResponse(developerMessage: developerMessage, userMessages: userMessage.map { [.init(text: $0)] } ?? [])
    }
}
