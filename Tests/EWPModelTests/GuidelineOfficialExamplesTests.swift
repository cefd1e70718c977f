import EWPTestTraits
import EWPModel
import EWPTestSupport
import EWPXML
import Foundation
import Testing

/// The official OMobility LAs examples run through the guideline check. What they trigger is
/// pinned here (and listed in the report): the examples show the wire format, not complete LAs.
@Suite(.officialSpecs) struct GuidelineOfficialExamplesTests {
    /// A day after every example's mobility.
    static let today = LAExamples.day("2026-01-01")

    static func ruleIDs(_ la: LearningAgreement) -> [String] {
        let findings = GuidelineCheck.findings(for: la, today: today)
        print(findings.map { "  \($0)" }.joined(separator: "\n"))
        return findings.map(\.rule.id)
    }

    @Test func getResponseExample() throws {
        let la = try #require(try OMobilityLAsGetResponse(XMLReader.parse(LAFixtures.bytes(LAFixtures.officialExample))).learningAgreements.first)
        // The proposal of 2019 still waits; Table A after it (6 ECTS, the proposal's changes being
        // cumulative from the first version) neither matches Table B (9) nor fits five months;
        // the example has no provisions-url.
        #expect(Self.ruleIDs(la) == ["LA-CHANGES-ANSWER", "LA-CREDITS-A-B", "LA-CREDITS-PROPORTION", "LA-PROVISIONS-URL"])
    }

    enum Outcome: Sendable, Equatable {
        case findings([String])
        /// The decoder refuses the LA at this path: the XSD refuses the document as well.
        case refused(String)

        var isFindings: Bool {
            if case .findings = self { return true }
            return false
        }
    }

    /// Elements the decoder ignores because the schema does not allow them there (the XSD refuses them).
    /// Ex9 and Ex19 carry the proposal's `student` over into `approved-changes`.
    static let ignored: [String: [String]] = [
        "Ex9.xml": ["omobility-las-get-response/la/approved-changes/student"],
        "Ex19.xml": ["omobility-las-get-response/la/approved-changes/student"],
    ]

    /// The dashboard scenario files that hold an `la` (without namespace: put into it here), and
    /// what the check makes of them. Ex7 and Ex17 put the proposal's `student` before its
    /// signatures, Ex16 has no start: all three are invalid against the schema, and refused.
    static let dashboard: [(String, Outcome)] = [
        ("Ex1.xml", .findings(["LA-APPROVAL-BEFORE-START", "LA-CREDITS-A-B", "LA-CREDITS-PROPORTION"])),
        ("Ex4.xml", .findings(["LA-CREDITS-A-B", "LA-CREDITS-PROPORTION"])),
        ("Ex7.xml", .refused("omobility-las-get-response/la/changes-proposal/student")),
        ("Ex9.xml", .findings(["LA-CREDITS-A-B", "LA-CREDITS-PROPORTION"])),
        ("Ex11.xml", .findings(["LA-APPROVAL-BEFORE-START", "LA-CREDITS-A-B", "LA-CREDITS-PROPORTION"])),
        ("Ex14.xml", .findings(["LA-CREDITS-A-B", "LA-CREDITS-PROPORTION"])),
        ("Ex16.xml", .refused("omobility-las-get-response/la")),
        ("Ex17.xml", .refused("omobility-las-get-response/la/changes-proposal/student")),
        ("Ex19.xml", .findings(["LA-CREDITS-A-B", "LA-CREDITS-PROPORTION"])),
    ]

    @Test(arguments: dashboard)
    func dashboardScenario(_ file: String, _ expected: Outcome) throws {
        let root = LAFixtures.namespaced(try XMLReader.parse(LAFixtures.bytes(LAFixtures.dashboardExamples + "/" + file)))
        let schema = try SchemaCache(directory: RepositoryPaths.schemas).schema(SchemaFile.omobilityLAsGetResponse)
        let problems = schema.validate(root, prefixes: LANamespace.conventionalPrefixes)
        let outcome: Outcome
        var ignored: [String] = []
        do {
            let decoded = try OMobilityLAsGetResponse.decode(root)
            ignored = decoded.ignoredElements
            outcome = .findings(Self.ruleIDs(try #require(decoded.response.learningAgreements.first)))
        } catch let error as LADecodingError {
            print("  \(file): \(error)")
            outcome = .refused(error.path)
        }
        #expect(outcome == expected)
        #expect(ignored == (Self.ignored[file] ?? []))
        // The schema refuses what the decoder refuses, and what it ignores as misplaced.
        #expect(problems.isEmpty == (ignored.isEmpty && outcome.isFindings), "\(problems)")
    }
}
