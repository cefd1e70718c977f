import EWPAPIs
import Foundation
import Testing

/// `modified_since` of IIAs index as xs:dateTime (ewp-specs-architecture › Index-pulling; checked
/// by the EWP API Validator).
@Suite("IIAs v7: modified_since as xs:dateTime")
struct IIAsDateTimeTests {
    static func since(_ text: String) -> Date?? {
        do {
            return try IIAsIndexRequest(RequestParameters([("modified_since", text)])).modifiedSince
        } catch {
            return .some(nil)
        }
    }

    @Test("Valid forms are read with their time zone (none: UTC)", arguments: [
        ("2000-02-12T15:19:21+01:00", 950_365_161.0),
        ("2000-02-12T14:19:21Z", 950_365_161.0),
        ("2000-02-12T14:19:21", 950_365_161.0),
        ("2000-02-12T09:19:21.5-05:00", 950_365_161.5),
        ("2000-02-12T15:19:21 01:00", 950_365_161.0),              // '+' decoded as a space
        (" 1970-01-01T00:00:00Z\n", 0.0),
        ("2000-02-29T00:00:00Z", 951_782_400.0),                   // leap year
        ("1999-12-31T24:00:00Z", 946_684_800.0),                   // 24:00:00 is the next midnight
    ])
    func valid(text: String, seconds: Double) {
        #expect(Self.since(text) == .some(Date(timeIntervalSince1970: seconds)), "\(text)")
    }

    @Test("A date alone, another layout, an impossible value or garbage → 400", arguments: [
        "2000-02-12", "2000-02-12T15:19", "2000-2-12T15:19:21Z", "2000-02-12 15:19:21Z", "2000-13-01T00:00:00Z",
        "1900-02-29T00:00:00Z", "2000-02-12T25:00:00Z", "2000-02-12T24:00:01Z", "2000-02-12T15:60:00Z", "2000-02-12T15:19:60Z",
        "2000-02-12T15:19:21+0100", "2000-02-12T15:19:21.Z", "2000-02-12T15:19:21ZZ", "garbage", "",
    ])
    func invalid(_ text: String) {
        #expect(Self.since(text) == .some(nil), "\(text)")
    }
}
