/// An identifier carried as one string: built from a literal, written as that string (for display,
/// in JSON and on the wire). How two ids compare is each type's own rule.
public protocol StringIdentifier: Sendable, Hashable, Comparable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The id as it was given.
    var value: String { get }
    init(_ value: String)
}

extension StringIdentifier {
    public init(stringLiteral value: String) { self.init(value) }
    public var description: String { value }

    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
