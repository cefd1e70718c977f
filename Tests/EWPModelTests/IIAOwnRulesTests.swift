import EWPModel
import EWPTestSupport
import EWPXML
import Testing

/// What our own IIAs must meet before we store and serve them (IIAs API v7 endpoints/get.md,
/// get-response.xsd annotations).
@Suite("IIA model: rules for our own IIAs")
struct IIAOwnRulesTests {
    static func problems(_ text: String, servedBy hei: String = "a.example") throws -> [IIAProblem] {
        let element = try #require(try XMLReader.parse(IIADocuments.response([text])).children.first)
        return OwnIIARules.problems(try IIA(element), servedBy: hei)
    }

    @Test("A complete IIA of ours has no problem")
    func valid() throws {
        #expect(try Self.problems(IIADocuments.iia(hei: "a.example", id: "A-1", partner: "b.example", partnerID: "B-1")).isEmpty)
    }

    @Test("IIAs API v7 endpoints/get.md: the first partner's hei-id is exactly the served HEI")
    func firstPartnerIsServedHEI() throws {
        let problems = try Self.problems(IIADocuments.iia(hei: "A.example", id: "A-1", partner: "b.example"))
        #expect(problems.count == 1)
        #expect(problems.first?.location == [0, 0])   // partner[1]/hei-id
        #expect(problems.first?.message.contains("exactly \"a.example\"") == true)
    }

    @Test("IIAs API v7 endpoints/get.md: the first partner carries both iia-id and iia-code")
    func idAndCode() throws {
        let noCode = IIADocuments.iia(hei: "a.example", id: "A-1", partner: "b.example")
            .replacingOccurrences(of: "<iia-code>CODE/A-1</iia-code>", with: "")
        let problems = try Self.problems(noCode)
        #expect(problems.map(\.location) == [[0]])
        #expect(problems.first?.message.contains("iia-code") == true)

        let noID = IIADocuments.iia(hei: "a.example", id: "A-1", partner: "b.example").replacingOccurrences(of: "<iia-id>A-1</iia-id>", with: "")
        #expect(try Self.problems(noID).first?.message.contains("must have an iia-id") == true)
    }

    @Test("The two partners are different HEIs (case-insensitively)")
    func distinctPartners() throws {
        let problems = try Self.problems(IIADocuments.iia(hei: "a.example", id: "A-1", partner: "A.EXAMPLE",
                                                          conditions: IIADocuments.teaching(from: "a.example", to: "a.example")))
        #expect(problems.contains { $0.message.contains("another HEI") && $0.location == [1, 0] })
        #expect(problems.contains { $0.message.contains("sending and the receiving HEI are the same") })
    }

    @Test("get-response.xsd: every mobility spec goes between the two partners")
    func specBetweenPartners() throws {
        let text = IIADocuments.iia(hei: "a.example", id: "A-1", partner: "b.example",
                                    conditions: IIADocuments.teaching(from: "a.example", to: "c.example"))
        let problems = try Self.problems(text)
        #expect(problems.count == 1)
        #expect(problems.first?.location == [3, 0, 1])   // cooperation-conditions/staff-teacher-mobility-spec/receiving-hei-id
        #expect(problems.first?.message.contains("c.example is not one of the IIA's partners") == true)
    }

    @Test("terminated-as-a-whole, if given, is true")
    func terminatedOnlyTrue() throws {
        let text = IIADocuments.iia(hei: "a.example", id: "A-1", partner: "b.example")
            .replacingOccurrences(of: "<cooperation-conditions>", with: "<cooperation-conditions terminated-as-a-whole=\"false\">")
        #expect(try Self.problems(text).map(\.location) == [[3]])
        let terminated = text.replacingOccurrences(of: "\"false\"", with: "\"true\"")
        #expect(try Self.problems(terminated).isEmpty)
    }
}
