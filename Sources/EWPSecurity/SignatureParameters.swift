/// The `name="value"` list of an `Authorization: Signature …` or a `Signature:` header
/// (draft-cavage-http-signatures-07 §3.1, §4.1).
///
/// Tolerant reading: parameters in any order, spaces around commas and `=`, names in any case,
/// quoted strings with backslash escapes, or bare tokens. A repeated parameter is an error.
struct SignatureParameters: Sendable, Equatable {
    var values: [String: String]   // lowercased name → value

    var keyId: String? { values["keyid"] }
    var algorithm: String? { values["algorithm"] }
    var signature: String? { values["signature"] }
    /// The `headers` list, lowercased; draft-cavage's default is `date` when absent.
    var headerNames: [String] {
        (values["headers"] ?? "date").split(whereSeparator: { $0 == " " || $0 == "\t" }).map { $0.lowercased() }
    }
    var hasHeadersParameter: Bool { values["headers"] != nil }

    struct ParseError: Error, Equatable { let detail: String; static func malformed(_ d: String) -> ParseError { ParseError(detail: d) } }

    static func parse(_ text: String) throws(ParseError) -> SignatureParameters {
        var values: [String: String] = [:]
        let chars = Array(text.unicodeScalars)
        var i = 0
        func skip(_ set: Set<Unicode.Scalar>) { while i < chars.count, set.contains(chars[i]) { i += 1 } }
        let space: Set<Unicode.Scalar> = [" ", "\t"]
        while true {
            skip(space.union([","]))
            if i >= chars.count { break }
            var name = ""
            while i < chars.count, chars[i] != "=", chars[i] != ",", !space.contains(chars[i]) { name.unicodeScalars.append(chars[i]); i += 1 }
            skip(space)
            guard !name.isEmpty, i < chars.count, chars[i] == "=" else {
                throw .malformed("expected name=\"value\" near \"\(CallerText.excerpt(String(String.UnicodeScalarView(chars[min(i, chars.count)...].prefix(20)))))\"")
            }
            i += 1
            skip(space)
            var value = ""
            if i < chars.count, chars[i] == "\"" {
                i += 1
                var closed = false
                while i < chars.count {
                    let c = chars[i]
                    if c == "\\", i + 1 < chars.count { value.unicodeScalars.append(chars[i + 1]); i += 2; continue }
                    if c == "\"" { closed = true; i += 1; break }
                    value.unicodeScalars.append(c); i += 1
                }
                guard closed else { throw .malformed("unterminated quoted value of \(CallerText.excerpt(name))") }
            } else {
                while i < chars.count, chars[i] != ",", !space.contains(chars[i]) { value.unicodeScalars.append(chars[i]); i += 1 }
            }
            let key = name.lowercased()
            guard values[key] == nil else { throw .malformed("parameter \(CallerText.excerpt(name)) given twice") }
            values[key] = value
            skip(space)
            guard i >= chars.count || chars[i] == "," else { throw .malformed("expected a comma after the value of \(CallerText.excerpt(name))") }
        }
        return SignatureParameters(values: values)
    }

    /// `keyId="…",algorithm="rsa-sha256",headers="…",signature="…"` (the order EWP examples use).
    static func render(keyId: String, headerNames: [String], signature: String) -> String {
        "keyId=\"\(keyId)\",algorithm=\"rsa-sha256\",headers=\"\(headerNames.joined(separator: " "))\",signature=\"\(signature)\""
    }
}
