import EWPAPIs
import EWPTestSupport
import EWPXML
import Testing

@Suite("Echo API v2 response (checked by the EWP API Validator)")
struct EchoAPITests {
    @Test func heiIDsThenEchoValuesInOrderWithDuplicates() throws {
        let parameters = RequestParameters([("echo", "a"), ("other", "x"), ("echo", "b"), ("echo", "a")])
        let document = XMLWriter.document(EchoAPI.response(requesterHEIs: ["uw.edu.pl", "uma.es"], parameters: parameters))
        let root = try XMLReader.parse(document)
        #expect(root.name == "response")
        #expect(root.namespace == EWPNamespace.echoResponse)
        #expect(root.children.map(\.name) == ["hei-id", "hei-id", "echo", "echo", "echo"])
        #expect(root.elements("echo", namespace: EWPNamespace.echoResponse).map(\.text) == ["a", "b", "a"])
        #expect(root.elements("hei-id", namespace: EWPNamespace.echoResponse).map(\.text) == ["uw.edu.pl", "uma.es"])
    }

    @Test func validatesAgainstTheOfficialSchema() async throws {
        let parameters = RequestParameters([("echo", "zażółć <&> \"gęślą\""), ("echo", "")])
        let document = XMLWriter.document(EchoAPI.response(requesterHEIs: ["uw.edu.pl"], parameters: parameters))
        let outcome = try await OfficialSchemas.validate(document, against: OfficialSchemas.echoResponse)
        #expect(outcome.valid, "\(outcome.messages)")
    }

    @Test func exactBytesOfTheSpecsDigestVector() {
        // The response body whose digest our EWP-shaped vectors sign.
        let parameters = RequestParameters([("echo", "a"), ("echo", "b")])
        let document = XMLWriter.document(EchoAPI.response(requesterHEIs: ["uw.edu.pl"], parameters: parameters))
        let expected = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<response xmlns=\"https://github.com/erasmus-without-paper/ewp-specs-api-echo/tree/stable-v2\"><hei-id>uw.edu.pl</hei-id><echo>a</echo><echo>b</echo></response>"
        #expect(String(decoding: document, as: UTF8.self).trimmingTrailingNewline == expected)
    }
}

extension String {
    var trimmingTrailingNewline: String { hasSuffix("\n") ? String(dropLast()) : self }
}
