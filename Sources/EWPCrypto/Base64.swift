/// Standard base64 (RFC 4648 §4, `+` `/`, `=` padding).
///
/// `decode` is strict: only the alphabet, length a multiple of 4, padding only at the end, and
/// unused trailing bits zero (so each byte string has exactly one accepted encoding). Anything else
/// gives nil. Use `decode(_:ignoringWhitespace:)` for text wrapped over lines (PEM, XML).
public enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    private static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xff, count: 256)
        for (i, c) in alphabet.enumerated() { table[Int(c)] = UInt8(i) }
        return table
    }()

    public static func encode(_ b: [UInt8]) -> String {
        let length = (b.count + 2) / 3 * 4
        // Written in place: appending small array literals allocated one array per 3 input bytes.
        return String(unsafeUninitializedCapacity: length) { out in
            var i = 0, o = 0
            func put(_ n: UInt32, _ shift: UInt32) { out[o] = alphabet[Int(n >> shift & 63)]; o += 1 }
            while i + 3 <= b.count {
                let n = UInt32(b[i]) << 16 | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2])
                put(n, 18); put(n, 12); put(n, 6); put(n, 0)
                i += 3
            }
            let rest = b.count - i
            if rest > 0 {
                let n = UInt32(b[i]) << 16 | (rest == 2 ? UInt32(b[i + 1]) << 8 : 0)
                put(n, 18); put(n, 12)
                if rest == 2 { put(n, 6) } else { out[o] = UInt8(ascii: "="); o += 1 }
                out[o] = UInt8(ascii: "="); o += 1
            }
            return o
        }
    }

    public static func decode(_ s: String) -> [UInt8]? { decode(Array(s.utf8)) }

    /// Drops ASCII whitespace (space, tab, CR, LF) first, then decodes strictly.
    public static func decode(_ s: String, ignoringWhitespace: Bool) -> [UInt8]? {
        guard ignoringWhitespace else { return decode(s) }
        return decode(s.utf8.filter { $0 != 0x20 && $0 != 0x09 && $0 != 0x0a && $0 != 0x0d })
    }

    private static func decode(_ chars: [UInt8]) -> [UInt8]? {
        guard chars.count % 4 == 0 else { return nil }
        if chars.isEmpty { return [] }
        var padding = 0
        if chars[chars.count - 1] == UInt8(ascii: "=") { padding += 1 }
        if chars[chars.count - 2] == UInt8(ascii: "=") { padding += 1 }
        var out = [UInt8](); out.reserveCapacity(chars.count / 4 * 3)
        var i = 0
        while i < chars.count {
            let isLast = i + 4 == chars.count
            var n: UInt32 = 0
            for j in 0..<4 {
                let c = chars[i + j]
                if isLast && j >= 4 - padding {
                    guard c == UInt8(ascii: "=") else { return nil }
                    n <<= 6
                    continue
                }
                let v = values[Int(c)]
                guard v != 0xff else { return nil }
                n = n << 6 | UInt32(v)
            }
            out.append(UInt8(n >> 16 & 0xff))
            if !(isLast && padding == 2) { out.append(UInt8(n >> 8 & 0xff)) }
            if !(isLast && padding >= 1) { out.append(UInt8(n & 0xff)) }
            // Canonical form: the bits that padding leaves over must be zero.
            if isLast && padding == 2 && n & 0xffff != 0 { return nil }
            if isLast && padding == 1 && n & 0xff != 0 { return nil }
            i += 4
        }
        return out
    }
}
