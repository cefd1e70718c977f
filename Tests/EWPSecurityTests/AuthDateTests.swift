import Foundation
import Testing
@testable import EWPSecurity

@Suite("cliauth-httpsig: Date and Original-Date")
struct AuthDateTests {
    @Test("dates within ±5 minutes are accepted", arguments: [-299.0, -60, 0, 60, 299])
    func inWindow(_ offset: TimeInterval) {
        #expect(Probe(date: Probe.now.addingTimeInterval(offset)).run().isSuccess)
    }

    @Test("dates more than 5 minutes off are 400 and say by how much", arguments: [-301.0, 301, -3600, 86400])
    func outOfWindow(_ offset: TimeInterval) throws {
        let failure = try #require(Probe(date: Probe.now.addingTimeInterval(offset)).run().failure)
        #expect(failure.reason == .dateOutOfWindow)
        #expect(failure.status == 400)
        #expect(failure.developerMessage.contains("\(Int(abs(offset))) seconds"))
    }

    @Test("EWP API Validator: a signed Original-Date 20 minutes old (fresh Date unsigned) is 400")
    func staleOriginalDate() throws {
        var probe = Probe()
        probe.set("Original-Date", HTTPDate.format(Probe.now.addingTimeInterval(-1200)))
        probe.signedNames = ["(request-target)", "host", "original-date", "x-request-id", "digest"]
        let failure = try #require(probe.run().failure)
        #expect(failure.reason == .dateOutOfWindow)
        #expect(failure.developerMessage.contains("Original-Date"))
    }

    @Test("when both are signed, both are checked")
    func bothSigned() throws {
        var probe = Probe()
        probe.set("Original-Date", HTTPDate.format(Probe.now.addingTimeInterval(-1200)))
        probe.signedNames.append("original-date")
        #expect(probe.run().failure?.reason == .dateOutOfWindow)
    }

    @Test("an unsigned stale Date is ignored when a fresh Original-Date is signed (proxy rewrote Date)")
    func unsignedDateIgnored() {
        var probe = Probe()
        probe.set("Original-Date", HTTPDate.format(Probe.now))
        probe.set("Date", HTTPDate.format(Probe.now.addingTimeInterval(-1200)))
        probe.signedNames = ["(request-target)", "host", "original-date", "x-request-id", "digest"]
        #expect(probe.run().isSuccess)
    }

    @Test("a date not in RFC 1123 GMT format is 400", arguments: [
        "2014-01-05T21:31:40Z", "Sun, 05 Jan 2014 21:31:40 +0000", "Sunday, 05-Jan-14 21:31:40 GMT", "Sun Jan  5 21:31:40 2014", "",
    ])
    func badFormat(_ value: String) throws {
        var probe = Probe(); probe.set("Date", value)
        let failure = try #require(probe.run().failure)
        #expect(failure.reason == .badDate)
        #expect(failure.developerMessage.contains("RFC 1123"))
    }

    @Test("a window below the spec's 5 minutes is raised to 5 minutes (MUST NOT be smaller)")
    func windowFloor() {
        #expect(Probe.authenticator(window: 10).window == 300)
        #expect(Probe(date: Probe.now.addingTimeInterval(200)).run(Probe.authenticator(window: 10)).isSuccess)
        #expect(Probe.authenticator(window: 900).window == 900)
    }
}

@Suite("HTTPDate: strict RFC 1123")
struct HTTPDateTests {
    @Test("formats the draft-cavage date")
    func format() {
        #expect(HTTPDate.format(Date(timeIntervalSince1970: 1_388_957_500)) == "Sun, 05 Jan 2014 21:31:40 GMT")
        #expect(HTTPDate.format(Date(timeIntervalSince1970: 0)) == "Thu, 01 Jan 1970 00:00:00 GMT")
        #expect(HTTPDate.format(Date(timeIntervalSince1970: 951_782_400)) == "Tue, 29 Feb 2000 00:00:00 GMT")
    }

    @Test("parse inverts format over many dates")
    func roundTrip() {
        var t: TimeInterval = -2_000_000_000
        while t < 4_000_000_000 {
            let d = Date(timeIntervalSince1970: t)
            #expect(HTTPDate.parse(HTTPDate.format(d)) == d)
            t += 86_400 * 37 + 3_723
        }
    }

    @Test("format writes the four-digit year that parse requires, also before year 1000 (found by fuzzing)")
    func fourDigitYear() throws {
        let date = try #require(HTTPDate.parse("Tue, 14 Nov 0023 22:13:20 GMT"))
        #expect(HTTPDate.format(date) == "Tue, 14 Nov 0023 22:13:20 GMT")
        #expect(HTTPDate.parse(HTTPDate.format(date)) == date)
    }

    @Test("a one-digit day (Java RFC_1123_DATE_TIME) is accepted")
    func oneDigitDay() {
        #expect(HTTPDate.parse("Sun, 5 Jan 2014 21:31:40 GMT") == Date(timeIntervalSince1970: 1_388_957_500))
    }

    @Test("rejects wrong weekday, bad fields and other zones", arguments: [
        "Mon, 05 Jan 2014 21:31:40 GMT", "Sun, 05 Jan 2014 24:00:00 GMT", "Sun, 32 Jan 2014 21:31:40 GMT",
        "Sat, 29 Feb 2014 21:31:40 GMT", "Sun, 05 jan 2014 21:31:40 GMT", "Sun, 05 Jan 2014 21:31:40 UTC",
        "Sun, 05 Jan 2014 21:31 GMT", "Sun,  05 Jan 2014 21:31:40 GMT", "Sun, 05 Jan 14 21:31:40 GMT", "Sun, 05 Jan 2014 21:31:4 GMT",
    ])
    func rejects(_ value: String) {
        #expect(HTTPDate.parse(value) == nil)
    }
}
