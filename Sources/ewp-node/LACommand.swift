import ArgumentParser
import EWPModel
import EWPNode
import EWPOperations
import Foundation

/// `ewp-node la …`: learning agreements. `check` now; `approve` and `comment` (acting on a
/// partner's changes proposal through its `update` endpoint) join as further subcommands.
struct LACommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "la", abstract: "Learning agreements (OMobility LAs v1).",
        subcommands: [LACheckCommand.self, LAApproveCommand.self, LACommentCommand.self, LAListCommand.self, LAShowCommand.self])
}

/// `ewp-node la check FILE...`: checks learning agreements against the Erasmus+ guidelines without
/// importing them. One finding a line on stdout, `error|warning RULE-ID OMOBILITY-ID: message`;
/// problems with a file on stderr as `FILE: why`. Exit 1 when a finding is an error or a file is
/// not a well-formed `omobility-las-get-response`, else 0.
struct LACheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Check learning agreements against the Erasmus+ guidelines without importing them.",
        discussion: "Rules: " + GuidelineCheck.rules.map(\.id).joined(separator: ", ") + ".")

    @Option(help: "Check as on this day (YYYY-MM-DD, UTC); default: today.")
    var today: String?

    @Option(name: .customLong("recommended-language"),
            help: "The IIA's recommended level in a language of instruction, as LANG:LEVEL (e.g. en:B2); repeatable.")
    var recommendedLanguages: [String] = []

    @Argument(help: "omobility-las-get-response documents.")
    var files: [String]

    func run() throws {
        let day = try checkDay()
        let context = GuidelineContext(recommendedLanguageSkills: try recommendedSkills())
        var failed = false
        var checked = 0
        var findings = 0
        for file in files {
            let data: [UInt8]
            do { data = try ImportFile.read(file) } catch {
                report("\(file): \(error)")
                failed = true
                continue
            }
            let decoded: OMobilityLAsGetResponse.Decoded
            do {
                decoded = try OMobilityLAsGetResponse.decode(bytes: data)
            } catch {
                report("\(file): not a well-formed omobility-las-get-response: \(error)")
                failed = true
                continue
            }
            for path in decoded.ignoredElements {
                report("\(file): ignored \(path): the schema defines no such element there")
            }
            if decoded.response.learningAgreements.isEmpty { report("\(file): no learning agreement (la) in the document") }
            for la in decoded.response.learningAgreements {
                checked += 1
                for finding in GuidelineCheck.findings(for: la, today: day, context: context) {
                    print(finding)
                    findings += 1
                    if finding.severity == .error { failed = true }
                }
            }
        }
        // Silence would leave the reader wondering whether anything was checked at all.
        if findings == 0 && checked > 0 && !failed { print("no findings: \(checked) learning agreement(s) checked") }
        if failed { throw ExitCode(1) }
    }

    private func checkDay() throws -> Date {
        guard let today else { return Date() }
        guard let d = XSDate(today) else { throw ValidationError("--today \(today) is not a day (YYYY-MM-DD)") }
        return Date(timeIntervalSince1970: Double(d.day.ordinal) * 86_400)
    }

    private func recommendedSkills() throws -> [StudentLanguageSkill] {
        try recommendedLanguages.map { value in
            let parts = value.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, CEFRLevel(rawValue: parts[1]) != nil, !parts[0].isEmpty else {
                throw ValidationError("--recommended-language \(value) is not LANG:LEVEL (e.g. en:B2)")
            }
            return StudentLanguageSkill(language: parts[0], cefrLevel: parts[1])
        }
    }

    private func report(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
