import EWPAPIs
import Foundation
import Testing

/// The parameters of IIAs get and index, rule by rule (IIAs API v7 endpoints/get.md and index.md;
/// each endpoint page › Request parameters; ewp-specs-architecture › Index-pulling; the EWP API
/// Validator's IIAs get checks and IIAs index checks).
@Suite("IIAs v7: request parameters")
struct IIAsRequestsTests {
    static func get(_ pairs: [(String, String)], max: Int = 3) throws(APIRequestError) -> IIAsGetRequest {
        try IIAsGetRequest(RequestParameters(pairs), maxIIAIDs: max)
    }

    /// The status of the APIRequestError `body` throws (-1 for another error), nil if it throws none.
    static func status(_ body: () throws -> Void) -> Int? {
        do {
            try body()
            return nil
        } catch let error as APIRequestError {
            return error.status.code
        } catch {
            return -1
        }
    }

    @Test("EWP API Validator: no parameter at all → 400")
    func missing() {
        #expect(Self.status { _ = try Self.get([]) } == 400)
    }

    @Test("EWP API Validator: only an unrecognised parameter (iia_id_param) → 400, naming iia_id")
    func onlyUnknownParameter() throws {
        do throws(APIRequestError) {
            _ = try Self.get([("iia_id_param", "x")])
            Issue.record("accepted")
        } catch {
            #expect(error.status == 400 && error.developerMessage.contains("iia_id"))
        }
    }

    @Test("EWP API Validator: max-iia-ids + 1 values (copies of one id, or unknown ids) → 400")
    func tooMany() {
        #expect(Self.status { _ = try Self.get(Array(repeating: ("iia_id", "known"), count: 4)) } == 400)
        #expect(Self.status { _ = try Self.get((1...4).map { ("iia_id", "unknown-\($0)") }) } == 400)
    }

    @Test("EWP API Validator: exactly max-iia-ids copies are fine; repeats are processed once, in order; other parameters ignored")
    func repeatsAndOrder() throws {
        #expect(try Self.get(Array(repeating: ("iia_id", "known"), count: 3)).iiaIDs == ["known"])
        #expect(try Self.get([("iia_id", "b"), ("hei_id", "x"), ("iia_id", "a"), ("iia_id", "b")]).iiaIDs == ["b", "a"])
    }

    @Test("ewp-specs-architecture › Identifiers: ids are exact, case-sensitive strings")
    func exactIDs() throws {
        #expect(try Self.get([("iia_id", "A123"), ("iia_id", "a123"), ("iia_id", "0123")]).iiaIDs == ["A123", "a123", "0123"])
    }

    @Test("EWP API Validator: no parameter, a northern or southern year, or an unknown year are accepted")
    func indexYears() throws {
        #expect(try IIAsIndexRequest(RequestParameters([])) == IIAsIndexRequest(RequestParameters([])))
        let request = try IIAsIndexRequest(RequestParameters([("receiving_academic_year_id", "2010/2011"), ("receiving_academic_year_id", "2010/2010"),
                                                              ("receiving_academic_year_id", "1653/1654"), ("receiving_academic_year_id", "2010/2011")]))
        #expect(request.receivingAcademicYears == ["2010/2011", "2010/2010", "1653/1654"])
        #expect(request.modifiedSince == nil)
    }

    @Test("EWP API Validator: a malformed year (test/test) → 400", arguments: ["test/test", "2010-2011", "2010/2013", "", "2010/2011 "])
    func indexMalformedYear(_ value: String) {
        #expect(Self.status { _ = try IIAsIndexRequest(RequestParameters([("receiving_academic_year_id", value)])) } == 400)
    }

    @Test("EWP API Validator: two modified_since values → 400")
    func twoModifiedSince() {
        let pairs = [("modified_since", "2004-02-12T15:19:21+01:00"), ("modified_since", "2004-02-12T15:19:21+01:00")]
        #expect(Self.status { _ = try IIAsIndexRequest(RequestParameters(pairs)) } == 400)
    }

    @Test("ewp-specs-architecture › Index-pulling: modified_since is an xs:dateTime; a date alone or garbage → 400",
          arguments: ["2004-02-12", "garbage", "12/02/2004 15:19", "2004-02-12T15:19", "2004-02-30T15:19:21Z", ""])
    func modifiedSinceGarbage(_ value: String) {
        #expect(Self.status { _ = try IIAsIndexRequest(RequestParameters([("modified_since", value)])) } == 400)
    }

    @Test("ewp-specs-architecture › Index-pulling: a valid modified_since is read with its time zone")
    func modifiedSinceValue() throws {
        let request = try IIAsIndexRequest(RequestParameters([("modified_since", "2000-02-12T15:19:21+01:00")]))
        #expect(request.modifiedSince == Date(timeIntervalSince1970: 950_365_161))
    }
}
