import EWPXML
import Testing
@testable import EWPAPIs

/// One limit on id lists for every CNR and `get` (count per API, 64 characters per id).
@Suite("Id lists in CNRs and get requests are bounded")
struct IDListLimitTests {
    static let long = String(repeating: "x", count: IDListLimit.maxIDLength + 1)

    @Test("an id of 64 characters passes, 65 is a 400 that says the limit and quotes only an excerpt")
    func length() throws {
        let ok = String(repeating: "y", count: IDListLimit.maxIDLength)
        #expect(try RequestParameters([("iia_id", ok)]).requiredIDs("iia_id", max: 3) == [ok])
        let huge = String(repeating: "z", count: 100_000)
        for value in [Self.long, huge] {
            do {
                _ = try RequestParameters([("iia_id", "a"), ("iia_id", value)]).requiredIDs("iia_id", max: 3)
                Issue.record("a \(value.count)-character id was accepted")
            } catch {
                #expect(error.status == 400)
                #expect(error.developerMessage.contains("\(value.count) characters"), "\(error.developerMessage)")
                #expect(error.developerMessage.contains("1 to 64 characters"))
                #expect(error.developerMessage.utf8.count < 300)
            }
        }
    }

    @Test("every CNR API applies it")
    func cnrs() {
        #expect(throws: APIRequestError.self) { try IIACNRAPI.notification(RequestParameters([("iia_id", Self.long)]), callerHEIs: ["b"]) }
        #expect(throws: APIRequestError.self) { try IIAApprovalCNRAPI.notification(RequestParameters([("iia_id", Self.long)]), callerHEIs: ["b"]) }
        #expect(throws: APIRequestError.self) {
            try OMobilityLACNRAPI.notification(RequestParameters([("sending_hei_id", "b"), ("omobility_id", Self.long)]), callerHEIs: ["b"])
        }
    }

    @Test("OUnits applies it to ounit_id, and quotes an unknown hei_id as an excerpt")
    func ounits() {
        #expect { try OUnitsAPI.query(RequestParameters([("hei_id", "a.edu"), ("ounit_id", Self.long)]), coveredHEIs: ["a.edu"],
                                      maxOUnitIDs: 3, maxOUnitCodes: 3) } throws: { ($0 as? APIRequestError)?.developerMessage.contains("1 to 64 characters") == true }
        #expect { try OUnitsAPI.query(RequestParameters([("hei_id", String(repeating: "h", count: 50_000)), ("ounit_id", "x")]), coveredHEIs: ["a.edu"],
                                      maxOUnitIDs: 3, maxOUnitCodes: 3) } throws: { (($0 as? APIRequestError)?.developerMessage.utf8.count ?? .max) < 400 }
    }

    @Test("the count limit stays the API's own, counted as sent")
    func count() {
        let limit = IDListLimit(maxCount: 2)
        #expect(throws: Never.self) { try limit.check("iia_id", ["a", "b"]) }
        #expect { try limit.check("iia_id", ["a", "a", "a"]) } throws: { ($0 as? APIRequestError)?.developerMessage.contains("at most 2") == true }
    }
}
