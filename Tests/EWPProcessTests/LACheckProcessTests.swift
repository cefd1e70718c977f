import EWPModel
import EWPTestTraits
import EWPTestSupport
import EWPXML
import Foundation
import Testing

/// `ewp-node la check FILE...` as a process (README): one finding a line on stdout,
/// `error|warning RULE-ID OMOBILITY-ID: message`; exit 1 when a finding is an error or a file is
/// not a well-formed omobility-las-get-response (said on stderr), 0 otherwise.
@Suite struct LACheckProcessTests {
    static let fixtures = RepositoryPaths.root + "/Tests/EWPModelTests/Fixtures"
    /// The KA131 BIP example: no finding.
    static let bip = fixtures + "/la-bip.xml"
    static let official = RepositoryPaths.spec("ewp-specs-api-omobility-las/examples/get-response-example.xml")

    struct Run {
        let status: Int32
        let stdout: [String]
        let stderr: [String]
    }

    /// Runs `ewp-node la check ARGS`, stdout and stderr kept apart.
    static func check(_ arguments: [String]) async throws -> Run {
        let node = try E2EPaths.nodeBinary()
        let directory = try RepositoryPaths.temporaryDirectory(prefix: "la-check")
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("out").path, err = directory.appendingPathComponent("err").path
        let (status, _) = try await ChildProcess.run("/bin/sh", ["-c", "o=$1; e=$2; shift 2; exec \"$@\" >\"$o\" 2>\"$e\"", "sh", out, err,
                                                                 node, "la", "check"] + arguments)
        func lines(_ path: String) -> [String] {
            ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        }
        return Run(status: status, stdout: lines(out), stderr: lines(err))
    }

    /// What the check finds in a file, computed in this process.
    static func expectedLines(_ path: String, today: String) throws -> [String] {
        let day = Date(timeIntervalSince1970: Double(XSDate(today)!.day.ordinal) * 86_400)
        let las = try OMobilityLAsGetResponse(XMLReader.parse(Array(Data(contentsOf: URL(fileURLWithPath: path))))).learningAgreements
        return las.flatMap { GuidelineCheck.findings(for: $0, today: day) }.map(\.description)
    }

    @Test func cleanLearningAgreementExitsZeroSayingSo() async throws {
        let run = try await Self.check(["--today", "2024-07-01", Self.bip])
        #expect(run.status == 0 && run.stdout == ["no findings: 1 learning agreement(s) checked"] && run.stderr == [])
    }

    @Test func warningsOnlyExitZero() async throws {
        // After the BIP started: nothing changes (it is signed); with a recommended C1: a warning.
        let run = try await Self.check(["--today", "2025-04-01", "--recommended-language", "en:C1", Self.bip])
        #expect(run.status == 0)
        #expect(run.stdout.count == 1)
        #expect(run.stdout.first?.hasPrefix("warning LA-LANGUAGE-LEVEL la-bip: the student's level in en is B2, below the recommended C1") == true)
    }

    @Test func errorFindingsExitOne() async throws {
        let directory = try RepositoryPaths.temporaryDirectory(prefix: "la-check-error")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("no-provisions.xml").path
        let bip = try String(contentsOfFile: Self.bip, encoding: .utf8)
        let withoutProvisions = bip.replacingOccurrences(of: #"<provisions-url>[^<]*</provisions-url>"#, with: "", options: .regularExpression)
        #expect(withoutProvisions != bip)
        #expect(FileManager.default.createFile(atPath: file, contents: Data(withoutProvisions.utf8)))
        let run = try await Self.check(["--today", "2024-07-01", file])
        #expect(run.status == 1)
        #expect(run.stdout == (try Self.expectedLines(file, today: "2024-07-01")))
        #expect(run.stdout.contains { $0.hasPrefix("error LA-PROVISIONS-URL la-bip: no provisions-url") })
    }

    @Test(.officialSpecs) func officialExampleHasErrorFindings() async throws {
        let run = try await Self.check(["--today", "2026-01-01", Self.official])
        #expect(run.status == 1)
        #expect(run.stdout == (try Self.expectedLines(Self.official, today: "2026-01-01")))
        #expect(run.stdout.contains { $0.hasPrefix("error LA-PROVISIONS-URL c442c289-5541-4cae-9edb-8ad83e133613: no provisions-url") })
        #expect(run.stdout.allSatisfy { $0.hasPrefix("error LA-") || $0.hasPrefix("warning LA-") })
    }

    @Test func everyFileIsCheckedAndAnyProblemExitsOne() async throws {
        let directory = try RepositoryPaths.temporaryDirectory(prefix: "la-check-files")
        defer { try? FileManager.default.removeItem(at: directory) }
        let broken = directory.appendingPathComponent("broken.xml").path
        let otherRoot = directory.appendingPathComponent("iias.xml").path
        let invalid = directory.appendingPathComponent("invalid.xml").path
        let missing = directory.appendingPathComponent("missing.xml").path
        #expect(FileManager.default.createFile(atPath: broken, contents: Data("<omobility-las-get-response".utf8)))
        #expect(FileManager.default.createFile(atPath: otherRoot, contents: Data("<iias-get-response xmlns=\"urn:x\"/>".utf8)))
        let bip = try String(contentsOfFile: Self.bip, encoding: .utf8)
        #expect(FileManager.default.createFile(atPath: invalid, contents: Data(bip.replacingOccurrences(of: "<value>3</value>", with: "<value>three</value>").utf8)))

        let run = try await Self.check(["--today", "2024-07-01", broken, Self.bip, otherRoot, invalid, missing])
        #expect(run.status == 1)
        #expect(run.stdout == [])
        #expect(run.stderr.count == 4)
        #expect(run.stderr.first?.hasPrefix("\(broken): not a well-formed omobility-las-get-response: /: not well-formed XML") == true)
        #expect(run.stderr.contains("\(otherRoot): not a well-formed omobility-las-get-response: iias-get-response: expected <omobility-las-get-response> in the namespace \(LANamespace.getResponse), found <iias-get-response> in the namespace urn:x"))
        #expect(run.stderr.contains("\(invalid): not a well-formed omobility-las-get-response: omobility-las-get-response/la/first-version/blended-mobility-components/component/credit/value: \"three\" is not an xs:decimal"))
        #expect(run.stderr.contains("\(missing): no such file"))
    }

    @Test func unknownElementsAreNotedAndIgnored() async throws {
        let directory = try RepositoryPaths.temporaryDirectory(prefix: "la-check-unknown")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("newer.xml").path
        let bip = try String(contentsOfFile: Self.bip, encoding: .utf8)
        #expect(FileManager.default.createFile(atPath: file, contents: Data(bip.replacingOccurrences(
            of: "</provisions-url>", with: "</provisions-url><x:note xmlns:x=\"urn:x\">later version</x:note>").utf8)))
        let run = try await Self.check(["--today", "2024-07-01", file])
        #expect(run.status == 0 && run.stdout == ["no findings: 1 learning agreement(s) checked"])
        #expect(run.stderr == ["\(file): ignored omobility-las-get-response/la/note: the schema defines no such element there"])
    }

    @Test func badOptionsAreRefused() async throws {
        let badDay = try await Self.check(["--today", "2025-02-30", Self.bip])
        #expect(badDay.status != 0 && badDay.status != 1)
        #expect(badDay.stderr.joined().contains("--today 2025-02-30 is not a day"))
        let badLevel = try await Self.check(["--recommended-language", "en-B2", Self.bip])
        #expect(badLevel.status != 0 && badLevel.status != 1)
        #expect(badLevel.stderr.joined().contains("is not LANG:LEVEL"))
    }
}
