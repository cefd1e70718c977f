import Foundation

/// The optional config file: one `EWP_NAME=value` a line, `#` comments, blank lines ignored.
/// Environment variables of the same name win over it.
enum ConfigFile {
    static func read(path: String) throws(ConfigurationError) -> [String: String] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ConfigurationError("cannot read the config file \(path)")
        }
        return try parse(text, source: path)
    }

    static func parse(_ text: String, source: String) throws(ConfigurationError) -> [String: String] {
        var settings = [String: String]()
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let equals = line.firstIndex(of: "="), line.hasPrefix("EWP_") else {
                // The line is not quoted: it may hold a secret (EWP_ADMIN_TOKEN, a database password).
                let name = line.prefix { $0.isASCII && ($0.isUppercase || $0.isNumber || $0 == "_") }.prefix(40)
                let shown = name.hasPrefix("EWP_") ? " (setting \(name); the line is not shown)" : " (the line is not shown)"
                throw ConfigurationError("\(source):\(number + 1): expected EWP_NAME=value\(shown)")
            }
            var value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            settings[line[..<equals].trimmingCharacters(in: .whitespaces)] = value
        }
        return settings
    }
}
