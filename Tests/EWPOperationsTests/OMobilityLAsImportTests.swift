import EWPAPIs
import EWPCore
import EWPModel
@testable import EWPOperations
import EWPStore
import EWPTestSupport
import EWPXML
import Foundation
import Synchronization
import Testing

/// `ewp-node import` of our learning agreements into real SQLite
/// files: create, update with a new changes proposal, unchanged, all-or-nothing rejection (schema,
/// model, plan rules, guideline errors), guideline warnings stored, CNRs in the same transaction,
/// and the optimistic lock against a partner's concurrent update.
@Suite("OMobility LAs import into the store")
struct OMobilityLAsImportTests {
    static let hei = "a.example"
    static let partner = "b.example"
    static let t0 = Date(timeIntervalSince1970: 1_778_371_200) // 2026-05-10T00:00:00Z
    static let schema: XSDSchema = try! SchemaCache(directory: RepositoryPaths.schemas).schema(SchemaFile.omobilityLAsGetResponse)

    struct Fixture {
        let directory: URL
        let store: SQLiteStore
        let importer: LAImporter

        init(store wrapping: ((SQLiteStore) -> any ConditionalOwnObjectStore)? = nil) throws {
            directory = try RepositoryPaths.temporaryDirectory(prefix: "ewp-olas-import")
            store = try SQLiteStore(path: directory.appendingPathComponent("node.sqlite").path)
            importer = LAImporter(store: wrapping?(store) ?? store, coveredHEIs: ["A.example", "c.example"], schema: OMobilityLAsImportTests.schema,
                                  policy: .lifetime(3600))
        }

        func run(_ las: [String], at now: Date = OMobilityLAsImportTests.t0) async -> LAImportReport {
            await importer.importDocument(Array(LADocuments.response(las).utf8), now: now)
        }

        func object(_ id: String, kind: String = OwnLAStorage.kind) async throws -> OwnObject? {
            try await store.ownObjects(kind: kind, heiID: "A.example", ids: [id]).first
        }

        func history(_ id: String) async throws -> [LAVersion] {
            try await OwnLAStorage.history(store, heiID: "A.example", omobilityID: id)
        }

        func outbox() async throws -> [QueueRow] {
            try await store.queueRows(.outbox, filter: QueueFilter(limit: 1000)).sorted { $0.id < $1.id }
        }

        func finish() { try? FileManager.default.removeItem(at: directory) }
    }

    static func la(_ id: String, _ stage: LADocuments.Stage, sending: String = hei, receiving: String = partner,
                   recognizedECTS: String = "30", provisions: Bool = true, replacement: String = "Distributed Systems") -> String {
        LADocuments.la(id, sending: sending, receiving: receiving, stage: stage, replacement: replacement, recognizedECTS: recognizedECTS,
                       provisions: provisions)
    }

    @Test("Create: each LA stored as served under its covered sending HEI, with its filters, revision 1, a version record, a year marker; one LA CNR each; others' LAs skipped")
    func create() async throws {
        let fixture = try Fixture()
        defer { fixture.finish() }
        let report = await fixture.run([Self.la("m-1", .proposedFirstVersion(proposalID: "p-1")), Self.la("m-2", .signedFirstVersion, receiving: "C.example"),
                                        Self.la("m-9", .signedFirstVersion, sending: "z.example")])
        #expect(!report.rejected, "\(report.lines)")
        #expect(report.entries.map(\.outcome) == [.created, .created])
        #expect(report.entries.map(\.heiID) == ["A.example", "A.example"])
        #expect(report.skipped.count == 1 && report.skipped[0].description.contains("z.example"))
        #expect(report.notifications == 2)
        #expect(report.lines.first == "2 created, 0 updated, 0 unchanged, 1 skipped; 2 change notifications queued")

        let m1 = try #require(try await fixture.object("m-1"))
        let expected = try OMobilityLAsGetResponse.decode(bytes: Array(LADocuments.response([Self.la("m-1", .proposedFirstVersion(proposalID: "p-1"))]).utf8))
        #expect(try OwnLAStorage.learningAgreement(m1) == expected.response.learningAgreements.first)
        #expect(m1.partnerHEIs == ["b.example"] && m1.hash == "1" && m1.modifiedAt == Self.t0)
        #expect(m1.filterKeys["la-state"] == ["awaiting"] && m1.filterKeys["receiving-academic-year-id"] == ["2026/2027"])
        #expect(try await fixture.object("m-2")?.partnerHEIs == ["c.example"])
        #expect(try await fixture.object("m-9") == nil)
        #expect(try await fixture.object("2026/2027", kind: OwnLAStorage.yearKind) != nil)
        let history = try await fixture.history("m-1")
        #expect(history.map(\.event) == [.imported] && history[0].changesProposalID == "p-1" && history[0].actorHEI == "A.example")

        let outbox = try await fixture.outbox()
        #expect(outbox.map(\.key) == [NotificationKey(api: "omobility-la-cnr", localHEI: "A.example", partnerHEI: "b.example", objectID: "m-1"),
                                      NotificationKey(api: "omobility-la-cnr", localHEI: "A.example", partnerHEI: "c.example", objectID: "m-2")])
        #expect(outbox.allSatisfy { $0.expiresAt == Self.t0.addingTimeInterval(3600) && $0.nextAttemptAt == Self.t0.addingTimeInterval(1) })
    }

    @Test("Update with a new changes proposal: replaced, revision 2, history kept, CNR; the same document again changes nothing")
    func updateAndUnchanged() async throws {
        let fixture = try Fixture()
        defer { fixture.finish() }
        _ = await fixture.run([Self.la("m-1", .signedFirstVersion)])
        let later = Self.t0.addingTimeInterval(86_400)
        let report = await fixture.run([Self.la("m-1", .changesProposed(proposalID: "p-2"))], at: later)
        #expect(report.entries.map(\.outcome) == [.updated], "\(report.lines)")
        let stored = try #require(try await fixture.object("m-1"))
        #expect(stored.hash == "2" && stored.modifiedAt == later)
        #expect(try OwnLAStorage.learningAgreement(stored)?.changesProposal?.id == "p-2")
        #expect(stored.filterKeys["la-state"] == ["awaiting"] && stored.filterKeys["la-approval"] == ["modified-after-approval"])
        #expect(try await fixture.history("m-1").map(\.revision) == [1, 2])
        #expect(try await fixture.outbox().map(\.mergedChanges) == [2], "the second change merged into the pending CNR row")

        let again = await fixture.run([Self.la("m-1", .changesProposed(proposalID: "p-2"))], at: later.addingTimeInterval(60))
        #expect(again.entries.map(\.outcome) == [.unchanged])
        #expect(again.notifications == 0)
        #expect(try await fixture.object("m-1") == stored)
        #expect(try await fixture.history("m-1").count == 2)
        #expect(try await fixture.outbox().map(\.mergedChanges) == [2])
    }

    @Test("Guideline errors reject the whole document with the rule and the LA; nothing is stored or queued")
    func guidelineErrorRejects() async throws {
        let fixture = try Fixture()
        defer { fixture.finish() }
        let report = await fixture.run([Self.la("good", .signedFirstVersion), Self.la("bad", .signedFirstVersion, provisions: false)])
        #expect(report.rejected)
        #expect(report.problems.count == 1)
        #expect(report.problems[0].path == "omobility-las-get-response/la[2]")
        #expect(report.problems[0].message.contains("LA-PROVISIONS-URL") && report.problems[0].message.contains("bad"))
        #expect(report.lines.first?.hasPrefix("rejected, nothing stored") == true)
        #expect(try await fixture.object("good") == nil)
        #expect(try await fixture.outbox().isEmpty)
    }

    @Test("Problems name the line and the path of the element: guideline errors, duplicate ids, schema errors")
    func problemLines() async throws {
        let fixture = try Fixture()
        defer { fixture.finish() }
        func document(_ las: [String]) -> [UInt8] {
            Array(LADocuments.response(las.map { "\n" + $0 } + ["\n"]).utf8)
        }
        let guideline = await fixture.importer.importDocument(document([Self.la("good", .signedFirstVersion), Self.la("bad", .signedFirstVersion, provisions: false)]),
                                                              now: Self.t0)
        #expect(guideline.problems.map(\.line) == [3] && guideline.problems.first?.description.hasPrefix("line 3, omobility-las-get-response/la[2]: error LA-PROVISIONS-URL bad") == true,
                "\(guideline.lines)")
        let twice = await fixture.importer.importDocument(document([Self.la("d", .signedFirstVersion), Self.la("x", .signedFirstVersion), Self.la("d", .signedFirstVersion)]),
                                                          now: Self.t0)
        #expect(twice.problems.map(\.line) == [4] && twice.problems.first?.path == "omobility-las-get-response/la[3]/omobility-id", "\(twice.lines)")
        let schema = await fixture.importer.importDocument(document([Self.la("s", .signedFirstVersion), Self.la("t", .signedFirstVersion)
            .replacingOccurrences(of: "<eqf-level-studied-at-departure>6<", with: "<eqf-level-studied-at-departure>9<")]), now: Self.t0)
        #expect(schema.problems.first?.line == 3, "\(schema.lines)")
    }

    @Test("Locator: an LA path (positions among same-named siblings, [1] implied, @attribute) to the line of its element")
    func locator() throws {
        let text = "<r>\n<la>\n<x/>\n<x a=\"1\"/>\n</la>\n<la><x/></la>\n</r>"
        let locator = Locator(root: try XMLReader.parse(Array(text.utf8)), lines: try XMLReader.elementLines(Array(text.utf8)))
        #expect(locator.line(of: "r") == 1)
        #expect(locator.line(of: "r/la") == 2 && locator.line(of: "r/la[1]") == 2)
        #expect(locator.line(of: "r/la/x[2]") == 4 && locator.line(of: "r/la/x[2]/@a") == 4)
        #expect(locator.line(of: "r/la[2]/x") == 6)
        #expect(locator.line(of: "r/la[3]") == nil && locator.line(of: "other/la") == nil && locator.line(of: "r/y") == nil)
    }

    @Test("Guideline warnings are stored with the version and shown; they do not stop the import")
    func warningsStored() async throws {
        let fixture = try Fixture()
        defer { fixture.finish() }
        let report = await fixture.run([Self.la("m-1", .signedFirstVersion, recognizedECTS: "34")])
        #expect(!report.rejected, "\(report.lines)")
        let warnings = report.entries.first?.warnings.map(\.rule.id) ?? []
        #expect(warnings.contains("LA-CREDITS-A-B"))
        #expect(report.lines.contains { $0.contains("warning LA-CREDITS-A-B m-1") })
        let stored = try await fixture.history("m-1").first?.findings ?? []
        #expect(stored.map(\.rule) == warnings)
        #expect(stored.allSatisfy { $0.severity == "warning" })
    }

    @Test("Rejected documents change nothing: schema, model, duplicate id, another receiving HEI, an approved proposal back, a proposal id reused for new content")
    func rejections() async throws {
        let fixture = try Fixture()
        defer { fixture.finish() }
        _ = await fixture.run([Self.la("m-1", .changesProposed(proposalID: "p-2"))])
        let before = try await fixture.object("m-1")
        let invalid = await fixture.importer.importDocument(Array(LADocuments.response([Self.la("x", .signedFirstVersion)])
            .replacingOccurrences(of: "<isced-f-code>", with: "<isced-code>").replacingOccurrences(of: "</isced-f-code>", with: "</isced-code>").utf8), now: Self.t0)
        #expect(invalid.problems.first?.line == 1 && invalid.problems.first?.message.contains("omobility-las-get-response.xsd") == true)
        let cases: [(String, [String])] = [
            ("appears twice", [Self.la("d-1", .signedFirstVersion), Self.la("d-1", .signedFirstVersion)]),
            ("never changes", [Self.la("m-1", .changesProposed(proposalID: "p-2"), receiving: "c.example")]),
            ("same id", [Self.la("m-1", .changesProposed(proposalID: "p-2"), replacement: "Networks")]),
        ]
        for (reason, las) in cases {
            let report = await fixture.run(las, at: Self.t0.addingTimeInterval(60))
            #expect(report.rejected && report.problems.contains { $0.message.contains(reason) }, "\(reason): \(report.lines)")
        }
        // The receiving HEI approves p-2; an import of the LA still carrying p-2 as pending is refused.
        let server = OMobilityLAsServer(store: fixture.store)
        _ = try await server.update(servedHEI: "A.example", requesterHEIs: [HEIID(Self.partner)],
                                    body: Array(LADocuments.update(sending: Self.hei, omobilityID: "m-1", proposalID: "p-2").utf8), now: Self.t0.addingTimeInterval(120))
        let approved = try await fixture.object("m-1")
        let back = await fixture.run([Self.la("m-1", .changesProposed(proposalID: "p-2"))], at: Self.t0.addingTimeInterval(180))
        #expect(back.rejected && back.problems.first?.message.contains("already approved") == true, "\(back.lines)")
        #expect(try await fixture.object("m-1") == approved && approved != before)
        #expect(try await fixture.object("d-1") == nil)
        #expect(try await fixture.outbox().count == 1, "only the first import's and the approval's CNR (merged)")
    }

    @Test("The receiving HEI's comment survives re-imports of the same proposal and ends with a new one")
    func rejectionMark() async throws {
        let fixture = try Fixture()
        defer { fixture.finish() }
        _ = await fixture.run([Self.la("m-1", .changesProposed(proposalID: "p-2"))])
        _ = try await OMobilityLAsServer(store: fixture.store).update(
            servedHEI: "A.example", requesterHEIs: [HEIID(Self.partner)],
            body: Array(LADocuments.update(sending: Self.hei, omobilityID: "m-1", proposalID: "p-2", comment: "No.").utf8), now: Self.t0)
        let same = await fixture.run([Self.la("m-1", .changesProposed(proposalID: "p-2"))])
        #expect(same.entries.map(\.outcome) == [.unchanged])
        #expect(try await fixture.object("m-1")?.filterKeys["la-state"] == ["rejected"])
        let next = await fixture.run([Self.la("m-1", .changesProposed(proposalID: "p-3"), replacement: "Networks")])
        #expect(next.entries.map(\.outcome) == [.updated])
        let stored = try await fixture.object("m-1")
        #expect(stored?.filterKeys["la-state"] == ["awaiting"] && stored?.filterKeys["rejected-proposal-id"] == nil)
        #expect(try await fixture.history("m-1").map(\.event) == [.imported, .commented, .imported])
    }

    @Test("A partner's approval between the import's read and its commit: the import decides again on the new state, nothing is lost")
    func concurrentApproval() async throws {
        let fixture = try Fixture(store: { InterferingStore(base: $0) })
        defer { fixture.finish() }
        let plain = LAImporter(store: fixture.store, coveredHEIs: ["A.example"], schema: Self.schema, policy: .lifetime(3600))
        _ = await plain.importDocument(Array(LADocuments.response([Self.la("m-1", .proposedFirstVersion(proposalID: "p-1"))]).utf8), now: Self.t0)
        // Re-importing the pending proposal races with the partner approving it: the approval wins,
        // and the import, decided again, refuses to bring the approved proposal back.
        let report = await fixture.run([Self.la("m-1", .proposedFirstVersion(proposalID: "p-1")), Self.la("m-2", .signedFirstVersion)])
        #expect(report.rejected && report.problems.first?.message.contains("already approved") == true, "\(report.lines)")
        let stored = try #require(try await fixture.object("m-1"))
        #expect(try OwnLAStorage.learningAgreement(stored)?.firstVersion?.receivingHEISignature != nil)
        #expect(try await fixture.history("m-1").map(\.event) == [.imported, .approved])
        #expect(try await fixture.object("m-2") == nil)
    }
}

/// A store on which the receiving HEI approves m-1's proposal p-1 just before the first
/// conditional commit runs (as a partner's `update` served by another process would).
final class InterferingStore: ConditionalOwnObjectStore, Sendable {
    let base: SQLiteStore
    let interfered = Mutex(false)

    init(base: SQLiteStore) { self.base = base }

    func commit(_ changes: ChangeSet, now: Date) async throws { try await base.commit(changes, now: now) }
    func ownObjects(kind: String, heiID: String, ids: [String]) async throws -> [OwnObject] { try await base.ownObjects(kind: kind, heiID: heiID, ids: ids) }
    func ownObjectIDs(kind: String, heiID: String, partnerHEI: String?, filters: [String: [String]], modifiedSince: Date?) async throws -> [String] {
        try await base.ownObjectIDs(kind: kind, heiID: heiID, partnerHEI: partnerHEI, filters: filters, modifiedSince: modifiedSince)
    }

    func commit(_ changes: ChangeSet, expecting: [OwnObjectExpectation], now: Date) async throws {
        if !interfered.withLock({ done in defer { done = true }; return done }) {
            _ = try await OMobilityLAsServer(store: base).update(
                servedHEI: "A.example", requesterHEIs: [HEIID(OMobilityLAsImportTests.partner)],
                body: Array(LADocuments.update(sending: OMobilityLAsImportTests.hei, omobilityID: "m-1", proposalID: "p-1").utf8), now: now)
        }
        try await base.commit(changes, expecting: expecting, now: now)
    }
}
