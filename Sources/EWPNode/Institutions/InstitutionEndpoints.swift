import EWPAPIs
import EWPXML
import Hummingbird

/// The Institutions v2, Organizational Units v2 and Mobility Factsheet v1 endpoints of a covered
/// host: GET and POST, signed like every EWP endpoint; parameter rules in EWPAPIs.
extension NodeRuntime {
    var institutionSource: InstitutionSource {
        InstitutionSource(manifest: configuration.manifest, coveredHEIs: hosts.map(\.heiID), store: store,
                          catalogue: registry.snapshot()?.catalogue, logger: logger)
    }

    func serveInstitutions(_ request: Request, host: CoveredHost) async -> Response {
        await serveHEIList(request, host: host, endpoint: InstitutionsAPI.endpoint, limit: configuration.manifest.apiLimits.institutionsHEIIDs,
                           rule: InstitutionsAPI.requestedHEIs, lookUp: { source, heiID throws(NodeError) in try await source.institution(heiID) },
                           response: InstitutionsAPI.response)
    }

    func serveOUnits(_ request: Request, host: CoveredHost) async -> Response {
        await serveEWP(request, host: host, endpoint: OUnitsAPI.endpoint) { parameters, _, _ throws(NodeError) in
            let limits = configuration.manifest.apiLimits
            let covered = hosts.map(\.heiID)
            let query = try Self.checked { () throws(APIRequestError) in
                try OUnitsAPI.query(parameters, coveredHEIs: covered, maxOUnitIDs: limits.ounitIDs, maxOUnitCodes: limits.ounitCodes)
            }
            return OUnitsAPI.response(OUnitsAPI.select(institutionSource.ounits(query.heiID), query.selector))
        }
    }

    func serveFactsheet(_ request: Request, host: CoveredHost) async -> Response {
        await serveHEIList(request, host: host, endpoint: FactsheetAPI.endpoint, limit: configuration.manifest.apiLimits.factsheetHEIIDs,
                           rule: FactsheetAPI.requestedHEIs, lookUp: { source, heiID throws(NodeError) in try await source.factsheet(heiID) },
                           response: FactsheetAPI.response)
    }

    /// An API answering one element per known HEI of a `hei_id` list, in request order.
    private func serveHEIList(_ request: Request, host: CoveredHost, endpoint: ServedEndpoint, limit: Int,
                              rule: @escaping @Sendable (RequestParameters, Int) throws(APIRequestError) -> [String],
                              lookUp: @escaping @Sendable (InstitutionSource, String) async throws(NodeError) -> XElement?,
                              response: @escaping @Sendable ([XElement]) -> XElement) async -> Response {
        await serveEWP(request, host: host, endpoint: endpoint) { parameters, _, _ throws(NodeError) in
            let heiIDs = try Self.checked { () throws(APIRequestError) in try rule(parameters, limit) }
            let source = institutionSource
            var elements = [XElement]()
            for heiID in heiIDs {
                if let element = try await lookUp(source, heiID) { elements.append(element) }
            }
            return response(elements)
        }
    }

    /// Runs an API's parameter rule, turning its refusal into the node's error.
    static func checked<T>(_ rule: () throws(APIRequestError) -> T) throws(NodeError) -> T {
        do throws(APIRequestError) {
            return try rule()
        } catch {
            throw NodeError(error)
        }
    }
}
