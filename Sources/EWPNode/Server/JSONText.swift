import Foundation

/// The node's one JSON writer: the admin API, `/health/ready`, the log lines and the CLI's `--json`.
/// Object keys are sorted by Swift's `String` order (Unicode scalar values), so equal values give
/// equal text. Written by hand rather than through JSONSerialization: its sorted keys compare
/// through ICU's collation, whose code and data made ~1.3 MB of the binary resident for one
/// readiness probe, and every request logs a line.
public enum JSONText {
    /// `value` as JSON: `String`, `Substring`, `Bool`, integers, `Double`/`Float` (integral values
    /// without a fraction, non-finite ones as `null`), `NSNull` and `nil` as `null`, arrays, and
    /// dictionaries with `String` keys. Any other value is written as the string of its description.
    public static func encode(_ value: Any?) -> String {
        var out = ""
        write(value, to: &out)
        return out
    }

    /// `encode` as UTF-8 bytes (response bodies).
    public static func bytes(_ value: Any?) -> [UInt8] {
        Array(encode(value).utf8)
    }

    static func write(_ value: Any?, to out: inout String) {
        guard let value else { out += "null"; return }
        switch value {
        case let string as String: out += quoted(string)
        case let string as Substring: out += quoted(String(string))
        case let bool as Bool: out += bool ? "true" : "false"
        case let int as Int: out += String(int)
        case let double as Double: out += number(double)
        case let float as Float: out += number(Double(float))
        case let integer as any BinaryInteger: out += integer.description
        case is NSNull: out += "null"
        case let object as [String: Any?]:
            out += "{"
            for (index, key) in object.keys.sorted().enumerated() {
                if index > 0 { out += "," }
                out += quoted(key) + ":"
                write(object[key]!, to: &out)
            }
            out += "}"
        case let array as [Any?]:
            out += "["
            for (index, element) in array.enumerated() {
                if index > 0 { out += "," }
                write(element, to: &out)
            }
            out += "]"
        case let optional as OptionalValue: write(optional.wrapped, to: &out)
        default: out += quoted(String(describing: value))
        }
    }

    /// A JSON string literal: quote, backslash and control characters escaped, the rest as it is.
    public static func quoted(_ string: String) -> String {
        // Most values (paths, ids, numbers) need no escape: one scan of the bytes, no per-character copy.
        if !string.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            return "\"" + string + "\""
        }
        var out = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    static func number(_ double: Double) -> String {
        guard double.isFinite else { return "null" }
        if double == double.rounded(), abs(double) < 1e15 { return String(Int64(double)) }
        return "\(double)"
    }
}

/// An `Optional` seen through `Any` (a `[String: Int?]` value, say), unwrapped without knowing its type.
private protocol OptionalValue {
    var wrapped: Any? { get }
}

extension Optional: OptionalValue {
    var wrapped: Any? { self.map { $0 as Any } }
}
