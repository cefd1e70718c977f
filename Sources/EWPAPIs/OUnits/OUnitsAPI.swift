import EWPSecurity
import EWPXML

/// Organizational Units API v2 (ewp-specs-api-ounits): GET and POST; `hei_id` once
/// (an HEI this host does not cover → 400); `ounit_id` or `ounit_code`, repeatable, one kind only,
/// at most max-ounit-ids / max-ounit-codes (more → 400); unknown units ignored.
public enum OUnitsAPI {
    public static let version = "2.1.1"
    public static let defaultMaxOUnitIDs = 100
    public static let defaultMaxOUnitCodes = 100

    /// Which units a request names: by id or by code (matched exactly, case-sensitively).
    public enum Selector: Sendable, Equatable {
        case ids([String])
        case codes([String])
    }

    public struct Query: Sendable, Equatable {
        public var heiID: String
        public var selector: Selector
        public init(heiID: String, selector: Selector) {
            self.heiID = heiID
            self.selector = selector
        }
    }

    public static func manifestEntry(url: String, maxOUnitIDs: Int, maxOUnitCodes: Int) -> XElement {
        InstitutionNamespace.manifestEntry("organizational-units", namespace: InstitutionNamespace.ounitsEntry, version: version,
                                           url: url, limits: [("max-ounit-ids", maxOUnitIDs), ("max-ounit-codes", maxOUnitCodes)])
    }

    /// The request's HEI and units. `coveredHEIs` are the HEIs whose units this host serves.
    public static func query(_ parameters: RequestParameters, coveredHEIs: [String], maxOUnitIDs: Int,
                             maxOUnitCodes: Int) throws(APIRequestError) -> Query {
        let heis = parameters.values("hei_id")
        guard let heiID = heis.first else {
            throw .badRequest("The required parameter hei_id is missing: name the HEI whose organizational units you want (\(coveredHEIs.joined(separator: ", "))).")
        }
        guard heis.count == 1 else {
            throw .badRequest("hei_id must be given once (it was given \(heis.count) times): ask for the units of one HEI per request.")
        }
        guard coveredHEIs.contains(heiID) else {
            throw .badRequest("This host does not cover the HEI \"\(CallerText.excerpt(heiID))\": it serves the organizational units of \(coveredHEIs.joined(separator: ", ")).")
        }
        let ids = parameters.values("ounit_id")
        let codes = parameters.values("ounit_code")
        switch (ids.isEmpty, codes.isEmpty) {
        case (false, false):
            throw .badRequest("Send either ounit_id or ounit_code values, not both (got \(ids.count) ounit_id and \(codes.count) ounit_code).")
        case (true, true):
            throw .badRequest("The required parameter ounit_id or ounit_code is missing: name the units you want (at most \(maxOUnitIDs) ids or \(maxOUnitCodes) codes per request).")
        case (false, true):
            try IDListLimit(maxCount: maxOUnitIDs).check("ounit_id", ids)
            return Query(heiID: heiID, selector: .ids(distinct(ids)))
        case (true, false):
            guard codes.count <= maxOUnitCodes else {
                throw .badRequest("\(codes.count) ounit_code values sent; at most \(maxOUnitCodes) are accepted per request (max-ounit-codes in our manifest): split the request.")
            }
            return Query(heiID: heiID, selector: .codes(distinct(codes)))
        }
    }

    /// The units the selector names, in request order; unknown ids or codes are left out.
    public static func select(_ units: [OrganizationalUnit], _ selector: Selector) -> [OrganizationalUnit] {
        switch selector {
        case .ids(let ids):
            let byID = Dictionary(units.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            return ids.compactMap { byID[$0] }
        case .codes(let codes):
            let byCode = Dictionary(units.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
            return codes.compactMap { byCode[$0] }
        }
    }

    /// `ounits-response` with these units (possibly none).
    public static func response(_ units: [OrganizationalUnit]) -> XElement {
        XElement("ounits-response", namespace: InstitutionNamespace.ounitsResponse, children: units.map(\.element))
    }

    private static func distinct(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }
}

extension OUnitsAPI {
    public static let endpoint = ServedEndpoint("ounits", label: "organizational-units")
    public static let served = ServedAPI(endpoints: [endpoint], manifestEntry: { urls, limits in
        manifestEntry(url: urls(endpoint), maxOUnitIDs: limits.ounitIDs, maxOUnitCodes: limits.ounitCodes)
    }, handle: handle)
}

extension OUnitsAPI {
    /// The units of one covered HEI, selected by id or code.
    static func handle(_ call: APICall, _ services: APIServices) async throws(APIRequestError) -> XElement {
        let query = try query(call.parameters, coveredHEIs: services.coveredHEIs, maxOUnitIDs: services.limits.ounitIDs,
                              maxOUnitCodes: services.limits.ounitCodes)
        return response(select(services.institutions.ounits(query.heiID), query.selector))
    }
}
