import EWPModel
import Foundation
import Testing

/// The XML Schema values of an LA keep their text and parse like XML Schema 1.0; calendar days
/// count exactly.
@Suite struct LASimpleValuesTests {
    @Test(arguments: ["2024-02-29", " 2024-02-29\n", "2024-02-29Z", "2024-02-29+14:00", "2024-02-29-05:30", "12024-01-01", "-0044-03-15"])
    func validDates(_ text: String) throws {
        let d = try #require(XSDate(text))
        #expect(d.text == text)
    }

    @Test(arguments: ["2023-02-29", "2024-2-29", "2024-13-01", "2024-00-10", "0000-01-01", "02024-01-01", "2024-01-01+15:00",
                      "2024-01-01T00:00:00", "2024-01-01 Z", "", "2024-01-32"])
    func invalidDates(_ text: String) {
        #expect(XSDate(text) == nil)
    }

    @Test func yearMonths() throws {
        let m = try #require(XSGYearMonth("2024-02"))
        #expect(m.firstDay == CalendarDay(year: 2024, month: 2, day: 1) && m.lastDay == CalendarDay(year: 2024, month: 2, day: 29))
        #expect(XSGYearMonth("2024-02Z") != nil)
        for bad in ["2024-2", "2024-13", "2024-02-01", "24-02"] { #expect(XSGYearMonth(bad) == nil, "\(bad)") }
    }

    @Test func dateTimes() throws {
        #expect(XSDateTime("2018-11-12T13:13:45+02:00")?.date == Date(timeIntervalSince1970: 1_542_021_225))
        #expect(XSDateTime("2018-11-12T11:13:45Z")?.date == Date(timeIntervalSince1970: 1_542_021_225))
        #expect(XSDateTime("2018-11-12T11:13:45")?.date == Date(timeIntervalSince1970: 1_542_021_225))
        #expect(XSDateTime("2018-11-12T24:00:00")?.date == Date(timeIntervalSince1970: 1_542_067_200))
        for bad in ["2018-11-12", "2018-11-12T25:00:00", "2018-11-12T24:00:01", "2018-11-12T10:60:00", "2018-11-12T10:00", "2018-11-12T10:00:00.", "2018-11-12T10:00:00+2:00"] {
            #expect(XSDateTime(bad) == nil, "\(bad)")
        }
    }

    @Test func decimals() throws {
        for (text, value) in [("9", "9"), ("7.5", "7.5"), ("+3", "3"), ("-1.25", "-1.25"), (".5", "0.5"), ("5.", "5"), (" 30 ", "30")] {
            let d = try #require(XSDecimal(text), "\(text)")
            #expect(d.value == Decimal(string: value) && d.text == text)
        }
        for bad in ["", ".", "1e3", "1,5", "five", "+-1", "1 2"] { #expect(XSDecimal(bad) == nil, "\(bad)") }
    }

    @Test func integers() {
        #expect(XSInteger("08")?.value == 8 && XSInteger("08")?.text == "08")
        #expect(XSInteger("+2")?.value == 2 && XSInteger("-3")?.value == -3)
        for bad in ["", "2.0", "two", "+"] { #expect(XSInteger(bad) == nil, "\(bad)") }
    }

    @Test func calendarDays() throws {
        #expect(CalendarDay(year: 1970, month: 1, day: 1)?.ordinal == 0)
        #expect(CalendarDay(year: 2000, month: 3, day: 1)?.ordinal == 11_017)
        #expect(CalendarDay(year: 2023, month: 2, day: 29) == nil && CalendarDay(year: 2000, month: 2, day: 29) != nil
                && CalendarDay(year: 1900, month: 2, day: 29) == nil)
        for ordinal in [-800_000, -1, 0, 59, 10_956, 19_723, 2_932_896] {
            #expect(CalendarDay(ordinal: ordinal).ordinal == ordinal)
        }
        let jan31 = try #require(CalendarDay(year: 2024, month: 1, day: 31))
        #expect(jan31.adding(months: 1) == CalendarDay(year: 2024, month: 2, day: 29))
        #expect(jan31.adding(months: 13) == CalendarDay(year: 2025, month: 2, day: 28))
        #expect(jan31.adding(months: -2) == CalendarDay(year: 2023, month: 11, day: 30))
        #expect(jan31.adding(days: 30) == CalendarDay(year: 2024, month: 3, day: 1))
        #expect(jan31.days(to: CalendarDay(year: 2025, month: 1, day: 31)!) == 366)
        #expect(CalendarDay(Date(timeIntervalSince1970: 1_718_092_800)).description == "2024-06-11")
        #expect(CalendarDay(Date(timeIntervalSince1970: -1)).description == "1969-12-31")
    }
}
