import Foundation

/// The parameters of IMobility ToRs `get` (IMobility ToRs API v2 endpoints/get.md; IMobility ToRs
/// API v3; the EWP API Validator's IMobility ToRs get checks).
public struct ToRsGetRequest: Sendable, Equatable {
    /// v2: the `receiving_hei_id` given; nil in v3 (which has no HEI parameters).
    public var receivingHEI: String?
    /// The requested omobility ids, in request order, each once.
    public var omobilityIDs: [String]

    /// `omobility_id` is required and repeatable, at most `maxOMobilityIDs` occurrences: copies of
    /// one id count (the validator sends max+1 copies of the known id and expects 400). v2 also
    /// requires `receiving_hei_id` exactly once (twice, even the same value: 400). Unknown ids are
    /// not an error, and neither is an unknown `receiving_hei_id` (`ToRsServer` answers empty).
    /// Other parameters are ignored: a request with only those lacks `omobility_id`.
    public init(_ parameters: RequestParameters, version: ToRsVersion,
                maxOMobilityIDs: Int = IMobilityToRsAPI.maxOMobilityIDs) throws(APIRequestError) {
        omobilityIDs = try parameters.requiredIDs("omobility_id", max: maxOMobilityIDs)
        receivingHEI = version == .v2 ? try parameters.requiredSingle("receiving_hei_id") : nil
    }
}

/// The parameters of IMobility ToRs `index` (IMobility ToRs API v2 endpoints/index.md; IMobility
/// ToRs API v3; ewp-specs-architecture › Index-pulling; the EWP API Validator's IMobility ToRs
/// index checks).
public struct ToRsIndexRequest: Sendable, Equatable {
    /// v2: the `receiving_hei_id` given; nil in v3.
    public var receivingHEI: String?
    /// v2: the `sending_hei_id` values (repeatable), each once, in request order; nil = no filter.
    /// v3 has no such parameter (nil).
    public var sendingHEIs: [String]?
    public var modifiedSince: Date?

    /// v2: `receiving_hei_id` required once (twice, or a known and an unknown one: 400; only
    /// `sending_hei_id`: 400); `sending_hei_id` optional and repeatable, an empty value is a 400.
    /// Both versions: `modified_since` as `RequestParameters.modifiedSince()` reads it.
    public init(_ parameters: RequestParameters, version: ToRsVersion) throws(APIRequestError) {
        if version == .v2 {
            receivingHEI = try parameters.requiredSingle("receiving_hei_id")
            let given = parameters.values("sending_hei_id").map { $0.trimmingCharacters(in: .whitespaces) }
            guard !given.contains(where: \.isEmpty) else { throw .badRequest("A sending_hei_id parameter is empty.") }
            var seen = Set<String>()
            sendingHEIs = given.isEmpty ? nil : given.filter { seen.insert($0).inserted }
        } else {
            receivingHEI = nil
            sendingHEIs = nil
        }
        modifiedSince = try parameters.modifiedSince()
    }
}
