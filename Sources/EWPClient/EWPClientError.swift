import EWPHTTP
import EWPSecurity
import EWPXML

/// Why an outbound EWP call did not produce a usable response. Each case carries what a log line or
/// a Monitoring API report needs (status and the partner's developer-message where there is one).
public enum EWPClientError: Error, Sendable, CustomStringConvertible {
    /// The URL is not an absolute http(s) URL.
    case invalidURL(String)
    /// The URL is not one the node may call (plain http; see `OutboundURLPolicy`): nothing was sent.
    case refusedURL(url: String, reason: String)
    /// No HTTP response at all (connection, TLS, timeout).
    case transport(url: String, TransportError)
    /// A response came, but its HTTP signature did not check out; nothing in it can be trusted.
    case unverifiedResponse(url: String, status: Int, ResponseVerificationFailure)
    /// A verified non-2xx response; `developerMessage` is from the partner's `<error-response>`.
    case httpStatus(url: String, status: Int, developerMessage: String?, body: [UInt8])
    /// A verified 2xx response whose body is not well-formed XML.
    case malformedXML(url: String, status: Int, XMLProblem)
    /// A verified 2xx response, well-formed, but not valid against the schema of its root element
    /// (`schema` names our schema file).
    case invalidXML(url: String, status: Int, schema: String, problems: [XMLProblem])

    /// The HTTP status, when a response was received.
    public var status: Int? {
        switch self {
        case .invalidURL, .refusedURL, .transport: return nil
        case .unverifiedResponse(_, let status, _), .httpStatus(_, let status, _, _), .malformedXML(_, let status, _),
             .invalidXML(_, let status, _, _): return status
        }
    }

    /// True for failures worth retrying later (transport problems and 5xx); 4xx means our request is wrong.
    public var isRetryable: Bool {
        switch self {
        case .transport: return true
        case .httpStatus(_, let status, _, _): return status >= 500
        case .unverifiedResponse(_, let status, _): return status >= 500
        default: return false
        }
    }

    public var description: String {
        switch self {
        case .invalidURL(let url): return "invalid EWP endpoint URL \"\(url)\""
        case .refusedURL(_, let reason): return "not called: \(reason)"
        case .transport(let url, let error): return "\(url): transport failure: \(error)"
        case .unverifiedResponse(let url, let status, let failure): return "\(url): HTTP \(status) response rejected, its signature is not valid: \(failure)"
        case .httpStatus(let url, let status, let message, _):
            // The partner's words go into logs and queue rows: a short excerpt only.
            return "\(url): HTTP \(status)" + (message.map { ": \(CallerText.excerpt($0, limit: 300))" } ?? " (no developer-message)")
        case .malformedXML(let url, let status, let problem): return "\(url): HTTP \(status) body is not well-formed XML: \(problem)"
        case .invalidXML(let url, let status, let schema, let problems):
            return "\(url): HTTP \(status) body is not valid against \(schema): \(Self.summary(problems))"
        }
    }

    /// The first problems of a validation, for logs and reports.
    public static func summary(_ problems: [XMLProblem]) -> String {
        let shown = problems.prefix(3).map { CallerText.excerpt($0.description, limit: 300) }.joined(separator: "; ")
        return problems.count > 3 ? "\(shown); and \(problems.count - 3) more" : shown
    }
}
