import EWPXML

/// Mobility Factsheet API v1 (ewp-specs-api-factsheet): GET and POST, `hei_id`
/// repeatable and required (≤ max-hei-ids), unknown HEIs ignored, one `factsheet` per known HEI.
public enum FactsheetAPI {
    public static let version = "1.2.0"
    public static let defaultMaxHEIIDs = 10

    public static func manifestEntry(url: String, maxHEIIDs: Int) -> XElement {
        InstitutionNamespace.manifestEntry("factsheet", namespace: InstitutionNamespace.factsheetEntry, version: version,
                                           url: url, limits: [("max-hei-ids", maxHEIIDs)])
    }

    /// The HEIs asked for: distinct, in request order.
    public static func requestedHEIs(_ parameters: RequestParameters, max: Int) throws(APIRequestError) -> [String] {
        try HEIListParameter.values(parameters, max: max, what: "mobility factsheets")
    }

    /// `factsheet-response` with these `factsheet` elements (possibly none).
    public static func response(_ factsheets: [XElement]) -> XElement {
        XElement("factsheet-response", namespace: InstitutionNamespace.factsheetResponse, children: factsheets)
    }
}

extension FactsheetAPI {
    public static let endpoint = ServedEndpoint("factsheet")
    public static let served = ServedAPI(endpoints: [endpoint], manifestEntry: { urls, limits in
        manifestEntry(url: urls(endpoint), maxHEIIDs: limits.factsheetHEIIDs)
    }, handle: handle)
}

extension FactsheetAPI {
    /// One `factsheet` per covered HEI of the `hei_id` list that has one, in request order.
    static func handle(_ call: APICall, _ services: APIServices) async throws(APIRequestError) -> XElement {
        let heiIDs = try requestedHEIs(call.parameters, max: services.limits.factsheetHEIIDs)
        return response(try await HEIListParameter.elements(heiIDs) { heiID throws(APIRequestError) in try await services.institutions.factsheet(heiID) })
    }
}
