import HTTPTypes

/// The header names EWP's HTTP signatures use that swift-http-types does not predefine. The raw
/// name is the spelling sent on the wire.
extension HTTPField.Name {
    /// swift-http-types marks its `.host` unavailable (HTTP/2 carries `:authority` instead), but the
    /// HTTP/1.1 requests EWP signs carry `Host` and sign it.
    public static let hostHeader = Self("Host")!
    public static let xRequestID = Self("X-Request-Id")!
    public static let xRequestSignature = Self("X-Request-Signature")!
    public static let digest = Self("Digest")!
    public static let wantDigest = Self("Want-Digest")!
    public static let acceptSignature = Self("Accept-Signature")!
    public static let signature = Self("Signature")!
    public static let originalDate = Self("Original-Date")!
}

/// Lookups over `HTTPFields` by a name given as a string (the names a `headers="…"` parameter
/// lists). `HTTPFields` keeps fields in order, repeats included, each with its name as sent
/// (`rawName`) and lowercased (`canonicalName`); it holds only valid token names and values without
/// leading or trailing whitespace, CR, LF or NUL.
enum Headers {
    /// Every value of the header `name` (any case), in order. Compares with the fields' stored
    /// lowercase names: no allocation per field (hot path: every request looks up a dozen headers).
    static func values(_ name: String, in headers: HTTPFields) -> [String] {
        let wanted = name.lowercased()
        var found: [String] = []
        for field in headers where field.name.canonicalName == wanted { found.append(field.value) }
        return found
    }

    /// All instances joined by ", " with each value trimmed (draft-cavage §2.3); nil if absent.
    static func combined(_ name: String, in headers: HTTPFields) -> String? {
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
    static func keeping(_ names: [String], of headers: HTTPFields) -> HTTPFields {
        let allowed = Set(names.map { $0.lowercased() })
        return HTTPFields(headers.filter { allowed.contains($0.name.canonicalName) })
    }
}
