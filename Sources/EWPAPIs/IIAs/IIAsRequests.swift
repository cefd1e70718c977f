import EWPModel
import EWPSecurity
import Foundation

/// The parameters of IIAs `get` (digest §6.2; validator checks 52–59).
public struct IIAsGetRequest: Sendable, Equatable {
    /// The requested ids (our iia-ids), in request order, each once.
    public var iiaIDs: [String]

    /// `iia_id` is required and repeatable (`requiredIDs`: missing or empty → 400, repeats once),
    /// at most `maxIIAIDs` occurrences, repeats included (check 56 sends max+1 copies of one id and
    /// expects 400). Unknown ids are not an error (they are simply not found); other parameters are
    /// ignored, so a request with only those lacks `iia_id` (check 59).
    public init(_ parameters: RequestParameters, maxIIAIDs: Int = IIAsAPI.maxIIAIDs) throws(APIRequestError) {
        iiaIDs = try parameters.requiredIDs("iia_id", max: maxIIAIDs)
    }
}

/// The parameters of IIAs `index` (digest §6.3, §1.9; validator checks 61–69).
public struct IIAsIndexRequest: Sendable, Equatable {
    /// `receiving_academic_year_id` values (repeatable), each once, in request order; [] = no filter.
    public var receivingAcademicYears: [String]
    /// `modified_since` (single).
    public var modifiedSince: Date?

    /// A year that is not `YYYY/YYYY` (check 63: `test/test`) or a `modified_since` that is not an
    /// xs:dateTime (a date alone, garbage) or is given twice (check 64) is a 400.
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
