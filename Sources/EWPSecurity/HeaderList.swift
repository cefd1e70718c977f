/// Headers as they are on the wire, in order; names compare case-insensitively.
public typealias HeaderList = [(name: String, value: String)]

/// Lookups over a `HeaderList`.
enum Headers {
    /// Every value of the header `name` (any case), in order.
    static func values(_ name: String, in headers: HeaderList) -> [String] {
        let wanted = name.lowercased()
        return headers.filter { equalsIgnoringASCIICase($0.name, lowercased: wanted) }.map(\.value)
    }

    /// Header names are ASCII tokens: compare bytes, folding A–Z, without allocating (hot path: every
    /// request looks up a dozen headers).
    static func equalsIgnoringASCIICase(_ name: String, lowercased wanted: String) -> Bool {
        var other = wanted.utf8.makeIterator()
        for byte in name.utf8 {
            guard let expected = other.next() else { return false }
            let folded = (65...90).contains(byte) ? byte + 32 : byte
            if folded != expected { return false }
        }
        return other.next() == nil
    }

    /// All instances joined by ", " with each value trimmed (draft-cavage §2.3); nil if absent.
    static func combined(_ name: String, in headers: HeaderList) -> String? {
        let all = values(name, in: headers)
        return all.isEmpty ? nil : all.map(trimmed).joined(separator: ", ")
    }

    /// `trimmed(s).utf8.count`, without copying.
    static func trimmedByteCount(_ s: String) -> Int {
        let bytes = s.utf8
        guard let first = bytes.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }),
              let last = bytes.lastIndex(where: { $0 != 0x20 && $0 != 0x09 }) else { return 0 }
        return bytes.distance(from: first, to: last) + 1
    }

    static func trimmed(_ s: String) -> String {
        var scalars = Substring(s)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }

    /// Only the headers whose (lowercased) names are in `names`; the rest were not signed and
    /// must be ignored (cliauth-httpsig / srvauth-httpsig "Ignore unsigned headers").
    static func keeping(_ names: [String], of headers: HeaderList) -> HeaderList {
        let allowed = Set(names.map { $0.lowercased() })
        return headers.filter { allowed.contains($0.name.lowercased()) }
    }
}
