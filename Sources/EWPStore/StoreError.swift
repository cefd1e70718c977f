/// The one error type of EWPStore. The message says what failed and, where possible, what to fix.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

extension StoreError {
    /// Throws "`subject` has an empty NAME" for the first of `fields` (name, value) whose value is empty.
    static func requireNonEmpty(_ fields: KeyValuePairs<String, String>, in subject: @autoclosure () -> String) throws {
        if let (name, _) = fields.first(where: { $0.value.isEmpty }) {
            throw StoreError("\(subject()) has an empty \(name)")
        }
    }
}
