import Foundation
import Logging
import Testing
@testable import EWPNode

@Suite("Structured JSON log lines")
struct JSONLogHandlerTests {
    @Test func valuesAreValidJSONWhateverTheyHold() throws {
        let nasty = "quote \" backslash \\ newline \n tab \t bell \u{07} żółw"
        let metadata: Logger.Metadata = ["request_id": .string(nasty), "status": .stringConvertible(200),
                                         "ms": .stringConvertible(1.5), "list": .array([.string("a"), .string("b")]),
                                         "nested": .dictionary(["k": .string("v")])]
        let object = "{" + metadata.keys.sorted().map { JSONText.quoted($0) + ":" + JSONLogHandler.json(metadata[$0]!) }.joined(separator: ",") + "}"
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(object.utf8)) as? [String: Any])
        #expect(parsed["request_id"] as? String == nasty)
        #expect(parsed["status"] as? Int == 200)
        #expect(parsed["ms"] as? Double == 1.5)
        #expect(parsed["list"] as? [String] == ["a", "b"])
        #expect((parsed["nested"] as? [String: String])?["k"] == "v")
    }

    @Test func timestampIsRFC3339UTCWithMilliseconds() {
        #expect(JSONLogHandler.timestamp(Date(timeIntervalSince1970: 1_796_000_000.123)) == "2026-11-30T00:53:20.123Z")
    }
}
