/// Limits on a document's shape, checked by one linear pass over the bytes BEFORE libxml2 sees them
/// (`HardenedParser`). libxml2 2.9.14 checks an element's attributes (and namespace declarations)
/// for duplicates pairwise: 200,000 attributes on one element took a minute to parse. EWP documents
/// need a few: the largest real one known (the registry catalogue, 3.3 MB) has at most 20 on an
/// element (namespace declarations included) and 41,000 elements.
public struct XMLShapeLimits: Sendable, Equatable {
    /// Attributes per element, namespace declarations included.
    public var maxAttributesPerElement: Int
    /// Elements in the whole document.
    public var maxElements: Int

    public static let standard = XMLShapeLimits(maxAttributesPerElement: 256, maxElements: 1_000_000)

    public init(maxAttributesPerElement: Int, maxElements: Int) {
        self.maxAttributesPerElement = maxAttributesPerElement
        self.maxElements = maxElements
    }

    /// The first limit `bytes` exceeds, as the problem to report; nil when within them. Counts
    /// start tags and the `=` of their attributes outside quoted values; skips comments, CDATA
    /// sections, processing instructions, declarations and end tags. Not a parser: malformed input
    /// passes on to libxml2, which refuses it.
    public func problem(in bytes: UnsafeBufferPointer<UInt8>) -> XMLProblem? {
        let lt = UInt8(ascii: "<"), gt = UInt8(ascii: ">"), eq = UInt8(ascii: "=")
        let quote = UInt8(ascii: "\""), apostrophe = UInt8(ascii: "'")
        let n = bytes.count
        var i = 0
        var elements = 0
        while i < n {
            guard let open = Self.find(lt, in: bytes, from: i) else { break }
            let next = open + 1 < n ? bytes[open + 1] : 0
            switch next {
            case UInt8(ascii: "!"):
                if Self.has("<!--", in: bytes, at: open) {
                    i = Self.end(of: "-->", in: bytes, from: open + 4)
                } else if Self.has("<![CDATA[", in: bytes, at: open) {
                    i = Self.end(of: "]]>", in: bytes, from: open + 9)
                } else {
                    i = (Self.find(gt, in: bytes, from: open + 2) ?? n - 1) + 1
                }
            case UInt8(ascii: "?"):
                i = Self.end(of: "?>", in: bytes, from: open + 2)
            case UInt8(ascii: "/"):
                i = (Self.find(gt, in: bytes, from: open + 2) ?? n - 1) + 1
            default:
                elements += 1
                if elements > maxElements {
                    return XMLProblem("document has more than \(maxElements) elements", line: Self.line(of: open, in: bytes))
                }
                var attributes = 0
                var inQuote: UInt8 = 0
                var k = open + 1
                while k < n {
                    let b = bytes[k]
                    if inQuote != 0 {
                        if b == inQuote { inQuote = 0 }
                    } else if b == quote || b == apostrophe {
                        inQuote = b
                    } else if b == eq {
                        attributes += 1
                        if attributes > maxAttributesPerElement {
                            return XMLProblem("an element has more than \(maxAttributesPerElement) attributes (namespace declarations included)",
                                              line: Self.line(of: open, in: bytes))
                        }
                    } else if b == gt {
                        break
                    }
                    k += 1
                }
                i = k + 1
            }
        }
        return nil
    }

    private static func find(_ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var i = start
        while i < bytes.count {
            if bytes[i] == byte { return i }
            i += 1
        }
        return nil
    }

    private static func has(_ literal: StaticString, in bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard i + count <= bytes.count else { return false }
        let p = literal.utf8Start
        for j in 0..<count where bytes[i + j] != p[j] { return false }
        return true
    }

    /// The index after the first `terminator` at or after `start` (the end when there is none).
    private static func end(of terminator: StaticString, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let first = terminator.utf8Start[0]
        var i = start
        while let candidate = find(first, in: bytes, from: i) {
            if has(terminator, in: bytes, at: candidate) { return candidate + terminator.utf8CodeUnitCount }
            i = candidate + 1
        }
        return bytes.count
    }

    private static func line(of index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var line = 1
        for j in 0..<index where bytes[j] == UInt8(ascii: "\n") { line += 1 }
        return line
    }
}
