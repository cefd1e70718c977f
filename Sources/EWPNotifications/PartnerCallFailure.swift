import EWPClient
import EWPCore

/// A call to a partner that went wrong in one of the ways the Monitoring API asks clients to tell
/// the network's administrators about (ewp-specs-api-monitoring, README "When to call").
public struct PartnerCallFailure: Sendable, Equatable {
    public enum Problem: Sendable, Equatable {
        /// The partner publishes no entry for an API it is expected to implement (it notified us of
        /// a change, but publishes no API to fetch it).
        case notInCatalogue(String)
        /// No HTTP response: no connection, TLS failure, timeout, connection lost.
        case noResponse(String)
        /// An HTTP error status, with the `developer-message` of the partner's `error-response`
        /// when it sent one.
        case httpError(status: Int, developerMessage: String?)
        /// A response that failed authentication (its signature) or validation (not well-formed XML,
        /// or not valid against its schema).
        case invalidResponse(status: Int, String)
    }

    /// The covered HEI that made the call (and signs the report).
    public let localHEI: HEIID
    public let partnerHEI: HEIID
    /// The API's element name in the catalogue (`iias`, `omobility-las`, `iia-cnr`).
    public let apiName: String
    /// The URL element called, as the catalogue names it (`get-url`, `url`).
    public let urlElement: String
    public let problem: Problem

    public init(localHEI: HEIID, partnerHEI: HEIID, apiName: String, urlElement: String, problem: Problem) {
        self.localHEI = localHEI
        self.partnerHEI = partnerHEI
        self.apiName = apiName
        self.urlElement = urlElement
        self.problem = problem
    }

    /// The problem a client error is, or nil when it is none of the partner's doing: a URL this
    /// node's policy does not call, a request we could not build, a call cancelled by our own
    /// shutdown. The descriptions leave out the URL: its query names the objects asked for, and
    /// reports are published (ewp-specs-api-monitoring, README "Privacy").
    public static func problem(_ error: EWPClientError) -> Problem? {
        switch error {
        case .invalidURL, .refusedURL:
            return nil
        case .transport(_, let transport):
            switch transport.kind {
            case .cancelled, .shutDown, .invalidRequest: return nil
            default: return .noResponse("no response: \(transport)")
            }
        case .httpStatus(_, let status, let developerMessage, _):
            return .httpError(status: status, developerMessage: developerMessage)
        case .unverifiedResponse(_, let status, let failure):
            return .invalidResponse(status: status, "the response's signature is not valid: \(failure)")
        case .malformedXML(_, let status, let problem):
            return .invalidResponse(status: status, "the response is not well-formed XML: \(problem)")
        case .invalidXML(_, let status, let schema, let problems):
            return .invalidResponse(status: status, "the response is not valid against its schema (\(schema)): \(EWPClientError.summary(problems))")
        }
    }
}

/// Told of every failed partner call that is worth reporting. `callFailed` must return at once:
/// it is called on the path of the operation whose call failed.
public protocol PartnerCallObserver: Sendable {
    func callFailed(_ failure: PartnerCallFailure)
}
