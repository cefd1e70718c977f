/// A higher education institution's SCHAC identifier (e.g. `uw.edu.pl`), as EWP names institutions.
///
/// SCHAC ids are domain names, so two spellings that differ only in case name the same institution:
/// equality, hashing and ordering use the lowercased form, while `description` (and the encoded value)
/// keep the spelling the id was given in, for display and for the wire.
public struct HEIID: StringIdentifier {
    /// The id as it was given.
    public let value: String
    /// The form ids compare by: `value` lowercased.
    public let normalized: String

    public init(_ value: String) {
        self.value = value
        self.normalized = value.lowercased()
    }

    public static func == (lhs: HEIID, rhs: HEIID) -> Bool { lhs.normalized == rhs.normalized }
    public func hash(into hasher: inout Hasher) { hasher.combine(normalized) }
    public static func < (lhs: HEIID, rhs: HEIID) -> Bool { lhs.normalized < rhs.normalized }
}

extension Sequence<HEIID> {
    /// The ids as given, comma-separated, for messages.
    public var listed: String { map(\.value).joined(separator: ", ") }
}
