// The restricted simple types of the LA schema (ewp common types, academic term v2, courses,
// phone number), as checks on the text: each returns whether the schema accepts it.

/// `xs:integer` (and its restrictions: `xs:byte` EQF levels, `ewp:Gender`), text kept as read.
public struct XSInteger: Sendable, Hashable, CustomStringConvertible {
    public let text: String
    public let value: Int

    public init?(_ text: String) {
        var s = LexicalScanner(text)
        guard s.signedDigitRun() > 0, s.atEnd, let v = Int(s.withoutPlus) else { return nil }
        self.text = text
        self.value = v
    }

    public init(_ value: Int) {
        self.text = String(value)
        self.value = value
    }

    public var description: String { text }
}

enum SimpleTypes {
    /// `ewp:AsciiPrintableIdentifier`: `[!-~]{1,64}`.
    static func isAsciiPrintableIdentifier(_ s: String) -> Bool {
        let u = s.utf8
        return (1...64).contains(u.count) && u.allSatisfy { (0x21...0x7E).contains($0) }
    }

    /// `course:LosID`: an AsciiPrintableIdentifier matching `(CR|CLS|MOD|DEP)/(.{1,40})`.
    static func isLosID(_ s: String) -> Bool { isCourseID(s, prefixes: ["CR", "CLS", "MOD", "DEP"]) }

    /// `course:LoiID`: an AsciiPrintableIdentifier matching `(CRI|CLSI|MODI|DEPI)/(.{1,40})`.
    static func isLoiID(_ s: String) -> Bool { isCourseID(s, prefixes: ["CRI", "CLSI", "MODI", "DEPI"]) }

    private static func isCourseID(_ s: String, prefixes: [String]) -> Bool {
        guard isAsciiPrintableIdentifier(s), let slash = s.firstIndex(of: "/") else { return false }
        let rest = s[s.index(after: slash)...]
        return prefixes.contains(String(s[..<slash])) && (1...40).contains(rest.count)
    }

    /// `trm:AcademicYearId`: `[0-9]{4}/[0-9]{4}`.
    static func isAcademicYearID(_ s: String) -> Bool {
        let u = Array(s.utf8)
        return u.count == 9 && u[4] == UInt8(ascii: "/")
            && u.enumerated().allSatisfy { $0.offset == 4 || (0x30...0x39).contains($0.element) }
    }

    /// `ewp:CountryCode`: `[A-Z][A-Z]`.
    static func isCountryCode(_ s: String) -> Bool {
        let u = Array(s.utf8)
        return u.count == 2 && u.allSatisfy { (0x41...0x5A).contains($0) }
    }

    /// `ewp:CefrLevel`: `[ABC][12]|NS`.
    static func isCefrLevel(_ s: String) -> Bool {
        let u = Array(s.utf8)
        return s == "NS" || (u.count == 2 && (0x41...0x43).contains(u[0]) && (u[1] == 0x31 || u[1] == 0x32))
    }

    /// `ewp:Email`: `[^@]+@[^.]+\..+` (`.` matches anything but a line end).
    static func isEmail(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard let at = u.firstIndex(of: UInt8(ascii: "@")), at > 0,
              let dot = u[(at + 1)...].firstIndex(of: UInt8(ascii: ".")), dot > at + 1, dot + 1 < u.count else { return false }
        return !u[(dot + 1)...].contains { $0 == 0x0A || $0 == 0x0D }
    }

    /// `ewp:HTTP`: an `xs:anyURI` (collapsed) matching `https?://.+`.
    static func isHTTP(_ s: String) -> Bool {
        let t = LexicalScanner.collapsed(s)
        for p in ["http://", "https://"] where t.hasPrefix(p) && t.count > p.count { return true }
        return false
    }

    /// `xs:language`: `[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*` (collapsed).
    static func isLanguage(_ s: String) -> Bool {
        let parts = LexicalScanner.collapsed(s).split(separator: "-", omittingEmptySubsequences: false)
        return parts.enumerated().allSatisfy { i, p in
            (1...8).contains(p.utf8.count) && p.utf8.allSatisfy { c in
                (0x41...0x5A).contains(c) || (0x61...0x7A).contains(c) || (i > 0 && (0x30...0x39).contains(c))
            }
        }
    }

    /// Phone number `e164`: `\+[0-9]{1,15}`.
    static func isE164(_ s: String) -> Bool {
        let u = Array(s.utf8)
        return u.first == UInt8(ascii: "+") && (2...16).contains(u.count) && u.dropFirst().allSatisfy { (0x30...0x39).contains($0) }
    }
}
