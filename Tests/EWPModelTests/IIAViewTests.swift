import EWPTestTraits
import EWPModel
import EWPTestSupport
import EWPXML
import Testing

/// The typed view of an `iia` element (IIAs API v7 endpoints/get.md): what the node's logic reads,
/// the element kept whole.
@Suite("IIA model: the typed view of an iia element")
struct IIAViewTests {
    static func iia(_ text: String) throws -> XElement {
        try #require(try XMLReader.parse(IIADocuments.response([text])).children.first)
    }

    @Test("The official example: partners, conditions with their years, in-effect", .officialSpecs)
    func officialExample() throws {
        let iia = try IIA(try #require(try Fixtures.iias(inFile: Fixtures.getResponseExample).first))
        #expect(iia.partners.map(\.heiID) == ["uw.edu.pl", "hibo.no"])
        #expect(iia.local.iiaID == "0f7a5682-faf7-49a7-9cc7-ec486c49a281")
        #expect(iia.local.iiaCode == "983/E+/III14&15")
        #expect(iia.partner.iiaID == "1954991")
        #expect(iia.inEffect)
        #expect(!iia.terminatedAsAWhole)
        #expect(iia.conditions.map(\.type) == [.studentStudies, .studentTraineeship, .staffTeacher, .staffTeacher, .staffTraining])
        #expect(iia.conditions[3].sendingHEI == "hibo.no" && iia.conditions[3].receivingHEI == "uw.edu.pl")
        #expect(iia.receivingAcademicYears == ["2014/2015", "2015/2016", "2016/2017", "2017/2018", "2018/2019", "2019/2020", "2020/2021"])
        #expect(iia.declaredHash == iia.computedHash)
        #expect(iia.computedHash == "e950faa83a799cf45839e7915db88ed51575babe7845c1219dfde54ce30a61e4")
    }

    @Test("Years of every condition are merged, sorted and unique; both forms are kept apart")
    func receivingYears() throws {
        let text = IIADocuments.iia(hei: "a.example", id: "1", partner: "b.example")
        let iia = try IIA(try Self.iia(text))
        #expect(iia.receivingAcademicYears == ["2024/2024", "2024/2025", "2025/2026", "2026/2027"])
        #expect(iia.conditions[0].academicYears.map(\.description) == ["2024/2025", "2025/2026", "2026/2027"])
    }

    @Test("An unmapped partner has no iia-id; the hash covers its absence")
    func unmapped() throws {
        let unmapped = try IIA(try Self.iia(IIADocuments.iia(hei: "a.example", id: "1", partner: "b.example")))
        let mapped = try IIA(try Self.iia(IIADocuments.iia(hei: "a.example", id: "1", partner: "b.example", partnerID: "B-9")))
        #expect(unmapped.partner.iiaID == nil)
        #expect(mapped.partner.iiaID == "B-9")
        #expect(unmapped.computedHash != mapped.computedHash)
    }

    @Test("withHash replaces the iia-hash (or adds it before pdf-file) and changes nothing the hash covers")
    func withHash() throws {
        let iia = try IIA(try Self.iia(IIADocuments.iia(hei: "a.example", id: "1", partner: "b.example")))
        let hash = iia.computedHash
        let element = iia.element(withHash: hash)
        #expect(element.children.first { $0.name == "iia-hash" }?.text == hash)
        #expect(IIAHash.hash(element) == hash)
        #expect(element.children.count == iia.element.children.count)

        var bare = iia.element
        bare.children.removeAll { $0.name == "iia-hash" }
        bare.children.append(XElement("pdf-file", namespace: IIA.namespace, text: "file-1"))
        let added = try IIA(bare).element(withHash: hash)
        #expect(added.children.suffix(2).map(\.name) == ["iia-hash", "pdf-file"])
    }

    @Test("What the logic needs is checked, and the problem points at the element", arguments: [
        ("<partner><hei-id>a.example</hei-id></partner>", "exactly 2 partner", [Int]()),
        ("<partner><hei-id>a.example</hei-id></partner><partner><ounit-id>x</ounit-id></partner><in-effect>true</in-effect><cooperation-conditions/>", "no hei-id", [1]),
        ("<partner><hei-id>a</hei-id></partner><partner><hei-id>b</hei-id></partner><in-effect>maybe</in-effect><cooperation-conditions/>", "in-effect", [2]),
        ("<partner><hei-id>a</hei-id></partner><partner><hei-id>b</hei-id></partner><in-effect>1</in-effect>", "no cooperation-conditions", []),
        ("<partner><hei-id>a</hei-id></partner><partner><hei-id>b</hei-id></partner><in-effect>true</in-effect><cooperation-conditions terminated-as-a-whole=\"yes\"/>", "terminated-as-a-whole", [3]),
    ])
    func structuralProblems(body: String, expected: String, location: [Int]) throws {
        let element = try Self.iia("<iia>\(body)</iia>")
        #expect { try IIA(element) } throws: { error in
            guard let problem = error as? IIAProblem else { return false }
            return problem.message.contains(expected) && problem.location == location
        }
    }

    @Test("Academic years: malformed, reversed, mixed forms and absurd spans are refused at the year element", arguments: [
        (("2024-2025", "2025/2026"), "YYYY/YYYY", 3),
        (("2025/2026", "2024/2025"), "precedes", 4),
        (("2024/2025", "2025/2025"), "different forms", 4),
        (("1900/1901", "2024/2025"), "span more than", 4),
    ])
    func yearProblems(years: (String, String), expected: String, child: Int) throws {
        let text = IIADocuments.iia(hei: "a.example", id: "1", partner: "b.example",
                                    conditions: IIADocuments.studies(from: "a.example", to: "b.example", years: years))
        let element = try Self.iia(text)
        #expect { try IIA(element) } throws: { error in
            guard let problem = error as? IIAProblem else { return false }
            // iia/cooperation-conditions (position 3)/student-studies-mobility-spec (0)/<year element>
            return problem.message.contains(expected) && problem.location == [3, 0, child]
        }
    }
}
