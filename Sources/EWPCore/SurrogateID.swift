/// EWP surrogate keys ("IDs") compare as exact, case-sensitive strings ("A123" != "a123"; EWP
/// Architecture, "Identifiers (surrogate vs. natural keys)"). Each kind of id is its own type, so an
/// IIA id cannot be passed where an omobility id is expected.
public protocol SurrogateID: StringIdentifier {}

extension SurrogateID {
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.value < rhs.value }
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
