import EWPAPIs
import Foundation
import Testing

/// A 400 quotes what the caller sent only as a short excerpt: a parameter of 100,000 characters
/// (a request body may hold up to 1 MB) never comes back whole in the developer-message.
@Suite struct ParameterEchoTests {
    static let huge = String(repeating: "Z", count: 100_000)

    static func message(_ body: () throws -> Void) -> String {
        do {
            try body()
            return ""
        } catch let error as APIRequestError {
            return error.developerMessage
        } catch {
            return "\(error)"
        }
    }

    @Test(arguments: ["receiving_academic_year_id", "mobility_type", "modified_since"])
    func laIndexParameters(_ name: String) {
        let parameters = RequestParameters([("sending_hei_id", "a.example"), (name, Self.huge)])
        let text = Self.message { _ = try OMobilityLAsIndexRequest(parameters, servedHEI: "a.example") }
        #expect(text.contains(name) && text.contains("(100000 bytes)"), "\(text)")
        #expect(text.utf8.count < 400, "a message of \(text.utf8.count) bytes")
    }

    @Test func sendingHEIOfAnotherHost() {
        let parameters = RequestParameters([("sending_hei_id", Self.huge), ("omobility_id", "m-1")])
        let text = Self.message { _ = try OMobilityLAsGetRequest(parameters, servedHEI: "a.example") }
        #expect(!text.isEmpty && text.utf8.count < 400, "a message of \(text.utf8.count) bytes")
    }

    @Test func modifiedSince() {
        let text = Self.message { _ = try RequestParameters([("modified_since", Self.huge)]).modifiedSince() }
        #expect(text.contains("(100000 bytes)") && text.utf8.count < 400, "\(text.prefix(200))")
    }
}
