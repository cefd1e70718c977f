import EWPModel
import EWPSecurity
import Foundation

/// The parameters of IIAs `get` (IIAs API v7 endpoints/get.md; the EWP API Validator's IIAs get
/// checks).
public struct IIAsGetRequest: Sendable, Equatable {
    /// The requested ids (our iia-ids), in request order, each once.
    public var iiaIDs: [String]

    /// `iia_id` is required and repeatable (`requiredIDs`: missing or empty → 400, repeats once),
    /// at most `maxIIAIDs` occurrences, repeats included (the EWP API Validator sends max+1 copies
    /// of one id and expects 400). Unknown ids are not an error (they are simply not found); other
    /// parameters are ignored, so a request with only those lacks `iia_id` (checked by the EWP API
    /// Validator).
    public init(_ parameters: RequestParameters, maxIIAIDs: Int = IIAsAPI.maxIIAIDs) throws(APIRequestError) {
        iiaIDs = try parameters.requiredIDs("iia_id", max: maxIIAIDs)
    }
}

/// The parameters of IIAs `index` (IIAs API v7 endpoints/index.md; ewp-specs-architecture ›
/// Index-pulling; the EWP API Validator's IIAs index checks).
public struct IIAsIndexRequest: Sendable, Equatable {
    /// `receiving_academic_year_id` values (repeatable), each once, in request order; [] = no filter.
    public var receivingAcademicYears: [String]
    /// `modified_since` (single).
    public var modifiedSince: Date?

    /// A year that is not `YYYY/YYYY` (checked by the EWP API Validator: `test/test`) or a
    /// `modified_since` that is not an xs:dateTime (a date alone, garbage) or is given twice
    /// (checked by the EWP API Validator) is a 400.
    public init(_ parameters: RequestParameters) throws(APIRequestError) {
        var years: [String] = []
        for value in parameters.values("receiving_academic_year_id") {
            guard let year = AcademicYearID(value) else {
                throw .badRequest("receiving_academic_year_id: \(CallerText.excerpt(AcademicYearID.problem(value) ?? value, limit: 200)).")
            }
            if !years.contains(year.description) { years.append(year.description) }
        }
        receivingAcademicYears = years
        modifiedSince = try parameters.modifiedSince()
    }
}
