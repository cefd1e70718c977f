import EWPAPIs
import EWPCore
import EWPHTTP

/// Targets whose input is a query string or an `application/x-www-form-urlencoded` body.
enum TextTargets {
    static func form(_ bytes: [UInt8]) {
        let pairs = FormURLEncoding.decode(String(decoding: bytes, as: UTF8.self))
        // What we decode, we can encode, and it decodes back to the same pairs.
        let again = FormURLEncoding.decode(FormURLEncoding.encode(pairs))
        invariant(again.map(\.0) == pairs.map(\.0) && again.map(\.1) == pairs.map(\.1), "encode/decode round trip changed the pairs")
    }

    /// Every reader of request parameters: the CNRs, and the get/index requests of each API.
    static func parameters(_ bytes: [UInt8]) {
        let parameters = RequestParameters(FormURLEncoding.decode(String(decoding: bytes, as: UTF8.self)))
        let callers: [HEIID] = ["uni.example", "other.example"]
        _ = try? IIACNRAPI.notification(parameters, callerHEIs: callers)
        _ = try? IIAApprovalCNRAPI.notification(parameters, callerHEIs: callers)
        _ = try? OMobilityLACNRAPI.notification(parameters, callerHEIs: callers)
        _ = try? IMobilityToRCNRAPI.notification(parameters, callerHEIs: callers)
        _ = try? IMobilityToRCNRv2API.notification(parameters, callerHEIs: callers)
        _ = try? OMobilityCNRAPI.notification(parameters, callerHEIs: callers)
        _ = try? IMobilityCNRAPI.notification(parameters, callerHEIs: callers)
        _ = try? OMobilitiesGetRequest(parameters)
        _ = try? OMobilitiesIndexRequest(parameters)
        _ = try? IIAsGetRequest(parameters)
        _ = try? IIAsIndexRequest(parameters)
        _ = try? OMobilityLAsGetRequest(parameters, servedHEI: "uni.example")
        _ = try? OMobilityLAsIndexRequest(parameters, servedHEI: "uni.example")
        for version in ToRsVersion.allCases {
            _ = try? ToRsGetRequest(parameters, version: version)
            _ = try? ToRsIndexRequest(parameters, version: version)
        }
        _ = try? HEIListParameter.values(parameters, max: 10, what: "hei_id")
        _ = try? parameters.modifiedSince()
    }
}
