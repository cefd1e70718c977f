import HTTPTypes

/// The draft-cavage-http-signatures-07 §2.3 signing string: one `name: value` line per listed
/// header, in the listed order, joined by `\n`, no trailing newline. `(request-target)` is
/// `<lowercase method> <path[?query]>`; several instances of a header are joined by `, `.
///
/// Bounded: the headers list may name at most `maxHeaderNames` headers, each once, and the string
/// may be at most `maxBytes` long. The size is computed from the header values before anything is
/// built, so a hostile list (one 60 KB header named 2,000 times) costs no memory.
public enum SigningString {
    /// At most this many names in a `headers="…"` parameter (EWP signs 5 to 8).
    public static let maxHeaderNames = 32
    /// At most this many bytes (UTF-8) in a signing string.
    public static let maxBytes = 16 * 1024

    public enum Failure: Error, Equatable, Sendable {
        case headerAbsent(String)
        /// The signing string would be `size` bytes, more than `maxBytes`.
        case tooLong(size: Int)
    }

    /// Why a `headers="…"` list is refused before anything is looked up: too many names, or one twice.
    public enum ListProblem: Error, Equatable, Sendable {
        case tooManyNames(Int)
        case repeatedName(String)

        /// A sentence for a developer-message or a log line (names quoted as excerpts).
        public var explanation: String {
            switch self {
            case .tooManyNames(let count):
                return "the headers parameter names \(count) headers; at most \(SigningString.maxHeaderNames) are accepted"
            case .repeatedName(let name):
                return "the headers parameter names \"\(CallerText.excerpt(name))\" more than once; list each signed header once"
            }
        }
    }

    /// Checks a `headers` list: no name twice (checked first: it names the culprit), at most `maxHeaderNames` names.
    public static func checkList(_ names: [String]) throws(ListProblem) {
        var seen = Set<String>()
        for name in names where !seen.insert(name.lowercased()).inserted { throw .repeatedName(name) }
        guard names.count <= maxHeaderNames else { throw .tooManyNames(names.count) }
    }

    public static func build(headerNames: [String], method: String, target: String, headers: HTTPFields) throws(Failure) -> String {
        let size = try byteCount(headerNames: headerNames, method: method, target: target, headers: headers)
        guard size <= maxBytes else { throw .tooLong(size: size) }
        var lines: [String] = []
        lines.reserveCapacity(headerNames.count)
        for raw in headerNames {
            let name = raw.lowercased()
            if name == "(request-target)" {
                lines.append("(request-target): \(method.lowercased()) \(target)")
            } else if let value = Headers.combined(name, in: headers) {
                lines.append("\(name): \(value)")
            } else {
                throw .headerAbsent(name)
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The UTF-8 size `build` would produce, without building it.
    static func byteCount(headerNames: [String], method: String, target: String, headers: HTTPFields) throws(Failure) -> Int {
        var size = max(0, headerNames.count - 1)   // the "\n" separators
        for raw in headerNames {
            let name = raw.lowercased()
            size += name.utf8.count + 2            // "name: "
            if name == "(request-target)" {
                size += method.utf8.count + 1 + target.utf8.count
                continue
            }
            let values = Headers.values(name, in: headers)
            guard !values.isEmpty else { throw .headerAbsent(name) }
            size += 2 * (values.count - 1)        // ", " between instances
            for value in values { size += Headers.trimmedByteCount(value) }
        }
        return size
    }
}
