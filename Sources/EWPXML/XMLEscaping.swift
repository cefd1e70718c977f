/// Escaping for `XMLWriter`, on UTF-8 bytes.
///
/// Decision on characters XML 1.0 cannot carry (C0 controls other than TAB, LF, CR; U+FFFE;
/// U+FFFF; a Swift `String` cannot hold lone surrogates): they are DROPPED. Neither a literal
/// nor a character reference (`&#1;`) is well-formed XML 1.0, the writer's API is non-throwing,
/// and a response with a silently shortened string is better than one no partner can parse.
/// Code that must not lose such input should reject it where it enters (e.g. on import).
enum XMLEscaping {
    /// Element content: `&`, `<`, `>` (so `]]>` can never appear) and CR (as `&#13;`, which
    /// survives the parser's line-end normalisation).
    static func appendText(_ s: String, to out: inout [UInt8]) {
        append(s, to: &out, attribute: false)
    }

    /// Attribute value in double quotes: additionally `"`, and TAB/LF/CR as character
    /// references, because attribute-value normalisation would turn them into spaces.
    static func appendAttribute(_ s: String, to out: inout [UInt8]) {
        append(s, to: &out, attribute: true)
    }

    private static func append(_ s: String, to out: inout [UInt8], attribute: Bool) {
        var s = s
        s.withUTF8 { bytes in
            var i = 0
            var clean = 0   // start of the pending run of bytes that need no escaping
            let n = bytes.count
            @inline(__always) func flush(_ upTo: Int) {
                if upTo > clean { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[clean..<upTo])) }
            }
            while i < n {
                let b = bytes[i]
                var replacement: StaticString? = nil
                var skip = 1
                switch b {
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "\""): if attribute { replacement = "&quot;" } else { i += 1; continue }
                case 0x0D: replacement = "&#13;"
                case 0x0A: if attribute { replacement = "&#10;" } else { i += 1; continue }
                case 0x09: if attribute { replacement = "&#9;" } else { i += 1; continue }
                case 0x00..<0x20: replacement = ""            // forbidden control: dropped
                case 0xEF where i + 2 < n && bytes[i + 1] == 0xBF && (bytes[i + 2] == 0xBE || bytes[i + 2] == 0xBF):
                    replacement = ""; skip = 3                 // U+FFFE / U+FFFF: dropped
                default: i += 1; continue
                }
                flush(i)
                if let r = replacement {
                    r.withUTF8Buffer { out.append(contentsOf: $0) }
                }
                i += skip
                clean = i
            }
            flush(n)
        }
    }

    /// True if `s` is only XML whitespace (used to drop indentation between child elements).
    static func isWhitespace(_ s: String) -> Bool {
        s.utf8.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x09 || $0 == 0x0D }
    }
}
