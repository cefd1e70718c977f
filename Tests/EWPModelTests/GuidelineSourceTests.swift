import EWPTestTraits
import EWPModel
import EWPTestSupport
import Foundation
import Testing

/// Every rule has a unique id, says what it checks, and cites the guidelines: each quoted passage
/// is word for word in the cited document.
@Suite struct GuidelineSourceTests {
    static func normalized(_ s: String) -> String {
        s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    @Test(.officialGuidelines, arguments: GuidelineCheck.rules)
    func quotesAreInTheirDocuments(_ rule: GuidelineRule) throws {
        #expect(!rule.sources.isEmpty)
        #expect(rule.sources.contains { [GuidelineSource.ka131Document, GuidelineSource.olaDocument].contains($0.document) },
                "\(rule.id) cites no guideline text")
        for source in rule.sources {
            let path = OfficialMaterial.path(underShared: source.document)
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(Self.normalized(text).contains(Self.normalized(source.quote)), "\(rule.id): “\(source.quote)” is not in \(source.document)")
            #expect(!source.section.isEmpty && source.description.contains(source.section))
        }
    }

    /// README.md's table of rules is complete and gives each rule's severity.
    @Test func readmeListsEveryRule() throws {
        let readme = try String(contentsOfFile: (RepositoryPaths.root as NSString).appendingPathComponent("README.md"), encoding: .utf8)
        for rule in GuidelineCheck.rules {
            #expect(readme.contains("| `\(rule.id)` | \(rule.severity.rawValue) |"), "\(rule.id)")
        }
    }

    @Test func idsAreUniqueAndWellFormed() {
        let ids = GuidelineCheck.rules.map(\.id)
        #expect(Set(ids).count == ids.count)
        for id in ids {
            #expect(id.hasPrefix("LA-") && id.allSatisfy { $0.isUppercase || $0.isNumber || $0 == "-" }, "\(id)")
        }
        #expect(GuidelineCheck.rules.allSatisfy { !$0.summary.isEmpty })
        #expect(GuidelineCheck.rule(id: "LA-TABLES-SEMESTER")?.severity == .error)
        #expect(GuidelineCheck.rule(id: "LA-NO-SUCH-RULE") == nil)
    }
}
