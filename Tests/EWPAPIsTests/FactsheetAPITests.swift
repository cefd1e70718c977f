import EWPTestTraits
import EWPAPIs
import EWPTestSupport
import EWPXML
import Testing

@Suite("Mobility Factsheet API v1: parameters and response (factsheet README)")
struct FactsheetAPITests {
    static let ns = InstitutionNamespace.factsheetResponse
    static let xsd = RepositoryPaths.spec("ewp-specs-api-factsheet/response.xsd")

    @Test("hei_id: required, at most max-hei-ids, distinct in request order")
    func parameters() throws {
        let missing = refusal { () throws(APIRequestError) in try FactsheetAPI.requestedHEIs(RequestParameters([("heiid", "x")]), max: 2) }
        #expect(missing?.status == 400 && missing?.developerMessage.contains("hei_id is missing") == true)
        #expect(missing?.developerMessage.contains("mobility factsheets") == true)
        let many = refusal { () throws(APIRequestError) in
            try FactsheetAPI.requestedHEIs(RequestParameters([("hei_id", "a"), ("hei_id", "b"), ("hei_id", "c")]), max: 2)
        }
        #expect(many?.status == 400 && many?.developerMessage.contains("at most 2") == true)
        #expect(try FactsheetAPI.requestedHEIs(RequestParameters([("hei_id", "b"), ("hei_id", "a")]), max: 2) == ["b", "a"])
    }

    @Test("a factsheet with every element validates against the official XSD, in the schema's order")
    func officialSchema() async throws {
        let document = XMLWriter.document(FactsheetAPI.response([InstitutionSamples.factsheet.element(heiID: "example.edu")]),
                                          prefixes: InstitutionNamespace.prefixes)
        let outcome = try await OfficialSchemas.validate(document, against: Self.xsd)
        #expect(outcome.valid, "\(outcome.messages)\n\(String(decoding: document, as: UTF8.self))")
        let factsheet = try #require(try XMLReader.parse(document).children.first)
        #expect(factsheet.children.map(\.name) == [
            "hei-id", "calendar", "application-info", "additional-requirement", "additional-requirement", "decision-weeks-limit",
            "tor-weeks-limit", "accessibility", "accessibility", "housing-info", "visa-info", "insurance-info", "additional-info",
        ])
        #expect(factsheet.element("hei-id", namespace: Self.ns)?.text == "example.edu")
        #expect(factsheet.element("calendar", namespace: Self.ns)?.element("student-applications", namespace: Self.ns)?
            .element("spring-term", namespace: Self.ns)?.text == "--10-15")
    }

    @Test("an empty response is valid; a date that is not --MM-DD is not (the check is not vacuous)", .officialSpecs)
    func emptyAndInvalid() async throws {
        let empty = try await OfficialSchemas.validate(XMLWriter.document(FactsheetAPI.response([])), against: Self.xsd)
        #expect(empty.valid, "\(empty.messages)")
        var factsheet = InstitutionSamples.factsheet
        factsheet.calendar.studentNominations.autumnTerm = "2025-05-01"
        let bad = try await OfficialSchemas.validate(XMLWriter.document(FactsheetAPI.response([factsheet.element(heiID: "example.edu")])),
                                                     against: Self.xsd)
        #expect(!bad.valid && bad.messages.contains("autumn-term"), "\(bad.messages)")
    }
}
