import EWPAPIs
import Foundation
import Testing

/// The parameter rules of IMobility ToRs `get` and `index`, v2 and v3, each citing the spec section
/// and the EWP API Validator check it proves (its IMobility ToRs get and index checks; the get
/// checks repeat the OMobility LAs get checks).
@Suite("IMobility ToRs: get and index parameters")
struct IMobilityToRsRequestsTests {
    static let hei = "node.test.example"

    func params(_ pairs: [(String, String)]) -> RequestParameters { RequestParameters(pairs) }

    /// The status a refused request gets (-1 for an error that is not an APIRequestError), nil when accepted.
    func status(_ body: () throws -> Void) -> Int? {
        do {
            try body()
            return nil
        } catch {
            return (error as? APIRequestError)?.status.code ?? -1
        }
    }

    // MARK: get

    @Test("IMobility ToRs API v2 endpoints/get.md, EWP API Validator: receiving_hei_id once and omobility ids → the ids, in order, each once")
    func getKnown() throws {
        let request = try ToRsGetRequest(params([("receiving_hei_id", Self.hei), ("omobility_id", "b"), ("omobility_id", "a"), ("omobility_id", "b")]), version: .v2)
        #expect(request.receivingHEI == Self.hei)
        #expect(request.omobilityIDs == ["b", "a"])
    }

    @Test("EWP API Validator: no parameters, no receiving_hei_id, no omobility_id → 400 in v2")
    func getMissing() {
        #expect(status { _ = try ToRsGetRequest(params([]), version: .v2) } == 400)
        #expect(status { _ = try ToRsGetRequest(params([("omobility_id", "a")]), version: .v2) } == 400)
        #expect(status { _ = try ToRsGetRequest(params([("receiving_hei_id", Self.hei)]), version: .v2) } == 400)
        #expect(status { _ = try ToRsGetRequest(params([("omobility_id", "")] + [("receiving_hei_id", Self.hei)]), version: .v2) } == 400)
    }

    @Test("EWP API Validator: max+1 copies of one id and max+1 unknown ids → 400; exactly max copies → accepted, once")
    func getMaximum() throws {
        let base = [("receiving_hei_id", Self.hei)]
        #expect(status { _ = try ToRsGetRequest(params(base + Array(repeating: ("omobility_id", "a"), count: 4)), version: .v2, maxOMobilityIDs: 3) } == 400)
        #expect(status { _ = try ToRsGetRequest(params(base + (1...4).map { ("omobility_id", "u\($0)") }), version: .v2, maxOMobilityIDs: 3) } == 400)
        let exact = try ToRsGetRequest(params(base + Array(repeating: ("omobility_id", "a"), count: 3)), version: .v2, maxOMobilityIDs: 3)
        #expect(exact.omobilityIDs == ["a"])
        #expect(status { _ = try ToRsGetRequest(params(Array(repeating: ("omobility_id", "a"), count: 4)), version: .v3, maxOMobilityIDs: 3) } == 400)
    }

    @Test("EWP API Validator: only an unrecognised parameter (omobility_id_param) → 400")
    func getUnrecognised() {
        #expect(status { _ = try ToRsGetRequest(params([("omobility_id_param", "a")]), version: .v2) } == 400)
        #expect(status { _ = try ToRsGetRequest(params([("omobility_id_param", "a")]), version: .v3) } == 400)
    }

    @Test("EWP API Validator: receiving_hei_id twice (same value, or a correct and an incorrect one) → 400")
    func getReceivingTwice() {
        #expect(status { _ = try ToRsGetRequest(params([("receiving_hei_id", Self.hei), ("receiving_hei_id", Self.hei), ("omobility_id", "a")]), version: .v2) } == 400)
        #expect(status { _ = try ToRsGetRequest(params([("receiving_hei_id", Self.hei), ("receiving_hei_id", "x.example"), ("omobility_id", "a")]), version: .v2) } == 400)
    }

    @Test("IMobility ToRs API v3: v3 get takes omobility_id only; HEI parameters are not required, and ignored")
    func getV3() throws {
        let request = try ToRsGetRequest(params([("omobility_id", "a")]), version: .v3)
        #expect(request.receivingHEI == nil && request.omobilityIDs == ["a"])
        let extra = try ToRsGetRequest(params([("receiving_hei_id", "x"), ("receiving_hei_id", "y"), ("omobility_id", "a")]), version: .v3)
        #expect(extra.omobilityIDs == ["a"])
        #expect(status { _ = try ToRsGetRequest(params([("receiving_hei_id", Self.hei)]), version: .v3) } == 400)
    }

    // MARK: index

    @Test("EWP API Validator: receiving_hei_id twice, only sending_hei_id, known+unknown receiving, no parameters → 400 in v2")
    func indexReceiving() {
        #expect(status { _ = try ToRsIndexRequest(params([("receiving_hei_id", Self.hei), ("receiving_hei_id", Self.hei)]), version: .v2) } == 400)
        #expect(status { _ = try ToRsIndexRequest(params([("sending_hei_id", "s.example")]), version: .v2) } == 400)
        #expect(status { _ = try ToRsIndexRequest(params([("receiving_hei_id", Self.hei), ("receiving_hei_id", "unknown.example")]), version: .v2) } == 400)
        #expect(status { _ = try ToRsIndexRequest(params([]), version: .v2) } == 400)
    }

    @Test("IMobility ToRs API v2 endpoints/index.md: sending_hei_id is optional and repeatable (each once); absent = no filter; an empty value → 400")
    func indexSending() throws {
        let none = try ToRsIndexRequest(params([("receiving_hei_id", Self.hei)]), version: .v2)
        #expect(none.receivingHEI == Self.hei && none.sendingHEIs == nil && none.modifiedSince == nil)
        let some = try ToRsIndexRequest(params([("receiving_hei_id", Self.hei), ("sending_hei_id", "b"), ("sending_hei_id", "a"), ("sending_hei_id", "b")]), version: .v2)
        #expect(some.sendingHEIs == ["b", "a"])
        #expect(status { _ = try ToRsIndexRequest(params([("receiving_hei_id", Self.hei), ("sending_hei_id", " ")]), version: .v2) } == 400)
    }

    @Test("ewp-specs-architecture › Index-pulling, EWP API Validator: modified_since once, an xs:dateTime with time; twice, garbage, a date, another layout → 400")
    func indexModifiedSince() throws {
        let base = [("receiving_hei_id", Self.hei)]
        let parsed = try ToRsIndexRequest(params(base + [("modified_since", "2004-02-12T15:19:21+01:00")]), version: .v2)
        #expect(parsed.modifiedSince == Date(timeIntervalSince1970: 1_076_595_561))
        // A + left unencoded in a query string arrives as a space.
        let spaced = try ToRsIndexRequest(params(base + [("modified_since", "2004-02-12T15:19:21 01:00")]), version: .v2)
        #expect(spaced.modifiedSince == parsed.modifiedSince)
        let utc = try ToRsIndexRequest(params([("modified_since", "2004-02-12T14:19:21Z")]), version: .v3)
        #expect(utc.modifiedSince == parsed.modifiedSince)
        for bad in [[("modified_since", "2019-02-12T15:19:21+01:00"), ("modified_since", "2019-02-12T15:19:21+01:00")],
                    [("modified_since", "this-is-some-unknown-and-unexpected-id")], [("modified_since", "2004-02-12")],
                    [("modified_since", "05/29/2015 05:50")]] {
            #expect(status { _ = try ToRsIndexRequest(params(base + bad), version: .v2) } == 400, "\(bad)")
            #expect(status { _ = try ToRsIndexRequest(params(bad), version: .v3) } == 400, "\(bad)")
        }
    }

    @Test("IMobility ToRs API v3: v3 index takes modified_since only: no parameters is fine, HEI parameters are ignored")
    func indexV3() throws {
        let none = try ToRsIndexRequest(params([]), version: .v3)
        #expect(none.receivingHEI == nil && none.sendingHEIs == nil && none.modifiedSince == nil)
        let extra = try ToRsIndexRequest(params([("receiving_hei_id", "a"), ("receiving_hei_id", "b"), ("sending_hei_id", "")]), version: .v3)
        #expect(extra.sendingHEIs == nil)
    }
}
