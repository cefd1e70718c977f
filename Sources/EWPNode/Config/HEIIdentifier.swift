/// SCHAC home organization ids (`uw.edu.pl`) as this node accepts them for the HEIs it covers. They
/// become folder names (`Certificates/<hei>/`, where private keys are written) and URL path
/// segments, so the rule is strict: a lowercase domain name of at least two labels, each 1–63
/// characters of a–z, 0–9 and `-`, not starting or ending with `-`; at most 253 characters. `..`,
/// `/`, a leading dot or an empty label can never pass.
public enum HEIIdentifier {
    public static let maxLength = 253

    /// Nil when `id` is acceptable, else what is wrong with it (quoting a short excerpt).
    public static func problem(_ id: String) -> String? {
        let shown = "\"\(id.prefix(80))\"" + (id.count > 80 ? "…" : "")
        guard !id.isEmpty, id.utf8.count <= maxLength else {
            return "\(shown) is not a SCHAC HEI id: 1 to \(maxLength) characters"
        }
        let labels = id.split(separator: ".", omittingEmptySubsequences: false)
        let allowed = { (c: Unicode.Scalar) in ("a"..."z").contains(c) || ("0"..."9").contains(c) || c == "-" }
        guard labels.count >= 2,
              labels.allSatisfy({ !$0.isEmpty && $0.utf8.count <= 63 && !$0.hasPrefix("-") && !$0.hasSuffix("-") && $0.unicodeScalars.allSatisfy(allowed) }) else {
            return "\(shown) is not a SCHAC HEI id: a lowercase domain name such as uw.edu.pl (letters a-z, digits, '-' inside labels, labels joined by single dots)"
        }
        return nil
    }

    public static func isValid(_ id: String) -> Bool { problem(id) == nil }
}
