import Foundation

// XML Schema simple values as they appear in a learning agreement. Each keeps the element's text
// exactly as read (`text`), so a decoded document is written back unchanged, and offers the
// parsed value. The lexical rules are those of XML Schema 1.0 after whitespace collapsing (which
// these types have, unlike `xs:string`): `init?(_:)` fails when the schema would reject the text.

/// `xs:date`: a day with an optional time zone (ignored for day arithmetic).
public struct XSDate: Sendable, Hashable, CustomStringConvertible {
    public let text: String
    public let day: CalendarDay

    public init?(_ text: String) {
        var s = LexicalScanner(text)
        guard let day = s.day(), s.timeZone(), s.atEnd else { return nil }
        self.text = text
        self.day = day
    }

    public init(_ day: CalendarDay) {
        self.text = day.description
        self.day = day
    }

    public var description: String { text }
}

/// `xs:gYearMonth`: a month (`2019-02`) with an optional time zone.
public struct XSGYearMonth: Sendable, Hashable, CustomStringConvertible {
    public let text: String
    public let year: Int
    public let month: Int

    public init?(_ text: String) {
        var s = LexicalScanner(text)
        guard let (y, m) = s.yearMonth(), s.timeZone(), s.atEnd else { return nil }
        self.text = text
        self.year = y
        self.month = m
    }

    public var firstDay: CalendarDay { CalendarDay(year: year, month: month, day: 1)! }
    public var lastDay: CalendarDay { CalendarDay(year: year, month: month, day: CalendarDay.daysIn(year: year, month: month))! }
    public var description: String { text }
}

/// `xs:dateTime` (signature timestamps). Without a time zone the time is taken as UTC.
public struct XSDateTime: Sendable, Hashable, CustomStringConvertible {
    public let text: String
    public let date: Date

    public init?(_ text: String) {
        var s = LexicalScanner(text)
        guard let day = s.day(), s.take("T"), let hh = s.digits(exactly: 2), s.take(":"), let mm = s.digits(exactly: 2), s.take(":"),
              let ss = s.digits(exactly: 2) else { return nil }
        var fraction = 0.0
        if s.take(".") {
            guard let f = s.fraction() else { return nil }
            fraction = f
        }
        guard mm < 60, ss < 60, hh < 24 || (hh == 24 && mm == 0 && ss == 0 && fraction == 0) else { return nil }
        var offset = 0
        guard s.timeZone(offsetMinutes: &offset), s.atEnd else { return nil }
        let seconds = Double(day.ordinal) * 86_400 + Double(hh * 3600 + mm * 60 + ss) + fraction - Double(offset * 60)
        self.text = text
        self.date = Date(timeIntervalSince1970: seconds)
    }

    public var description: String { text }
}

/// `xs:decimal` (credit values).
public struct XSDecimal: Sendable, Hashable, CustomStringConvertible {
    public let text: String
    public let value: Decimal

    public init?(_ text: String) {
        var s = LexicalScanner(text)
        let integral = s.signedDigitRun()
        var fractional = 0
        if s.take(".") { fractional = s.digitRun() }
        guard integral + fractional > 0, s.atEnd,
              let value = Decimal(string: s.withoutPlus, locale: Locale(identifier: "en_US_POSIX")) else { return nil }
        self.text = text
        self.value = value
    }

    public init(_ value: Decimal) {
        self.value = value
        self.text = "\(value)"
    }

    public var description: String { text }
}

/// Reads one collapsed lexical value byte by byte.
struct LexicalScanner {
    private let bytes: [UInt8]
    private var i = 0

    init(_ text: String) { bytes = Array(LexicalScanner.collapsed(text).utf8) }

    /// XML Schema `whiteSpace="collapse"` for the single-token types used here: leading and
    /// trailing whitespace removed (an inner space makes the value invalid anyway).
    static func collapsed(_ text: String) -> String {
        let ws: (Character) -> Bool = { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }
        guard let first = text.firstIndex(where: { !ws($0) }), let last = text.lastIndex(where: { !ws($0) }) else { return "" }
        return String(text[first...last])
    }

    var atEnd: Bool { i == bytes.count }

    mutating func take(_ c: Character) -> Bool {
        guard i < bytes.count, bytes[i] == c.asciiValue! else { return false }
        i += 1
        return true
    }

    /// An optional sign and a run of digits; returns the number of digits.
    mutating func signedDigitRun() -> Int {
        _ = take("+") || take("-")
        return digitRun()
    }

    /// The whole (collapsed) value without a leading `+`, for `Int` and `Decimal` parsing.
    var withoutPlus: String {
        let all = String(decoding: bytes, as: UTF8.self)
        return all.hasPrefix("+") ? String(all.dropFirst()) : all
    }

    /// `YYYY-MM-DD` naming a day that exists.
    mutating func day() -> CalendarDay? {
        guard let (y, m) = yearMonth(), take("-"), let d = digits(exactly: 2) else { return nil }
        return CalendarDay(year: y, month: m, day: d)
    }

    /// A run of ASCII digits; returns its length.
    mutating func digitRun() -> Int {
        let start = i
        while i < bytes.count, (0x30...0x39).contains(bytes[i]) { i += 1 }
        return i - start
    }

    mutating func digits(exactly n: Int) -> Int? {
        guard i + n <= bytes.count else { return nil }
        var v = 0
        for k in i..<(i + n) {
            guard (0x30...0x39).contains(bytes[k]) else { return nil }
            v = v * 10 + Int(bytes[k] - 0x30)
        }
        i += n
        return v
    }

    /// `-?YYYY+-MM` (a four-digit year at least, no leading zero beyond four digits, not 0000).
    mutating func yearMonth() -> (Int, Int)? {
        let negative = take("-")
        let start = i
        let n = digitRun()
        guard n >= 4, n == 4 || bytes[start] != 0x30, n <= 9 else { return nil }
        let year = Int(String(decoding: bytes[start..<(start + n)], as: UTF8.self))!
        guard year != 0, take("-"), let month = digits(exactly: 2), (1...12).contains(month) else { return nil }
        return (negative ? -year : year, month)
    }

    /// `.fff…` after the dot: at least one digit.
    mutating func fraction() -> Double? {
        let start = i
        guard digitRun() > 0 else { return nil }
        return Double("0." + String(decoding: bytes[start..<i], as: UTF8.self))
    }

    /// An optional time zone `Z` or `±hh:mm` (hh ≤ 14, 14:00 at most).
    mutating func timeZone() -> Bool {
        var ignored = 0
        return timeZone(offsetMinutes: &ignored)
    }

    mutating func timeZone(offsetMinutes: inout Int) -> Bool {
        if atEnd { return true }
        if take("Z") { return true }
        let sign: Int
        if take("+") { sign = 1 } else if take("-") { sign = -1 } else { return false }
        guard let hh = digits(exactly: 2), take(":"), let mm = digits(exactly: 2), mm < 60,
              hh < 14 || (hh == 14 && mm == 0) else { return false }
        offsetMinutes = sign * (hh * 60 + mm)
        return true
    }
}
