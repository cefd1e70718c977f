/// One `institutions/hei` of the catalogue.
public struct Institution: Sendable, Hashable {
    public struct Name: Sendable, Hashable {
        public let lang: String?
        public let value: String
    }
    public struct OtherID: Sendable, Hashable {
        public let type: String
        public let value: String
    }
    /// The SCHAC id as published (`@id`, trimmed).
    public let id: String
    public let names: [Name]
    public let otherIDs: [OtherID]

    /// The name in `lang` (prefix match on the language tag, so "en" finds "en-GB"), else English,
    /// else the first name.
    public func name(preferring lang: String = "en") -> String? {
        func matches(_ n: Name, _ l: String) -> Bool {
            guard let t = n.lang?.lowercased() else { return false }
            return t == l || t.hasPrefix(l + "-")
        }
        let l = lang.lowercased()
        return names.first(where: { matches($0, l) })?.value
            ?? names.first(where: { matches($0, "en") })?.value
            ?? names.first?.value
    }
}
