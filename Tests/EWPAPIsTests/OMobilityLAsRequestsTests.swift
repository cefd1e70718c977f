import EWPAPIs
import EWPCore
import EWPModel
import Foundation
import Testing

/// The parameter rules of OMobility LAs `get` and `index` (OMobility LAs API v1 endpoints/get.md
/// and index.md), each test naming the EWP API Validator checks (OMobility LAs get and index) it
/// answers.
@Suite("OMobility LAs v1: get and index parameters")
struct OMobilityLAsRequestsTests {
    let served = LAFixture.sendingHEI

    private func get(_ pairs: [(String, String)], max: Int = 3) throws(APIRequestError) -> OMobilityLAsGetRequest {
        try OMobilityLAsGetRequest(LAFixture.parameters(pairs), servedHEI: HEIID(served), maxOmobilityIDs: max)
    }

    private func index(_ pairs: [(String, String)]) throws(APIRequestError) -> OMobilityLAsIndexRequest {
        try OMobilityLAsIndexRequest(LAFixture.parameters(pairs), servedHEI: HEIID(served))
    }

    /// The status a refusal carries (nil: accepted; -1: not an APIRequestError).
    private func status(_ body: () throws -> Void) -> Int? {
        do {
            try body()
            return nil
        } catch let error as APIRequestError {
            #expect(!error.developerMessage.isEmpty)
            return error.status.code
        } catch {
            return -1
        }
    }

    @Test("get: ids in request order, each once; unknown ids are not an error (73, 74, 75, 82)")
    func getIDs() throws {
        #expect(try get([("sending_hei_id", served), ("omobility_id", "b"), ("omobility_id", "a"), ("omobility_id", "b")]).omobilityIDs == ["b", "a"])
        #expect(try get([("sending_hei_id", "SENDING.example"), ("omobility_id", "x")]).omobilityIDs == ["x"])
        #expect(try get([("sending_hei_id", served)] + (1...3).map { ("omobility_id", "id\($0)") }).omobilityIDs.count == 3)
    }

    @Test("get: 400 without parameters, without sending_hei_id or omobility_id, for an unknown or repeated sending_hei_id (76–79, 83–85)")
    func getRequiredParameters() {
        #expect(status { _ = try get([]) } == 400)                                                               // 76
        #expect(status { _ = try get([("omobility_id", "a")]) } == 400)                                          // 77
        #expect(status { _ = try get([("sending_hei_id", served)]) } == 400)                                     // 78
        #expect(status { _ = try get([("sending_hei_id", "unknown.example"), ("omobility_id", "a")]) } == 400)   // 79
        #expect(status { _ = try get([("omobility_id_param", "a")]) } == 400)                                    // 83
        #expect(status { _ = try get([("sending_hei_id", served), ("sending_hei_id", served), ("omobility_id", "a")]) } == 400) // 84
        #expect(status { _ = try get([("sending_hei_id", served), ("sending_hei_id", "x.example"), ("omobility_id", "a")]) } == 400) // 85
        #expect(status { _ = try get([("sending_hei_id", served), ("omobility_id", "")]) } == 400)
    }

    @Test("get: more than max-omobility-ids values is a 400, duplicates counted (80, 81)")
    func getMaximum() {
        #expect(status { _ = try get([("sending_hei_id", served)] + (1...4).map { ("omobility_id", "id\($0)") }) } == 400)
        #expect(status { _ = try get([("sending_hei_id", served)] + Array(repeating: ("omobility_id", "same"), count: 4)) } == 400)
        #expect(status { _ = try get([("sending_hei_id", served)] + Array(repeating: ("omobility_id", "same"), count: 3)) } == nil)
    }

    @Test("index: sending_hei_id required, once, and ours (87, 88, 89, 90, 93)")
    func indexSendingHEI() {
        #expect(status { _ = try index([("sending_hei_id", served), ("sending_hei_id", served)]) } == 400)           // 87
        #expect(status { _ = try index([("receiving_hei_id", LAFixture.receivingHEI)]) } == 400)                    // 88
        #expect(status { _ = try index([("sending_hei_id", served), ("sending_hei_id", "unknown.example")]) } == 400) // 89
        #expect(status { _ = try index([]) } == 400)                                                                // 90
        #expect(status { _ = try index([("sending_hei_id", "unknown.example")]) } == 400)                           // 93
        #expect(status { _ = try index([("sending_hei_id", served)]) } == nil)                                      // 92
    }

    @Test("index: receiving_hei_id repeatable, unknown values kept (not ignored), lower-cased (91, 94, 95)")
    func indexReceivingHEIs() throws {
        let request = try index([("sending_hei_id", served), ("receiving_hei_id", "Receiving.Example"), ("receiving_hei_id", "unknown"),
                                 ("receiving_hei_id", "receiving.example")])
        #expect(request.receivingHEIs == ["receiving.example", "unknown"])
        #expect(request.filters == [OwnLAStorage.Key.receivingHEI: ["receiving.example", "unknown"]])
        #expect(try index([("sending_hei_id", served)]).receivingHEIs == nil)
        #expect(try index([("sending_hei_id", served)]).filters.isEmpty)
    }

    @Test("index: receiving_academic_year_id single and YYYY/YYYY (96, 97, 98)")
    func indexAcademicYear() throws {
        #expect(try index([("sending_hei_id", served), ("receiving_academic_year_id", "2010/2011")]).filters == [OwnLAStorage.Key.academicYear: ["2010/2011"]])
        #expect(try index([("sending_hei_id", served), ("receiving_academic_year_id", "1653/1654")]).receivingAcademicYear == "1653/1654")
        #expect(status { _ = try index([("sending_hei_id", served), ("receiving_academic_year_id", "test/test")]) } == 400)
        #expect(status { _ = try index([("sending_hei_id", served), ("receiving_academic_year_id", "2010/2011"),
                                        ("receiving_academic_year_id", "2011/2012")]) } == 400)
    }

    @Test("index: global_id and mobility_type filter; an unknown mobility type is a 400 (OMobility LAs API v1 endpoints/index.md)")
    func indexStudentAndType() throws {
        let request = try index([("sending_hei_id", served), ("global_id", "urn:esi:1"), ("mobility_type", "blended")])
        #expect(request.filters == [OwnLAStorage.Key.globalID: ["urn:esi:1"], OwnLAStorage.Key.mobilityType: ["blended"]])
        for type in MobilityType.allCases {
            #expect(try index([("sending_hei_id", served), ("mobility_type", type.rawValue)]).mobilityType == type)
        }
        #expect(status { _ = try index([("sending_hei_id", served), ("mobility_type", "erasmus")]) } == 400)
        #expect(status { _ = try index([("sending_hei_id", served), ("global_id", "a"), ("global_id", "b")]) } == 400)
    }

    @Test("index: modified_since is one xs:dateTime (99, 101–105)")
    func indexModifiedSince() throws {
        let since = try index([("sending_hei_id", served), ("modified_since", "2004-02-12T15:19:21+01:00")]).modifiedSince
        #expect(since == Date(timeIntervalSince1970: 1_076_595_561))
        for bad in ["garbage", "2004-02-12", "05/29/2015 05:50"] {
            #expect(status { _ = try index([("sending_hei_id", served), ("modified_since", bad)]) } == 400, "\(bad)")
        }
        #expect(status { _ = try index([("sending_hei_id", served), ("modified_since", "2004-02-12T15:19:21+01:00"),
                                        ("modified_since", "2004-02-12T15:19:21+01:00")]) } == 400)
    }
}
