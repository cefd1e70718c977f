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
        await serveEWP(request, host: host, api: "institutions") { parameters, _, _ throws(NodeError) in
            let limit = configuration.manifest.apiLimits.institutionsHEIIDs
            let heiIDs = try Self.checked { () throws(APIRequestError) in try InstitutionsAPI.requestedHEIs(parameters, max: limit) }
            let source = institutionSource
            var heis = [XElement]()
            for heiID in heiIDs {
                if let hei = try await source.institution(heiID) { heis.append(hei) }
            }
            return InstitutionsAPI.response(heis)
        }
    }

    func serveOUnits(_ request: Request, host: CoveredHost) async -> Response {
        await serveEWP(request, host: host, api: "organizational-units") { parameters, _, _ throws(NodeError) in
            let limits = configuration.manifest.apiLimits
            let covered = hosts.map(\.heiID)
            let query = try Self.checked { () throws(APIRequestError) in
                try OUnitsAPI.query(parameters, coveredHEIs: covered, maxOUnitIDs: limits.ounitIDs, maxOUnitCodes: limits.ounitCodes)
            }
            return OUnitsAPI.response(OUnitsAPI.select(institutionSource.ounits(query.heiID), query.selector))
        }
    }

    func serveFactsheet(_ request: Request, host: CoveredHost) async -> Response {
        await serveEWP(request, host: host, api: "factsheet") { parameters, _, _ throws(NodeError) in
            let limit = configuration.manifest.apiLimits.factsheetHEIIDs
            let heiIDs = try Self.checked { () throws(APIRequestError) in try FactsheetAPI.requestedHEIs(parameters, max: limit) }
            let source = institutionSource
            var factsheets = [XElement]()
            for heiID in heiIDs {
                if let factsheet = try await source.factsheet(heiID) { factsheets.append(factsheet) }
            }
            return FactsheetAPI.response(factsheets)
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
