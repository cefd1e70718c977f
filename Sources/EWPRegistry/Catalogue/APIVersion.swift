/// A dotted numeric version such as `7.0.0`, ordered component by component (missing components = 0).
public struct APIVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let components: [Int]

    /// Nil unless the text is one or more dot-separated decimal numbers (surrounding whitespace ignored).
    public init?(_ text: String) {
        var parts: [Int] = []
        for piece in text.trimmingWhitespace().split(separator: ".", omittingEmptySubsequences: false) {
            guard !piece.isEmpty, piece.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let n = Int(piece) else { return nil }
            parts.append(n)
        }
        guard !parts.isEmpty else { return nil }
        components = parts
    }

    public var major: Int { components[0] }
    public var description: String { components.map(String.init).joined(separator: ".") }

    public static func < (a: APIVersion, b: APIVersion) -> Bool {
        let n = max(a.components.count, b.components.count)
        for i in 0..<n {
            let x = i < a.components.count ? a.components[i] : 0
            let y = i < b.components.count ? b.components[i] : 0
            if x != y { return x < y }
        }
        return false
    }

    public static func == (a: APIVersion, b: APIVersion) -> Bool { !(a < b) && !(b < a) }
    public func hash(into h: inout Hasher) {
        var c = components
        while c.count > 1, c.last == 0 { c.removeLast() }
        h.combine(c)
    }
}
