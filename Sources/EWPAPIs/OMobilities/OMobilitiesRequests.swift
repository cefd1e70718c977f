import EWPCore
import EWPSecurity
import Foundation

/// The parameters of Outgoing Mobilities `get` (ewp-specs-api-omobilities, endpoints/get.md).
public struct OMobilitiesGetRequest: Sendable, Equatable {
    public var sendingHEI: HEIID
    /// The requested ids, in request order, each once.
    public var omobilityIDs: [OMobilityID]

    /// `sending_hei_id` required once; `omobility_id` required and repeatable, at most
    /// `maxOMobilityIDs` occurrences (400 beyond). Unknown ids are not an error.
    public init(_ parameters: RequestParameters, maxOMobilityIDs: Int = OMobilitiesAPI.maxOMobilityIDs) throws(APIRequestError) {
        sendingHEI = HEIID(try parameters.requiredSingle("sending_hei_id"))
        omobilityIDs = try parameters.requiredIDs("omobility_id", max: maxOMobilityIDs).map(OMobilityID.init)
    }
}

/// The parameters of Outgoing Mobilities `index` (ewp-specs-api-omobilities, endpoints/index.md).
public struct OMobilitiesIndexRequest: Sendable, Equatable {
    public var sendingHEI: HEIID
    /// The `receiving_hei_id` values, each once, in request order; nil = no filter. Unknown values
    /// are allowed but not ignored: only unknown ones give an empty answer.
    public var receivingHEIs: [HEIID]?
    /// `receiving_academic_year_id` in the `YYYY/YYYY` format.
    public var academicYear: String?
    public var modifiedSince: Date?

    public init(_ parameters: RequestParameters) throws(APIRequestError) {
        sendingHEI = HEIID(try parameters.requiredSingle("sending_hei_id"))
        let receiving = parameters.values("receiving_hei_id").map { $0.trimmingCharacters(in: .whitespaces) }
        guard !receiving.contains(where: \.isEmpty) else { throw .badRequest("A receiving_hei_id parameter is empty.") }
        var seen = Set<HEIID>()
        receivingHEIs = receiving.isEmpty ? nil : receiving.map(HEIID.init).filter { seen.insert($0).inserted }
        let years = parameters.values("receiving_academic_year_id")
        guard years.count <= 1 else { throw .badRequest("receiving_academic_year_id may be given once (it was given \(years.count) times).") }
        if let year = years.first?.trimmingCharacters(in: .whitespaces) {
            guard Self.isAcademicYear(year) else {
                throw .badRequest("receiving_academic_year_id \"\(CallerText.excerpt(year))\" is not an academic year in the YYYY/YYYY format, e.g. 2024/2025.")
            }
            academicYear = year
        } else {
            academicYear = nil
        }
        modifiedSince = try parameters.modifiedSince()
    }

    /// ewp-specs-types-academic-term, AcademicYearId: `[0-9]{4}/[0-9]{4}`.
    static func isAcademicYear(_ text: String) -> Bool {
        text.wholeMatch(of: /[0-9]{4}\/[0-9]{4}/) != nil
    }
}
