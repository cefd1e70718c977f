import EWPXML

/// Institutions API v2 (ewp-specs-api-institutions): GET and POST, `hei_id` repeatable
/// and required (≤ max-hei-ids), unknown HEIs ignored, one `hei` per known HEI in request order.
public enum InstitutionsAPI {
    public static let version = "2.2.0"
    public static let defaultMaxHEIIDs = 10

    public static func manifestEntry(url: String, maxHEIIDs: Int) -> XElement {
        InstitutionNamespace.manifestEntry("institutions", namespace: InstitutionNamespace.institutionsEntry, version: version,
                                           url: url, limits: [("max-hei-ids", maxHEIIDs)])
    }

    /// The HEIs asked for: distinct, in request order.
    public static func requestedHEIs(_ parameters: RequestParameters, max: Int) throws(APIRequestError) -> [String] {
        try HEIListParameter.values(parameters, max: max, what: "institution data")
    }

    /// `institutions-response` with these `hei` elements (possibly none).
    public static func response(_ heis: [XElement]) -> XElement {
        XElement("institutions-response", namespace: InstitutionNamespace.institutionsResponse, children: heis)
    }
}

extension InstitutionsAPI {
    public static let endpoint = ServedEndpoint("institutions")
    public static let served = ServedAPI(endpoints: [endpoint], manifestEntry: { urls, limits in
        manifestEntry(url: urls(endpoint), maxHEIIDs: limits.institutionsHEIIDs)
    }, handle: handle)
}

extension InstitutionsAPI {
    /// One `hei` per known HEI of the `hei_id` list, in request order.
    static func handle(_ call: APICall, _ services: APIServices) async throws(APIRequestError) -> XElement {
        let heiIDs = try requestedHEIs(call.parameters, max: services.limits.institutionsHEIIDs)
        return response(try await HEIListParameter.elements(heiIDs) { heiID throws(APIRequestError) in try await services.institutions.institution(heiID) })
    }
}
