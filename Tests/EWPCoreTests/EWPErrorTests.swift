import EWPCore
import HTTPTypes
import Testing

@Suite("EWPError: what an error-response needs")
struct EWPErrorTests {
    struct Plain: EWPError {
        var status: HTTPResponse.Status { .notFound }
        var developerMessage: String { "no such IIA" }
    }

    struct WithHeaders: EWPError {
        var status: HTTPResponse.Status { .methodNotAllowed }
        var developerMessage: String { "use GET or POST" }
        var userMessage: String? { "Not available." }
        var responseHeaders: HTTPFields { [.allow: "GET, POST"] }
    }

    @Test("the user message and extra headers default to none")
    func defaults() {
        let error: any EWPError = Plain()
        #expect(error.status == .notFound)
        #expect(error.status.code == 404)
        #expect(error.developerMessage == "no such IIA")
        #expect(error.userMessage == nil)
        #expect(error.responseHeaders.isEmpty)
    }

    @Test("an error may carry a user message and headers such as Allow")
    func overrides() {
        let error: any EWPError = WithHeaders()
        #expect(error.status.code == 405)
        #expect(error.userMessage == "Not available.")
        #expect(error.responseHeaders[.allow] == "GET, POST")
    }
}
