import EWPXML
import Foundation

/// Reads the `developer-message` of an EWP `<error-response>` (ewp-specs-architecture › Error
/// handling).
enum ErrorResponse {
    /// Larger bodies are not read: an error-response is a few hundred bytes, and this parse runs
    /// on the caller's thread.
    static let maxBytes = XMLParseThreads.threshold

    /// The trimmed developer-message, or nil if the body is not an error-response.
    static func developerMessage(_ body: [UInt8]) -> String? {
        guard !body.isEmpty, body.count <= maxBytes, let root = try? XMLReader.parse(body), root.name == "error-response",
              let message = root.element("developer-message", namespace: root.namespace) else { return nil }
        return message.text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
