import Foundation

/// Reads an `xs:dateTime` (`[-]YYYY-MM-DDThh:mm:ss[.fff][Z|(+|-)hh:mm]`), as `modified_since`
/// carries it (digest §1.9). Strict: a date alone, another layout or an impossible value is nil.
/// No time zone means UTC. A space where the zone's `+` belongs is read as `+` (a `+` left
/// unencoded in a query string arrives as a space).
public enum XSDateTime {
    public static func parse(_ text: String) -> Date? {
        var scanner = Scanner(Array(text.utf8).trimmedXMLWhitespace)
        guard let year = scanner.digits(min: 4, max: 9), year >= 1, scanner.take("-"),
              let month = scanner.digits(exactly: 2), scanner.take("-"),
              let day = scanner.digits(exactly: 2), scanner.take("T"),
              let hour = scanner.digits(exactly: 2), scanner.take(":"),
              let minute = scanner.digits(exactly: 2), scanner.take(":"),
              let second = scanner.digits(exactly: 2) else { return nil }
        var fraction = 0.0
        if scanner.take(".") {
            guard let digits = scanner.digitString(), !digits.isEmpty else { return nil }
            fraction = Double("0." + digits) ?? 0
        }
        var offsetMinutes = 0
        if scanner.take("Z") {
        } else if let sign = scanner.takeSign() {
            guard let zoneHour = scanner.digits(exactly: 2), scanner.take(":"), let zoneMinute = scanner.digits(exactly: 2),
                  zoneMinute < 60, zoneHour < 14 || (zoneHour == 14 && zoneMinute == 0) else { return nil }
            offsetMinutes = sign * (zoneHour * 60 + zoneMinute)
        }
        guard scanner.atEnd, (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
              minute < 60, second < 60, hour < 24 || (hour == 24 && minute == 0 && second == 0 && fraction == 0) else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = Double(days) * 86400 + Double(hour * 3600 + minute * 60 + second) + fraction - Double(offsetMinutes * 60)
        return Date(timeIntervalSince1970: seconds)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0
        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { index == bytes.count }

        mutating func take(_ character: Character) -> Bool {
            guard index < bytes.count, bytes[index] == character.asciiValue else { return false }
            index += 1
            return true
        }

        mutating func takeSign() -> Int? {
            if take("+") || take(" ") { return 1 }
            return take("-") ? -1 : nil
        }

        mutating func digitString() -> String? {
            let start = index
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }

        mutating func digits(exactly count: Int) -> Int? { digits(min: count, max: count) }

        /// A run of `min`...`max` digits (more than 4 year digits may not start with 0).
        mutating func digits(min: Int, max: Int) -> Int? {
            let start = index
            guard let text = digitString(), (min...max).contains(text.count), text.count == min || text.first != "0" else {
                index = start
                return nil
            }
            return Int(text)
        }
    }
}

extension Array where Element == UInt8 {
    /// Without leading and trailing XML whitespace (xs:dateTime collapses whitespace).
    var trimmedXMLWhitespace: [UInt8] {
        let space: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D]
        guard let start = firstIndex(where: { !space.contains($0) }), let end = lastIndex(where: { !space.contains($0) }) else { return [] }
        return Array(self[start...end])
    }
}
