import Foundation
import EWPTestSupport
import Testing
@testable import EWPNode

@Suite struct JSONTextTests {
    @Test func sortedKeysAndNesting() {
        let object: [String: Any] = [
            "status": "ready", "checks": ["store": ["ok": true, "ms": 3], "clock": ["ok": false]],
            "b": [1, "two", NSNull(), [String: Any]()], "a": [Any](),
        ]
        #expect(JSONText.encode(object)
            == #"{"a":[],"b":[1,"two",null,{}],"checks":{"clock":{"ok":false},"store":{"ms":3,"ok":true}},"status":"ready"}"#)
    }

    @Test func numbers() {
        #expect(JSONText.encode([42, -3, Int64(7), UInt8(9)] as [Any]) == "[42,-3,7,9]")
        #expect(JSONText.encode([42.0, 0.5, -2.25, 1e20, Double.nan, Double.infinity] as [Any]) == "[42,0.5,-2.25,1e+20,null,null]")
        #expect(JSONText.encode([true, false, 1, 0] as [Any]) == "[true,false,1,0]")
    }

    @Test func missingValuesAreNull() {
        let counts: [String: Int?] = ["none": nil, "some": 3]
        #expect(JSONText.encode(counts) == #"{"none":null,"some":3}"#)
        let nothing: String? = nil
        #expect(JSONText.encode(nothing) == "null")
        #expect(JSONText.encode(["age": nothing as Any]) == #"{"age":null}"#)
    }

    @Test func stringEscapes() {
        #expect(JSONText.quoted("plain/path é") == #""plain/path é""#)
        #expect(JSONText.quoted("a\"b\\c\nd\re\tf\u{01}g\u{1f}") == #""a\"b\\c\nd\re\tf\u0001g\u001f""#)
    }

    /// Whatever it writes, Foundation's parser reads back as the same values.
    @Test func readsBackThroughJSONSerialization() throws {
        let object: [String: Any] = [
            "text": "line\nbreak \"quoted\" \u{7} ünï", "n": 12, "x": 0.1, "flag": true, "list": ["a", 2, NSNull()],
            "nested": ["deeper": ["k": "v"]],
        ]
        let parsed = try #require(JSONSerialization.jsonObject(with: Data(JSONText.bytes(object))) as? [String: Any])
        #expect(parsed["text"] as? String == "line\nbreak \"quoted\" \u{7} ünï")
        #expect(parsed["n"] as? Int == 12)
        #expect(parsed["x"] as? Double == 0.1)
        #expect(parsed["flag"] as? Bool == true)
        #expect((parsed["list"] as? [Any])?.count == 3)
        #expect(((parsed["nested"] as? [String: Any])?["deeper"] as? [String: String]) == ["k": "v"])
    }

    /// One JSON writer: JSONSerialization's sorted keys go through ICU's collation, whose code and data
    /// stayed resident after one readiness probe (Benchmarks/RESULTS.md, "Idle memory").
    @Test("the product writes JSON only through JSONText")
    func oneJSONWriter() throws {
        let sources = RepositoryPaths.root + "/Sources"
        let files = try #require(FileManager.default.enumerator(atPath: sources)?.allObjects as? [String]).filter { $0.hasSuffix(".swift") }
        let offenders = try files.filter { file in
            try String(contentsOfFile: sources + "/" + file, encoding: .utf8).contains("JSONSerialization.data(")
        }
        #expect(files.count > 100)
        #expect(offenders.isEmpty, "write JSON with JSONText: \(offenders)")
    }

    @Test func otherValuesAsTheirDescription() {
        struct Opaque: CustomStringConvertible { var description: String { "opaque \"thing\"" } }
        #expect(JSONText.encode(["v": Opaque()]) == #"{"v":"opaque \"thing\""}"#)
    }
}
