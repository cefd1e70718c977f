import EWPModel
import Testing

/// `valid-for-approval`: false when any element has not-yet-defined exactly true/1, or a non-empty
/// v6-value (the stylesheet's document-wide check, over the one IIA).
@Suite("iia-hash: valid for approval")
struct ValidForApprovalTests {
    typealias F = Fixtures

    static func skill(_ attrs: String) -> String {
        "<recommended-language-skill\(attrs)><language>en</language></recommended-language-skill><blended>false</blended>"
    }

    @Test("a plain IIA is valid for approval")
    func plain() throws {
        #expect(IIAHash.isValidForApproval(try F.iia(specs: F.studies())))
    }

    @Test("not-yet-defined on mobilities-per-year or a language skill",
          arguments: [("true", false), ("1", false), ("false", true), ("0", true), (" true", true)])
    func notYetDefined(value: String, valid: Bool) throws {
        let onCount = try F.iia(specs: F.studies(mobilities: "<mobilities-per-year not-yet-defined=\"\(value)\">2</mobilities-per-year>"))
        #expect(IIAHash.isValidForApproval(onCount) == valid)
        let onSkill = try F.iia(specs: F.studies(rest: Self.skill(" not-yet-defined=\"\(value)\"")))
        #expect(IIAHash.isValidForApproval(onSkill) == valid)
    }

    @Test("v6-value: non-empty makes it invalid, empty does not")
    func v6Value() throws {
        func iia(_ attrs: String) throws -> Bool {
            IIAHash.isValidForApproval(try F.iia(specs: F.studies(rest: "<recommended-language-skill><language>en</language></recommended-language-skill>"
                + "<subject-area><isced-f-code\(attrs)>0314</isced-f-code></subject-area><blended>false</blended>")))
        }
        #expect(try !iia(" v6-value=\"031\""))
        #expect(try iia(" v6-value=\"\""))
        #expect(try iia(""))
    }

    @Test("the check covers the whole IIA, not only the cooperation conditions")
    func anywhere() throws {
        let iia = try F.iia("""
        <iia><partner><hei-id>a.example</hei-id><iia-id not-yet-defined="true">A1</iia-id></partner>\
        <partner><hei-id>b.example</hei-id></partner><in-effect>true</in-effect><cooperation-conditions/>\
        <iia-hash>\(String(repeating: "0", count: 64))</iia-hash></iia>
        """)
        #expect(!IIAHash.isValidForApproval(iia))
    }

    @Test("terminated-as-a-whole does not affect it")
    func terminated() throws {
        #expect(IIAHash.isValidForApproval(try F.iia(conditionsAttributes: " terminated-as-a-whole=\"true\"", specs: F.studies())))
    }
}
