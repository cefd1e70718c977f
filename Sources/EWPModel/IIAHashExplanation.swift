extension IIAHash {
    /// Where two texts-to-hash first differ, as a readable explanation (for `ewp-node iia explain`);
    /// nil when they are equal. The texts are read back as their fields (`_name=value_`,
    /// `_@name=value@_`); the explanation names the field, the cooperation condition it belongs to
    /// and both values, shown with invisible characters escaped. The `iia-id` fields are compared
    /// on their own: swapped ids are what two partners' copies of one IIA normally show.
    public static func explainDifference(ours: String, theirs: String) -> String? {
        guard ours != theirs else { return nil }
        guard let a = HashField.parse(ours), let b = HashField.parse(theirs) else {
            return characterDifference(ours: ours, theirs: theirs)
        }
        var lines: [String] = []
        let (aHead, aBody) = HashField.splitHead(a)
        let (bHead, bBody) = HashField.splitHead(b)

        let aTerminated = aHead.contains { $0.isTerminated }
        let bTerminated = bHead.contains { $0.isTerminated }
        if aTerminated != bTerminated {
            lines.append("terminated-as-a-whole: \(aTerminated ? "ours is terminated, theirs is not" : "theirs is terminated, ours is not").")
        }
        let aIDs = aHead.filter { !$0.isTerminated }.map(\.value)
        let bIDs = bHead.filter { !$0.isTerminated }.map(\.value)
        if aIDs != bIDs {
            if aIDs.count == 2, aIDs == bIDs.reversed() {
                lines.append("iia-ids: swapped (each copy lists its own HEI's id first), as expected between the two partners' copies.")
            } else {
                lines.append("iia-ids: ours \(HashField.list(aIDs)), theirs \(HashField.list(bIDs))"
                             + " (partner 1 is the copy's owner; an empty id means the IIA is not mapped).")
            }
        }

        if let body = bodyDifference(aBody, bBody) {
            lines.append(contentsOf: body)
        } else {
            lines.append("The cooperation conditions are identical (\(aBody.count) fields).")
        }
        return lines.joined(separator: "\n")
    }

    /// The first differing field of the cooperation conditions, or nil when they are equal.
    private static func bodyDifference(_ a: [HashField], _ b: [HashField]) -> [String]? {
        guard let k = firstDifference(a, b) ?? (a.count == b.count ? nil : min(a.count, b.count)) else {
            return nil
        }
        var lines = ["Cooperation conditions: ours has \(a.count) fields, theirs \(b.count); the first \(k) are equal."]
        let at = HashField.location(a, k)
        guard k < a.count, k < b.count else {
            let (side, rest) = k < a.count ? ("Ours", a[k...]) : ("Theirs", b[k...])
            lines.append("\(side) continues where the other ends, at field \(k + 1), \(HashField.location(k < a.count ? a : b, k)):")
            lines.append(contentsOf: rest.prefix(3).map { "  \($0)" } + (rest.count > 3 ? ["  … (\(rest.count - 3) more)"] : []))
            return lines
        }
        // Fields only one side has: the smallest shift that brings the two sides back in step.
        for d in 1...8 {
            for (side, longer, shorter) in [("ours", a, b), ("theirs", b, a)] where k + d < longer.count && longer[k + d] == shorter[k] {
                lines.append("\(d == 1 ? "Field" : "Fields") \(k + 1)\(d == 1 ? "" : "–\(k + d)"), \(HashField.location(longer, k)), "
                             + "\(d == 1 ? "is" : "are") only in \(side):")
                lines.append(contentsOf: longer[k..<(k + d)].map { "  \($0)" })
                return lines
            }
        }
        let (x, y) = (a[k], b[k])
        lines.append("First difference at field \(k + 1), \(at):")
        lines.append("  ours:   \(x)")
        lines.append("  theirs: \(y)")
        if x.name == y.name, x.value.filter({ !$0.isWhitespace }) == y.value.filter({ !$0.isWhitespace }) {
            lines.append("The values differ only in whitespace: values are hashed exactly as written, never trimmed.")
        }
        return lines
    }

    private static func firstDifference<T: Equatable>(_ a: [T], _ b: [T]) -> Int? {
        (0..<min(a.count, b.count)).first { a[$0] != b[$0] }
    }

    /// For texts that do not read as texts-to-hash: the first differing character, with context.
    private static func characterDifference(ours: String, theirs: String) -> String {
        let a = Array(ours), b = Array(theirs)
        let k = firstDifference(a, b) ?? min(a.count, b.count)
        func around(_ c: [Character]) -> String {
            HashField.quoted(String(c[max(0, k - 30)..<min(c.count, k + 30)]))
        }
        return "The texts differ at character \(k + 1) (ours has \(a.count), theirs \(b.count)):\n"
            + "  ours:   …\(around(a))…\n  theirs: …\(around(b))…"
    }
}

/// One field of a text-to-hash.
struct HashField: Equatable, CustomStringConvertible {
    var isAttribute: Bool
    var name: String       // "" for the terminated-as-a-whole marker
    var value: String

    var isTerminated: Bool { isAttribute && name.isEmpty }

    var description: String {
        isTerminated ? "@terminated-as-a-whole" : "\(isAttribute ? "@" : "")\(name) = \(Self.quoted(value))"
    }

    /// The leading terminated marker and `iia-id_<i>` fields, and the rest.
    static func splitHead(_ fields: [HashField]) -> ([HashField], [HashField]) {
        let n = fields.prefix { $0.isTerminated || (!$0.isAttribute && $0.name.hasPrefix("iia-id_")) }.count
        return (Array(fields.prefix(n)), Array(fields.dropFirst(n)))
    }

    /// "cooperation condition 2 (staff-teacher-mobility-spec)" for field `k` of the body.
    static func location(_ fields: [HashField], _ k: Int) -> String {
        let done = fields.prefix(k).filter { $0.name == IIAHash.lastYear }.count
        let spec = fields.dropFirst(k).first { $0.name.contains(".") }
            .flatMap { $0.name.split(separator: ".").first { $0.hasSuffix("-mobility-spec") } }
        return "in cooperation condition \(done + 1)" + (spec.map { " (\($0))" } ?? "")
    }

    static func list(_ ids: [String]) -> String {
        "[" + ids.map(quoted).joined(separator: ", ") + "]"
    }

    /// A value in quotes with control, invisible and non-ASCII space characters escaped.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default:
                let invisible = scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format
                    || (scalar.properties.isWhitespace && scalar != " ")
                out += invisible ? "\\u{\(String(scalar.value, radix: 16, uppercase: true))}" : String(scalar)
            }
        }
        return out + "\""
    }

    /// Reads a text-to-hash back into fields; nil when it does not have that shape. A field ends
    /// where its closing marker is followed by the end or by the start of a plausible next field
    /// (a name of the shapes the stylesheet produces), so values may contain `_`, `@` and `=`.
    static func parse(_ text: String) -> [HashField]? {
        let t = Array(text.utf8)
        var fields: [HashField] = []
        var i = 0
        while i < t.count {
            guard let (field, next) = field(in: t, at: i) else { return nil }
            fields.append(field)
            i = next
        }
        return fields
    }

    private static let terminated = Array("_@terminated-as-a-whole@_".utf8)

    private static func field(in t: [UInt8], at i: Int) -> (HashField, Int)? {
        if t[i...].starts(with: terminated) { return (HashField(isAttribute: true, name: "", value: ""), i + terminated.count) }
        guard let (isAttribute, equals) = nameEnd(in: t, at: i) else { return nil }
        let nameStart = i + (isAttribute ? 2 : 1)
        let close: [UInt8] = isAttribute ? [UInt8(ascii: "@"), UInt8(ascii: "_")] : [UInt8(ascii: "_")]
        var j = equals + 1
        while j + close.count <= t.count {
            if t[j..<(j + close.count)].elementsEqual(close) {
                let after = j + close.count
                if after == t.count || t[after...].starts(with: terminated) || nameEnd(in: t, at: after) != nil {
                    let name = String(decoding: t[nameStart..<equals], as: UTF8.self)
                    let value = String(decoding: t[(equals + 1)..<j], as: UTF8.self)
                    return (HashField(isAttribute: isAttribute, name: name, value: value), after)
                }
            }
            j += 1
        }
        return nil
    }

    /// If a field starts at `i`: whether it is an attribute, and the index of its `=`.
    private static func nameEnd(in t: [UInt8], at i: Int) -> (Bool, Int)? {
        guard i < t.count, t[i] == UInt8(ascii: "_") else { return nil }
        let isAttribute = i + 1 < t.count && t[i + 1] == UInt8(ascii: "@")
        let start = i + (isAttribute ? 2 : 1)
        guard start < t.count, isNameStartByte(t[start]) else { return nil }
        var j = start
        while j < t.count, isNameByte(t[j]) { j += 1 }
        guard j < t.count, t[j] == UInt8(ascii: "="), j > start else { return nil }
        let name = t[start..<j]
        let dots = name.filter { $0 == UInt8(ascii: ".") }.count
        if isAttribute { return dots == 3 ? (true, j) : nil }
        if dots == 2 { return (false, j) }
        let plain = String(decoding: name, as: UTF8.self)
        if plain == IIAHash.firstYear || plain == IIAHash.lastYear { return (false, j) }
        if plain.hasPrefix("iia-id_"), plain.dropFirst(7).allSatisfy(\.isNumber), plain.count > 7 { return (false, j) }
        return nil
    }

    /// Names of IIA elements start with a letter (a value may end with `_` before the next field).
    private static func isNameStartByte(_ b: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(b) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(b) || b >= 0x80
    }

    /// Bytes of XML local names and the dots between them (non-ASCII name bytes included).
    private static func isNameByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), 0x80...0xFF:
            return true
        default:
            return false
        }
    }
}
