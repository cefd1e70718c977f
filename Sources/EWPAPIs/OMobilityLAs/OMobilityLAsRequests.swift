import EWPCore
import EWPModel
import EWPSecurity
import Foundation

/// The parameters of OMobility LAs `get` (OMobility LAs API v1 endpoints/get.md; the EWP API
/// Validator's OMobility LAs get checks).
public struct OMobilityLAsGetRequest: Sendable, Equatable {
    /// The requested omobility ids, in request order, each once.
    public var omobilityIDs: [String]

    /// `sending_hei_id` is required, given once, and names the HEI this endpoint serves (400
    /// otherwise). `omobility_id` is required and repeatable, at most `maxOmobilityIDs`
    /// occurrences, duplicates counted (the EWP API Validator may repeat one id). Unknown ids are
    /// not an error; other parameters are ignored (only an unknown one is a 400 for the missing
    /// required ones).
    public init(_ parameters: RequestParameters, servedHEI: HEIID, maxOmobilityIDs: Int = OMobilityLAsAPI.maxOmobilityIDs) throws(APIRequestError) {
        try LAParameterRules.requireServedSendingHEI(parameters, servedHEI: servedHEI)
        omobilityIDs = try parameters.requiredIDs("omobility_id", max: maxOmobilityIDs)
    }
}

/// The parameters of OMobility LAs `index` (OMobility LAs API v1 endpoints/index.md; the EWP API
/// Validator's OMobility LAs index checks).
public struct OMobilityLAsIndexRequest: Sendable, Equatable {
    /// `receiving_hei_id` values (repeatable), lower-cased, each once; nil = no filter. Unknown
    /// ones are allowed but not ignored: only unknown ones match nothing.
    public var receivingHEIs: [String]?
    /// `receiving_academic_year_id` (single, `YYYY/YYYY`).
    public var receivingAcademicYear: String?
    /// `global_id` (single): the European Student Identifier.
    public var globalID: String?
    /// `mobility_type` (single): blended, doctoral or semester.
    public var mobilityType: MobilityType?
    /// `modified_since` (single, xs:dateTime).
    public var modifiedSince: Date?

    /// `sending_hei_id` as for `get`. A year that is not `YYYY/YYYY`, a `modified_since` that is
    /// not an xs:dateTime and any single-valued parameter given twice are 400s (as the EWP API
    /// Validator's index checks expect).
    public init(_ parameters: RequestParameters, servedHEI: HEIID) throws(APIRequestError) {
        try LAParameterRules.requireServedSendingHEI(parameters, servedHEI: servedHEI)
        var receiving: [String] = []
        for value in parameters.values("receiving_hei_id") {
            let hei = HEIID(value.trimmingCharacters(in: .whitespaces)).normalized
            if !receiving.contains(hei) { receiving.append(hei) }
        }
        receivingHEIs = parameters.values("receiving_hei_id").isEmpty ? nil : receiving
        receivingAcademicYear = try LAParameterRules.optionalSingle(parameters, "receiving_academic_year_id")
        if let year = receivingAcademicYear, !LAParameterRules.isAcademicYearID(year) {
            throw .badRequest("receiving_academic_year_id \"\(CallerText.excerpt(year))\" is not an academic year id of the form YYYY/YYYY (e.g. 2024/2025).")
        }
        globalID = try LAParameterRules.optionalSingle(parameters, "global_id")
        if let type = try LAParameterRules.optionalSingle(parameters, "mobility_type") {
            guard let value = MobilityType(rawValue: type) else {
                throw .badRequest("mobility_type \"\(CallerText.excerpt(type))\" is not one of \(MobilityType.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            mobilityType = value
        } else {
            mobilityType = nil
        }
        if let text = try LAParameterRules.optionalSingle(parameters, "modified_since") {
            guard let date = EWPModel.XSDateTime(text)?.date else {
                throw .badRequest("modified_since \"\(CallerText.excerpt(text))\" is not an xs:dateTime such as 2019-04-02T15:19:21+01:00 (a date alone is not enough).")
            }
            modifiedSince = date
        } else {
            modifiedSince = nil
        }
    }

    /// The store filters these parameters ask for (AND across keys, OR within).
    public var filters: [String: [String]] {
        var filters: [String: [String]] = [:]
        if let receivingHEIs { filters[OwnLAStorage.Key.receivingHEI] = receivingHEIs }
        if let receivingAcademicYear { filters[OwnLAStorage.Key.academicYear] = [receivingAcademicYear] }
        if let globalID { filters[OwnLAStorage.Key.globalID] = [globalID] }
        if let mobilityType { filters[OwnLAStorage.Key.mobilityType] = [mobilityType.rawValue] }
        return filters
    }
}

/// Rules `get` and `index` share.
enum LAParameterRules {
    /// `sending_hei_id`: required, once, and the HEI this endpoint serves (each covered HEI is its
    /// own EWP host, so another HEI is unknown here).
    static func requireServedSendingHEI(_ parameters: RequestParameters, servedHEI: HEIID) throws(APIRequestError) {
        let sending = try parameters.requiredSingle("sending_hei_id")
        guard HEIID(sending) == servedHEI else {
            throw .badRequest("sending_hei_id \"\(CallerText.excerpt(sending))\" is not served here: this endpoint serves the outgoing learning agreements of \(servedHEI) only.")
        }
    }

    /// The value of an optional parameter that may be given once; nil when absent.
    static func optionalSingle(_ parameters: RequestParameters, _ name: String) throws(APIRequestError) -> String? {
        let values = parameters.values(name)
        guard values.count <= 1 else { throw .badRequest("\(name) may be given once (it was given \(values.count) times).") }
        guard let value = values.first?.trimmingCharacters(in: .whitespaces) else { return nil }
        guard !value.isEmpty else { throw .badRequest("\(name) is empty; leave it out or give a value.") }
        return value
    }

    /// `trm:AcademicYearId`: `[0-9]{4}/[0-9]{4}`.
    static func isAcademicYearID(_ s: String) -> Bool {
        let u = Array(s.utf8)
        return u.count == 9 && u[4] == UInt8(ascii: "/") && u.enumerated().allSatisfy { $0.offset == 4 || (0x30...0x39).contains($0.element) }
    }
}
