/// One problem found while parsing, validating or loading XML: a human-readable message and,
/// where libxml2 knows it, the 1-based line of the document (or schema) it refers to.
public struct XMLProblem: Error, Sendable, CustomStringConvertible, Equatable {
    public let message: String
    public let line: Int?

    public init(_ message: String, line: Int? = nil) {
        self.message = message
        self.line = line
    }

    public var description: String {
        if let line { return "line \(line): \(message)" }
        return message
    }
}
