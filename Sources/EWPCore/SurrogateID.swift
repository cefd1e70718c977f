/// EWP surrogate keys ("IDs") compare as exact, case-sensitive strings ("A123" != "a123"; EWP
/// Architecture, "Identifiers (surrogate vs. natural keys)"). Each kind of id is its own type, so an
/// IIA id cannot be passed where an omobility id is expected.
public protocol SurrogateID: Sendable, Hashable, Comparable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    var value: String { get }
    init(_ value: String)
}

extension SurrogateID {
    public init(stringLiteral value: String) { self.init(value) }
    public var description: String { value }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.value < rhs.value }

    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}

/// An interinstitutional agreement's id (`iia-id`) in the catalogue of the HEI that issued it.
public struct IIAID: SurrogateID {
    public let value: String
    public init(_ value: String) { self.value = value }
}

/// An outgoing mobility's id (`omobility-id`), issued by the sending HEI.
public struct OMobilityID: SurrogateID {
    public let value: String
    public init(_ value: String) { self.value = value }
}
