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

    /// Reads UTF-8 bytes: every delimiter is ASCII, so a value is a run of bytes copied once (every
    /// signed request is parsed here, twice: for authentication and for the X-Request-Signature echo).
    static func parse(_ text: String) throws(ParseError) -> SignatureParameters {
        var values: [String: String] = [:]
        let bytes = Array(text.utf8)
        var i = 0
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
        func skipSpace() { while i < bytes.count, isSpace(bytes[i]) { i += 1 } }
        /// The text from byte `i` on (always a character boundary here: it follows ASCII), for a message.
        func rest() -> String {
            String(String.UnicodeScalarView(String(decoding: bytes[min(i, bytes.count)...], as: UTF8.self).unicodeScalars.prefix(20)))
        }
        while true {
            while i < bytes.count, isSpace(bytes[i]) || bytes[i] == UInt8(ascii: ",") { i += 1 }
            if i >= bytes.count { break }
            let nameStart = i
            while i < bytes.count, bytes[i] != UInt8(ascii: "="), bytes[i] != UInt8(ascii: ","), !isSpace(bytes[i]) { i += 1 }
            let name = String(decoding: bytes[nameStart..<i], as: UTF8.self)
            skipSpace()
            guard !name.isEmpty, i < bytes.count, bytes[i] == UInt8(ascii: "=") else {
                throw .malformed("expected name=\"value\" near \"\(CallerText.excerpt(rest()))\"")
            }
            i += 1
            skipSpace()
            let value: String
            if i < bytes.count, bytes[i] == UInt8(ascii: "\"") {
                i += 1
                var unescaped: [UInt8] = []
                var runStart = i
                var closed = false
                while i < bytes.count {
                    let b = bytes[i]
                    if b == UInt8(ascii: "\\"), i + 1 < bytes.count {
                        unescaped += bytes[runStart..<i]
                        unescaped.append(bytes[i + 1])
                        i += 2
                        runStart = i
                        continue
                    }
                    if b == UInt8(ascii: "\"") { closed = true; break }
                    i += 1
                }
                guard closed else { throw .malformed("unterminated quoted value of \(CallerText.excerpt(name))") }
                unescaped += bytes[runStart..<i]
                i += 1
                value = String(decoding: unescaped, as: UTF8.self)
            } else {
                let valueStart = i
                while i < bytes.count, bytes[i] != UInt8(ascii: ","), !isSpace(bytes[i]) { i += 1 }
                value = String(decoding: bytes[valueStart..<i], as: UTF8.self)
            }
            let key = name.lowercased()
            guard values[key] == nil else { throw .malformed("parameter \(CallerText.excerpt(name)) given twice") }
            values[key] = value
            skipSpace()
            guard i >= bytes.count || bytes[i] == UInt8(ascii: ",") else { throw .malformed("expected a comma after the value of \(CallerText.excerpt(name))") }
        }
        return SignatureParameters(values: values)
    }

    /// `keyId="…",algorithm="rsa-sha256",headers="…",signature="…"` (the order EWP examples use).
    static func render(keyId: String, headerNames: [String], signature: String) -> String {
        "keyId=\"\(keyId)\",algorithm=\"rsa-sha256\",headers=\"\(headerNames.joined(separator: " "))\",signature=\"\(signature)\""
    }
}
