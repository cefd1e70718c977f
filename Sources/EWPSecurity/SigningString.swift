/// The draft-cavage-http-signatures-07 §2.3 signing string: one `name: value` line per listed
/// header, in the listed order, joined by `\n`, no trailing newline. `(request-target)` is
/// `<lowercase method> <path[?query]>`; several instances of a header are joined by `, `.
public enum SigningString {
    public enum Failure: Error, Equatable, Sendable { case headerAbsent(String) }

    public static func build(headerNames: [String], method: String, target: String, headers: HeaderList) throws(Failure) -> String {
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
}
