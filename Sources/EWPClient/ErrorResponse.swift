import EWPXML
import Foundation

/// Reads the `developer-message` of an EWP `<error-response>` (arch › Error handling).
enum ErrorResponse {
    /// The trimmed developer-message, or nil if the body is not an error-response.
    static func developerMessage(_ body: [UInt8]) -> String? {
        guard !body.isEmpty, let root = try? XMLReader.parse(body), root.name == "error-response",
              let message = root.element("developer-message", namespace: root.namespace) else { return nil }
        return message.text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
