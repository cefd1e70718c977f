import EWPAPIs
import EWPTestSupport
import EWPXML
import Testing

@Suite("Organizational Units API v2: parameters, selection, response (ounits README)")
struct OUnitsAPITests {
    static let covered = ["example.edu", "second.example.edu"]

    func query(_ pairs: [(String, String)], maxIDs: Int = 3, maxCodes: Int = 2) throws(APIRequestError) -> OUnitsAPI.Query {
        try OUnitsAPI.query(RequestParameters(pairs), coveredHEIs: Self.covered, maxOUnitIDs: maxIDs, maxOUnitCodes: maxCodes)
    }

    func refused(_ pairs: [(String, String)]) -> APIRequestError? {
        refusal { () throws(APIRequestError) in try query(pairs) }
    }

    @Test("by ids or by codes, distinct, in request order; any covered HEI")
    func accepted() throws {
        #expect(try query([("hei_id", "example.edu"), ("ounit_id", "b"), ("ounit_id", "a"), ("ounit_id", "b")])
            == OUnitsAPI.Query(heiID: "example.edu", selector: .ids(["b", "a"])))
        #expect(try query([("ounit_code", "X"), ("hei_id", "second.example.edu"), ("ounit_code", "x")])
            == OUnitsAPI.Query(heiID: "second.example.edu", selector: .codes(["X", "x"])))
        #expect(try query([("hei_id", "example.edu")] + Array(repeating: ("ounit_id", "a"), count: 3)).selector == .ids(["a"]))
    }

    @Test("every refusal is a 400 whose message names what to fix", arguments: [
        ([("ounit_id", "a")], "hei_id is missing"),
        ([("hei_id", "example.edu"), ("hei_id", "example.edu"), ("ounit_id", "a")], "hei_id must be given once"),
        ([("hei_id", "unknown.edu"), ("ounit_id", "a")], "does not cover the HEI \"unknown.edu\""),
        ([("hei_id", "EXAMPLE.EDU"), ("ounit_id", "a")], "does not cover the HEI \"EXAMPLE.EDU\""),
        ([("hei_id", "example.edu")], "ounit_id or ounit_code is missing"),
        ([("hei_id", "example.edu"), ("ounit_id_param", "a")], "ounit_id or ounit_code is missing"),
        ([("hei_id", "example.edu"), ("ounit_id", "a"), ("ounit_code", "A")], "either ounit_id or ounit_code values, not both"),
        ([("hei_id", "example.edu"), ("ounit_id", "a"), ("ounit_id", "b"), ("ounit_id", "c"), ("ounit_id", "a")], "4 ounit_id values sent; at most 3"),
        ([("hei_id", "example.edu"), ("ounit_code", "a"), ("ounit_code", "b"), ("ounit_code", "c")], "3 ounit_code values sent; at most 2"),
    ] as [([(String, String)], String)])
    func refusals(pairs: [(String, String)], message: String) {
        let error = refused(pairs)
        #expect(error?.status == 400, "\(pairs)")
        #expect(error?.developerMessage.contains(message) == true, "\(String(describing: error?.developerMessage))")
    }

    @Test("selection matches ids and codes exactly (case-sensitive); unknown ones are left out")
    func selection() {
        let units = InstitutionSamples.units
        #expect(OUnitsAPI.select(units, .ids(["exu-sci", "nope", "exu-root"])).map(\.id) == ["exu-sci", "exu-root"])
        #expect(OUnitsAPI.select(units, .ids(["EXU-SCI"])).isEmpty)
        #expect(OUnitsAPI.select(units, .codes(["fsci"])).map(\.id) == ["exu-hum"])
        #expect(OUnitsAPI.select(units, .codes(["FSCI", "EXU"])).map(\.id) == ["exu-sci", "exu-root"])
        #expect(OUnitsAPI.select([], .codes(["FSCI"])).isEmpty)
    }

    @Test("a response with every element validates against the official XSD; an empty one too")
    func officialSchema() async throws {
        let xsd = RepositoryPaths.spec("ewp-specs-api-ounits/response.xsd")
        let full = XMLWriter.document(OUnitsAPI.response(InstitutionSamples.units), prefixes: InstitutionNamespace.prefixes)
        let outcome = try await OfficialSchemas.validate(full, against: xsd)
        #expect(outcome.valid, "\(outcome.messages)\n\(String(decoding: full, as: UTF8.self))")
        let empty = try await OfficialSchemas.validate(XMLWriter.document(OUnitsAPI.response([])), against: xsd)
        #expect(empty.valid, "\(empty.messages)")
        let root = try XMLReader.parse(full)
        #expect(root.children[1].children.map(\.name) == [
            "ounit-id", "ounit-code", "name", "abbreviation", "parent-ounit-id", "street-address", "mailing-address",
            "website-url", "logo-url", "mobility-factsheet-url", "contact",
        ])
    }
}
