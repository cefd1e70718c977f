import EWPTestTraits
import EWPAPIs
import EWPTestSupport
import EWPXML
import Testing

@Suite("Institutions API v2: parameters, response, manifest entry (institutions README)")
struct InstitutionsAPITests {
    static let ns = InstitutionNamespace.institutionsResponse

    func heis(_ pairs: [(String, String)], max: Int = 3) throws(APIRequestError) -> [String] {
        try InstitutionsAPI.requestedHEIs(RequestParameters(pairs), max: max)
    }

    @Test("hei_id is required: missing, or only other parameters → 400 naming hei_id")
    func missing() {
        for pairs: [(String, String)] in [[], [("hei_id_param", "example.edu")], [("HEI_ID", "example.edu")]] {
            let error = refusal { () throws(APIRequestError) in try heis(pairs) }
            #expect(error?.status == 400 && error?.developerMessage.contains("hei_id is missing") == true, "\(String(describing: error))")
        }
    }

    @Test("more than max-hei-ids values → 400 saying the limit; exactly max (duplicates included) is fine")
    func limit() throws {
        #expect(try heis([("hei_id", "a"), ("hei_id", "a"), ("hei_id", "a")]) == ["a"])
        let error = refusal { () throws(APIRequestError) in try heis([("hei_id", "a"), ("hei_id", "b"), ("hei_id", "c"), ("hei_id", "a")]) }
        #expect(error?.status == 400 && error?.developerMessage.contains("4 hei_id values sent; at most 3") == true, "\(String(describing: error))")
    }

    @Test("values are kept in request order without repeats; unknown and empty ones are the caller's, not errors")
    func order() throws {
        #expect(try heis([("hei_id", "b.edu"), ("x", "1"), ("hei_id", ""), ("hei_id", "a.edu"), ("hei_id", "b.edu")], max: 5) == ["b.edu", "", "a.edu"])
    }

    @Test("a response with every element validates against the official XSD; an empty one too")
    func officialSchema() async throws {
        let full = XMLWriter.document(InstitutionsAPI.response([InstitutionSamples.institution.element,
                                                                Institution(heiID: "other.edu", names: [LocalizedText(value: "Other")]).element]),
                                      prefixes: InstitutionNamespace.prefixes)
        let outcome = try await OfficialSchemas.validate(full, against: RepositoryPaths.spec("ewp-specs-api-institutions/response.xsd"))
        #expect(outcome.valid, "\(outcome.messages)\n\(String(decoding: full, as: UTF8.self))")
        let empty = try await OfficialSchemas.validate(XMLWriter.document(InstitutionsAPI.response([])),
                                                       against: RepositoryPaths.spec("ewp-specs-api-institutions/response.xsd"))
        #expect(empty.valid, "\(empty.messages)")
    }

    @Test("the hei element keeps the schema's order and the data as given")
    func elementOrder() throws {
        let root = try XMLReader.parse(XMLWriter.document(InstitutionSamples.institution.element))
        #expect(root.children.map(\.name) == [
            "hei-id", "other-id", "other-id", "name", "name", "abbreviation", "street-address", "mailing-address",
            "website-url", "website-url", "logo-url", "mobility-factsheet-url", "course-catalogue-url", "contact", "contact",
            "root-ounit-id", "ounit-id", "ounit-id",
        ])
        #expect(root.elements("other-id", namespace: Self.ns).map { $0.attribute("type") } == ["erasmus", "local"])
        #expect(root.elements("name", namespace: Self.ns).map { $0.attribute("lang", namespace: XMLWriter.xmlNamespace) } == ["en", "nl"])
        let contact = try #require(root.element("contact", namespace: InstitutionNamespace.contact))
        #expect(contact.children.map(\.name) == [
            "contact-name", "contact-name", "person-given-names", "person-family-name", "person-gender", "phone-number", "phone-number",
            "fax-number", "email", "email", "street-address", "mailing-address", "role-description",
        ])
        #expect(contact.element("role-description", namespace: InstitutionNamespace.contact)?.text.contains("\n") == true)
    }

    @Test("a schema violation in the data is caught by the official XSD (the check is not vacuous)", .officialSpecs)
    func invalidCountryIsInvalid() async throws {
        var institution = InstitutionSamples.institution
        institution.streetAddress?.country = "Netherlands"
        let document = XMLWriter.document(InstitutionsAPI.response([institution.element]), prefixes: InstitutionNamespace.prefixes)
        let outcome = try await OfficialSchemas.validate(document, against: RepositoryPaths.spec("ewp-specs-api-institutions/response.xsd"))
        #expect(!outcome.valid && outcome.messages.contains("country"), "\(outcome.messages)")
    }

    @Test("manifest entries: version, url and the limits, valid inside a manifest (official wrapper)")
    func manifestEntries() throws {
        let institutions = InstitutionsAPI.manifestEntry(url: "https://ewp.example.edu/hei/example.edu/institutions", maxHEIIDs: 7)
        #expect(institutions.name == "institutions" && institutions.namespace == InstitutionNamespace.institutionsEntry)
        #expect(institutions.attribute("version") == "2.2.0")
        #expect(institutions.children.map(\.name) == ["http-security", "url", "max-hei-ids"])
        #expect(institutions.element("max-hei-ids", namespace: InstitutionNamespace.institutionsEntry)?.text == "7")
        let ounits = OUnitsAPI.manifestEntry(url: "https://x.example/ounits", maxOUnitIDs: 4, maxOUnitCodes: 5)
        #expect(ounits.name == "organizational-units" && ounits.attribute("version") == "2.1.1")
        #expect(ounits.children.map(\.name) == ["http-security", "url", "max-ounit-ids", "max-ounit-codes"])
        #expect(ounits.children.suffix(2).map(\.text) == ["4", "5"])
        let factsheet = FactsheetAPI.manifestEntry(url: "https://x.example/factsheet", maxHEIIDs: 2)
        #expect(factsheet.name == "factsheet" && factsheet.namespace == InstitutionNamespace.factsheetEntry && factsheet.attribute("version") == "1.2.0")
        #expect(factsheet.children.map(\.name) == ["http-security", "url", "max-hei-ids"])
    }
}
