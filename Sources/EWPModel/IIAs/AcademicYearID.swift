/// An EWP academic year id (ewp-specs-types-academic-term `AcademicYearId`, pattern
/// `[0-9]{4}/[0-9]{4}`): "2010/2011" on the northern hemisphere (the second year is the first plus
/// one), "2010/2010" on the southern one (both equal). Any other pair of years is refused.
public struct AcademicYearID: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let startYear: Int
    /// True for the "2010/2010" form.
    public let isSingleCalendarYear: Bool

    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 9, bytes[4] == UInt8(ascii: "/"),
              let first = Self.fourDigits(bytes[0..<4]), let second = Self.fourDigits(bytes[5..<9]),
              second == first || second == first + 1 else { return nil }
        startYear = first
        isSingleCalendarYear = second == first
    }

    public init(startYear: Int, singleCalendarYear: Bool = false) {
        self.startYear = startYear
        isSingleCalendarYear = singleCalendarYear
    }

    public var endYear: Int { isSingleCalendarYear ? startYear : startYear + 1 }

    public var description: String { Self.pad(startYear) + "/" + Self.pad(endYear) }

    public static func < (lhs: AcademicYearID, rhs: AcademicYearID) -> Bool {
        (lhs.startYear, lhs.endYear) < (rhs.startYear, rhs.endYear)
    }

    /// Why `text` is not an academic year id, nil when it is one.
    public static func problem(_ text: String) -> String? {
        guard AcademicYearID(text) == nil else { return nil }
        let bytes = Array(text.utf8)
        if bytes.count == 9, bytes[4] == UInt8(ascii: "/"), fourDigits(bytes[0..<4]) != nil, fourDigits(bytes[5..<9]) != nil {
            return "\"\(text)\" is not an academic year: the second year must equal the first (\"2010/2010\") or follow it (\"2010/2011\")"
        }
        return "\"\(text)\" is not an academic year id of the form YYYY/YYYY (e.g. \"2024/2025\")"
    }

    /// Every academic year from `first` to `last`, both included, in the form of `first`; nil when
    /// `last` precedes `first` or the two use different forms.
    public static func years(from first: AcademicYearID, through last: AcademicYearID) -> [AcademicYearID]? {
        guard first.isSingleCalendarYear == last.isSingleCalendarYear, first.startYear <= last.startYear else { return nil }
        return (first.startYear...last.startYear).map { AcademicYearID(startYear: $0, singleCalendarYear: first.isSingleCalendarYear) }
    }

    private static func fourDigits(_ bytes: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in bytes {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    private static func pad(_ year: Int) -> String {
        let digits = String(year)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
