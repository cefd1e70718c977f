/// The one error type of EWPStore. The message says what failed and, where possible, what to fix.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
