import HTTPTypes

/// An error the node can answer with an EWP `error-response`: the HTTP status, a `developer-message`
/// that says what to fix, an optional `user-message` for end users, and headers the answer must carry
/// (e.g. `Allow` on 405, `WWW-Authenticate` on 401).
public protocol EWPError: Error, Sendable {
    var status: HTTPResponse.Status { get }
    var developerMessage: String { get }
    var userMessage: String? { get }
    var responseHeaders: HTTPFields { get }
}

extension EWPError {
    public var userMessage: String? { nil }
    public var responseHeaders: HTTPFields { HTTPFields() }
}
