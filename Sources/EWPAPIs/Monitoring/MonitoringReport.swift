import EWPCore
import EWPNotifications
import EWPSecurity

/// One report to the Stats Portal, as the Monitoring API's request parameters define it
/// (ewp-specs-api-monitoring, README "Request parameters").
public struct MonitoringReport: Sendable, Equatable {
    /// The covered HEI whose call failed: it signs the report.
    public let localHEI: HEIID
    public let serverHEIID: HEIID
    public let apiName: String
    /// The URL element without `-url`; "" for an element called `url`.
    public let endpointName: String
    /// The HTTP status received, nil when there was no response.
    public let httpCode: Int?
    /// The partner's `developer-message`, only with a 4xx/5xx that carried an `error-response`.
    public let serverMessage: String?
    /// What went wrong in our words (may be nil only with a 4xx/5xx).
    public let clientMessage: String?
    /// The kind of failure: `not-in-catalogue`, `no-response`, `http-500`, `invalid-response-200`.
    public let problemKind: String

    /// Longest message passed on: the portal publishes reports, and a partner's error text is not
    /// ours to pass on at any length.
    static let messageLimit = 1000

    /// The report of `failure`, or nil when the Monitoring API is not to be told: calls to
    /// Discovery, Echo, the registry or the portal itself (README "When to call").
    public init?(_ failure: PartnerCallFailure) {
        guard !MonitoringAPI.unreportedAPIs.contains(failure.apiName.lowercased()), failure.partnerHEI != MonitoringAPI.portalHEI else {
            return nil
        }
        localHEI = failure.localHEI
        serverHEIID = failure.partnerHEI
        apiName = failure.apiName
        endpointName = failure.urlElement == "url" ? "" : String(failure.urlElement.dropLast(failure.urlElement.hasSuffix("-url") ? 4 : 0))
        switch failure.problem {
        case .notInCatalogue(let why):
            (httpCode, serverMessage, clientMessage, problemKind) = (nil, nil, why, "not-in-catalogue")
        case .noResponse(let why):
            (httpCode, serverMessage, clientMessage, problemKind) = (nil, nil, why, "no-response")
        case .httpError(let status, let developerMessage):
            // The developer-message only with a 4xx or 5xx (README `server_message`); a status
            // outside them (a 3xx) is described by us.
            let errorStatus = (400..<600).contains(status)
            httpCode = status
            serverMessage = errorStatus ? developerMessage : nil
            clientMessage = errorStatus ? nil : "unexpected HTTP status \(status)"
            problemKind = "http-\(status)"
        case .invalidResponse(let status, let why):
            (httpCode, serverMessage, clientMessage, problemKind) = (status, nil, why, "invalid-response-\(status)")
        }
    }

    /// The form to POST, in the order the specification lists the parameters. Optional parameters
    /// that "MUST be empty" in this case are left out.
    public var formParameters: [(String, String)] {
        var form = [("server_hei_id", serverHEIID.value), ("api_name", apiName)]
        if !endpointName.isEmpty { form.append(("endpoint_name", endpointName)) }
        if let httpCode { form.append(("http_code", String(httpCode))) }
        if let serverMessage { form.append(("server_message", Self.bounded(serverMessage))) }
        if let clientMessage { form.append(("client_message", Self.bounded(clientMessage))) }
        return form
    }

    /// What the rate limit counts as "the same problem": partner, API, endpoint and the kind of
    /// failure (each HTTP status its own).
    public var rateKey: MonitoringRateLimiter.Key {
        MonitoringRateLimiter.Key(partner: serverHEIID, api: apiName, endpoint: endpointName, problem: problemKind)
    }

    private static func bounded(_ text: String) -> String {
        CallerText.excerpt(text, limit: messageLimit)
    }
}
