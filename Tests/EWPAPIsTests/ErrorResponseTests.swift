import EWPTestTraits
import EWPAPIs
import EWPTestSupport
import EWPXML
import Testing

@Suite("error-response (common-types.xsd; ewp-specs-architecture › Error handling)")
struct ErrorResponseTests {
    @Test func developerMessageThenUserMessages() throws {
        let response = ErrorResponse(developerMessage: "Missing required parameter: iia_id",
                                     userMessages: [.init(language: "en", text: "Try again"), .init(language: nil, text: "x")])
        let root = try XMLReader.parse(response.document)
        #expect(root.name == "error-response")
        #expect(root.namespace == EWPNamespace.commonTypes)
        #expect(root.children.map(\.name) == ["developer-message", "user-message", "user-message"])
        #expect(root.children[1].attribute("lang", namespace: EWPNamespace.xml) == "en")
        #expect(root.children[2].attribute("lang", namespace: EWPNamespace.xml) == nil)
    }

    @Test func validatesAgainstTheOfficialSchema() async throws {
        let response = ErrorResponse(developerMessage: "line 1\nline <2> & \"3\"", userMessages: [.init(text: "Sorry")])
        let outcome = try await OfficialSchemas.validate(response.document, against: OfficialSchemas.commonTypes)
        #expect(outcome.valid, "\(outcome.messages)")
    }

    @Test(.officialSpecs) func anInvalidDocumentIsCaught() async throws {
        // The cross-check must be able to fail: an error-response without its developer-message.
        let bogus = XMLWriter.document(XElement("error-response", namespace: EWPNamespace.commonTypes))
        let outcome = try await OfficialSchemas.validate(bogus, against: OfficialSchemas.commonTypes)
        #expect(!outcome.valid)
    }
}
