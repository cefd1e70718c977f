/// The one error type of EWPStore. The message says what failed and, where possible, what to fix;
/// the code says what kind of failure it is, for a caller to switch on (e.g. answer 400 on bad input,
/// 503 when the database is unavailable, and retry only what may pass later).
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable, CaseIterable {
        /// The caller passed something the store refuses (an empty identifying field, a bad setting).
        case invalidInput
        /// The change contradicts what is stored (a constraint, a deleted id reused).
        case conflict
        /// The database cannot be reached or used now (cannot open or create it, busy, read-only,
        /// I/O error, disk full); the same call may pass later.
        case unavailable
        /// What is stored cannot be read (not a database, corrupt, rows the store does not understand).
        case corrupt
        /// Anything else.
        case other
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}

extension StoreError {
    /// Throws "`subject` has an empty NAME" for the first of `fields` (name, value) whose value is empty.
    static func requireNonEmpty(_ fields: KeyValuePairs<String, String>, in subject: @autoclosure () -> String) throws {
        if let (name, _) = fields.first(where: { $0.value.isEmpty }) {
            throw StoreError(.invalidInput, "\(subject()) has an empty \(name)")
        }
    }
}
