import EWPAPIs
import EWPCore
import EWPModel
import EWPNotifications
@testable import EWPOperations
import EWPStore
import EWPTestSupport
import EWPXML
import Foundation
import Logging
import Synchronization
import Testing

/// The LA views over real SQLite files: the state per party
/// derived from the LA, our LAs with the findings their import recorded and their history, and
/// partners' LAs (partner copies) with findings computed against the day the copy changed, stored
/// whatever they hold and logged when they break the guidelines.
@Suite("LA overview: state per party, history, findings on ours and partners'")
struct LAOverviewTests {
    static let hei = "a.example"
    static let partner = "b.example"
    static let t0 = Date(timeIntervalSince1970: 1_778_371_200) // 2026-05-10T00:00:00Z
    static let schema: XSDSchema = try! SchemaCache(directory: RepositoryPaths.schemas).schema(SchemaFile.omobilityLAsGetResponse)

    struct Fixture {
        let directory: URL
        let store: SQLiteStore

        init() throws {
            directory = try RepositoryPaths.temporaryDirectory(prefix: "ewp-la-overview")
            store = try SQLiteStore(path: directory.appendingPathComponent("node.sqlite").path)
        }

        /// Imports our LAs (we are the sending HEI `hei`).
        func importOurs(_ las: [String], at now: Date = LAOverviewTests.t0) async -> LAImportReport {
            let importer = LAImporter(store: store, coveredHEIs: [HEIID(LAOverviewTests.hei)], schema: LAOverviewTests.schema, policy: .lifetime(3600))
            return await importer.importDocument(Array(LADocuments.response(las).utf8), now: now)
        }

        /// The receiving HEI answers our LA's proposal through `update` (comment nil: approve).
        func answer(_ id: String, proposal: String, comment: String? = nil, at now: Date) async throws {
            _ = try await OMobilityLAsServer(store: store).update(
                servedHEI: HEIID(LAOverviewTests.hei), requesterHEIs: [HEIID(LAOverviewTests.partner)],
                body: Array(LADocuments.update(sending: LAOverviewTests.hei, omobilityID: id, proposalID: proposal, comment: comment).utf8), now: now)
        }

        /// Stores partner LAs as the puller does (we are the receiving HEI `hei`), returning the copies as pulled.
        @discardableResult
        func pull(_ las: [String], from sending: String = LAOverviewTests.partner, at now: Date) async throws -> [PartnerCopy] {
            let root = try XMLReader.parse(Array(LADocuments.response(las).utf8))
            let copies = OMobilityLAsPull().objects(in: root, entry: OMobilityLAsPull().entry, partnerHEI: sending).map { id, element in
                PartnerCopy(api: "omobility-las", localHEI: LAOverviewTests.hei, partnerHEI: sending, objectID: id,
                            document: XMLWriter.document(element), hash: nil, seenAt: now, changedAt: now)
            }
            try await store.savePartnerCopies(copies)
            // As the puller does after a pull: the partner is registered for index-sync.
            try await store.saveSyncState(SyncState(api: "omobility-las", localHEI: LAOverviewTests.hei, partnerHEI: sending))
            return copies
        }

        func finish() { try? FileManager.default.removeItem(at: directory) }
    }

    static func decoded(_ la: String) throws -> LearningAgreement {
        try #require(try OMobilityLAsGetResponse.decode(bytes: Array(LADocuments.response([la]).utf8)).response.learningAgreements.first)
    }

    static func ours(_ id: String, _ stage: LADocuments.Stage, recognizedECTS: String = "30", replacement: String = "Distributed Systems") -> String {
        LADocuments.la(id, sending: hei, receiving: partner, stage: stage, replacement: replacement, recognizedECTS: recognizedECTS)
    }

    static func theirs(_ id: String, _ stage: LADocuments.Stage, provisions: Bool = true, from sending: String = partner) -> String {
        LADocuments.la(id, sending: sending, receiving: hei, stage: stage, provisions: provisions)
    }

    @Test("State per party follows the LA: proposed first version, signed first version, changes proposed, a comment on the proposal")
    func partyState() throws {
        let proposed = LAPartyState(try Self.decoded(Self.ours("m", .proposedFirstVersion(proposalID: "p-1"))), marks: LAMarks())
        #expect(proposed.sendingSignedFirstVersion && !proposed.receivingSignedFirstVersion)
        #expect(proposed.sendingSignature == "Anna Sender, 2026-05-03T10:00:00Z")
        #expect(proposed.pendingProposalID == "p-1" && proposed.proposalRejected == false)
        #expect(proposed.state == .awaiting && proposed.approval == .neverApproved)

        let signed = LAPartyState(try Self.decoded(Self.ours("m", .signedFirstVersion)), marks: LAMarks())
        #expect(signed.sendingSignedFirstVersion && signed.receivingSignedFirstVersion && signed.receivingSignature == "Bruno Receiver, 2026-05-10T10:00:00Z")
        #expect(signed.pendingProposalID == nil && signed.proposalRejected == nil)
        #expect(signed.state == .approved && signed.approval == .notModifiedAfterApproval)

        let changes = try Self.decoded(Self.ours("m", .changesProposed(proposalID: "p-2")))
        let awaiting = LAPartyState(changes, marks: LAMarks(approvedProposalIDs: ["p-1"]))
        #expect(awaiting.pendingProposalID == "p-2" && awaiting.proposalRejected == false && awaiting.state == .awaiting && awaiting.approval == .modifiedAfterApproval)
        #expect(awaiting.proposalApproved == false && awaiting.text.contains("proposal p-2, not answered yet"))
        // Approved by the receiving HEI, the copy at hand not yet showing it: said, still awaiting.
        let inTransit = LAPartyState(changes, marks: LAMarks(approvedProposalIDs: ["p-1", "p-2"]))
        #expect(inTransit.proposalApproved == true && inTransit.state == .awaiting && inTransit.json["proposal_approved"] as? Bool == true)
        #expect(inTransit.text.contains("proposal p-2, approved by the receiving HEI, not yet in this copy"), "\(inTransit.text)")
        let rejected = LAPartyState(changes, marks: LAMarks(rejectedProposalID: "p-2"))
        #expect(rejected.proposalRejected == true && rejected.state == .rejected)
        #expect(rejected.text.contains("proposal p-2, commented by the receiving HEI"))
        // Without answers known (marks nil) whether the proposal was commented on is not said.
        let partners = LAPartyState(changes, marks: nil)
        #expect(partners.proposalRejected == nil && partners.state == .awaiting)
        #expect(partners.json["proposal_rejected"] is NSNull && partners.json["proposal_approved"] is NSNull)
    }

    @Test("Our LAs: one row each with the receiving HEI, type, year, student, state, and the warnings of the import that made the content (also after a comment)")
    func ourRows() async throws {
        let fixture = try Fixture()
        defer { fixture.finish() }
        let report = await fixture.importOurs([Self.ours("m-1", .changesProposed(proposalID: "p-2"), recognizedECTS: "34"), Self.ours("m-2", .signedFirstVersion)])
        #expect(!report.rejected, "\(report.lines)")
        let warnings = report.entries.first?.warnings.count ?? 0
        #expect(warnings > 0)
        try await fixture.answer("m-1", proposal: "p-2", comment: "Choose another course.", at: Self.t0.addingTimeInterval(3600))

        let rows = try await LAOverview(store: fixture.store).rows(heiIDs: [HEIID(Self.hei)])
        #expect(rows.map(\.omobilityID) == ["m-1", "m-2"] && rows.allSatisfy { $0.role == .sending && $0.partnerHEI == HEIID(Self.partner) })
        let m1 = rows[0]
        #expect(m1.mobilityType == "semester" && m1.academicYear == "2026/2027" && m1.studentName == "Chloe Student")
        #expect(m1.party?.state == .rejected && m1.party?.proposalRejected == true && m1.party?.pendingProposalID == "p-2")
        #expect(m1.errors == 0 && m1.warnings == warnings, "the import's warnings, found behind the comment's version record")
        #expect(m1.lastChange == Self.t0.addingTimeInterval(3600))
        #expect(m1.json["sending_hei"] as? String == Self.hei && m1.json["receiving_hei"] as? String == Self.partner && m1.json["state"] as? String == "rejected")
        #expect(m1.line.hasPrefix("sending a.example m-1 -> b.example  semester 2026/2027 Chloe Student  state: rejected (proposal p-2, commented by the receiving HEI)"))
        #expect(rows[1].party?.state == .approved && rows[1].warnings == 0)

        #expect(try await LAOverview(store: fixture.store).rows(heiIDs: [HEIID(Self.hei)], role: .receiving).isEmpty)
        #expect(try await LAOverview(store: fixture.store).rows(heiIDs: [HEIID(Self.hei)], partnerHEI: "c.example").isEmpty)
    }

    @Test("Show of ours: every version (import, comment, import, approval) with actor, signature and comment; the import's findings")
    func ourHistory() async throws {
        let fixture = try Fixture()
        defer { fixture.finish() }
        _ = await fixture.importOurs([Self.ours("m-1", .changesProposed(proposalID: "p-2"), recognizedECTS: "34")])
        try await fixture.answer("m-1", proposal: "p-2", comment: "Choose another course.", at: Self.t0.addingTimeInterval(60))
        let second = await fixture.importOurs([Self.ours("m-1", .changesProposed(proposalID: "p-3"), recognizedECTS: "34", replacement: "Networks")],
                                              at: Self.t0.addingTimeInterval(120))
        #expect(second.entries.map(\.outcome) == [.updated], "\(second.lines)")
        try await fixture.answer("m-1", proposal: "p-3", at: Self.t0.addingTimeInterval(180))

        guard case .found(let detail) = try await LAOverview(store: fixture.store).show(heiIDs: [HEIID(Self.hei)], omobilityID: "m-1") else {
            Issue.record("m-1 not found")
            return
        }
        #expect(detail.versions.map(\.event) == [.imported, .commented, .imported, .approved])
        #expect(detail.versions.map(\.actorHEI) == [Self.hei, Self.partner, Self.hei, Self.partner])
        #expect(detail.versions[1].comment == "Choose another course." && detail.versions[3].signature?.signerName == "Bruno Receiver")
        #expect(detail.row.party?.state == .approved && detail.row.party?.pendingProposalID == nil)
        #expect(detail.findings.contains { $0.rule == "LA-CREDITS-A-B" && $0.severity == "warning" })
        #expect(detail.findingsAsOf == Self.t0.addingTimeInterval(120))
        let json = detail.json
        let history = try #require(json["history"] as? [[String: Any]])
        #expect(history.map { $0["event"] as? String } == ["imported", "commented", "imported", "approved"])
        #expect((history[1]["comment"] as? String) == "Choose another course.")
        #expect((history[0]["document"] as? String)?.contains("<omobility-id>m-1</omobility-id>") == true)
        #expect(((json["findings"] as? [[String: Any]]) ?? []).contains { $0["rule"] as? String == "LA-CREDITS-A-B" })
        let text = detail.text
        #expect(text.contains("r2 ") && text.contains("commented by b.example proposal p-2") && text.contains("comment: Choose another course."))
        #expect(text.contains("warning LA-CREDITS-A-B:"))
        // Only ours and only this id: anything else is not found.
        if case .found = try await LAOverview(store: fixture.store).show(heiIDs: [HEIID(Self.hei)], omobilityID: "m-9") { Issue.record("m-9 found") }
    }

    @Test("A partner's LA that breaks a guideline rule (error) is stored as received, not rejected, and shows the finding in list and show")
    func partnerLAWithError() async throws {
        let fixture = try Fixture()
        defer { fixture.finish() }
        try await fixture.pull([Self.theirs("t-1", .changesProposed(proposalID: "q-1"), provisions: false), Self.theirs("t-2", .signedFirstVersion)], at: Self.t0)
        let stored = try await fixture.store.partnerCopy(api: "omobility-las", localHEI: Self.hei, partnerHEI: Self.partner, objectID: "t-1")
        #expect(stored?.document != nil, "stored whatever it holds")

        let rows = try await LAOverview(store: fixture.store).rows(heiIDs: [HEIID(Self.hei)], role: .receiving)
        #expect(rows.map(\.omobilityID) == ["t-1", "t-2"] && rows.allSatisfy { $0.role == .receiving && $0.partnerHEI == HEIID(Self.partner) })
        #expect(rows[0].errors >= 1 && rows[1].errors == 0)
        #expect(rows[0].party?.pendingProposalID == "q-1" && rows[0].party?.proposalRejected == false, "we hold no answer to q-1")
        #expect(rows[0].json["sending_hei"] as? String == Self.partner && rows[0].json["receiving_hei"] as? String == Self.hei)
        #expect(rows[0].lastChange == Self.t0)

        guard case .found(let detail) = try await LAOverview(store: fixture.store).show(heiIDs: [HEIID(Self.hei)], omobilityID: "t-1", sendingHEI: HEIID(Self.partner)) else {
            Issue.record("t-1 not found")
            return
        }
        #expect(detail.findings.contains { $0.rule == "LA-PROVISIONS-URL" && $0.severity == "error" })
        #expect(detail.pulled?.changedAt == Self.t0 && detail.findingsAsOf == Self.t0 && detail.versions.isEmpty)
        let history = try #require(detail.json["history"] as? [[String: Any]])
        #expect(history.count == 1 && history[0]["event"] as? String == "pulled" && history[0]["changed_at"] as? String == "2026-05-10T00:00:00Z")
        #expect(detail.text.contains("error LA-PROVISIONS-URL:") && detail.text.contains("pulled from b.example"))
    }

    @Test("Partners' LAs with our answers: proposal_rejected true after our comment on the pending proposal, false without one; show lists our answers oldest first")
    func partnerLAsWithOurAnswers() async throws {
        let fixture = try Fixture()
        defer { fixture.finish() }
        try await fixture.pull([Self.theirs("t-1", .changesProposed(proposalID: "q-1")), Self.theirs("t-2", .changesProposed(proposalID: "q-2")),
                                Self.theirs("t-3", .signedFirstVersion)], at: Self.t0)
        let signature = LASigner(name: "Dora Signer", position: "Coordinator", email: "dora@a.example", adminEmail: "").signature(at: Self.t0)
        func answer(_ id: String, _ proposal: String, _ action: LAUpdateAction, at: Date) async throws {
            try await LAAnswers.save(store: fixture.store, localHEI: Self.hei, answer: LAAnswer(
                sendingHEI: Self.partner.uppercased(), omobilityID: id, changesProposalID: proposal, action: action, signature: signature,
                at: at, partnerMessages: ["Thanks"]))
        }
        // Written out of order: show sorts by time.
        try await answer("t-1", "q-1", .comment("Replace Physics I."), at: Self.t0.addingTimeInterval(120))
        try await answer("t-1", "q-0", .approve, at: Self.t0.addingTimeInterval(60))

        let rows = try await LAOverview(store: fixture.store).rows(heiIDs: [HEIID(Self.hei)], role: .receiving)
        #expect(rows.map(\.omobilityID) == ["t-1", "t-2", "t-3"])
        #expect(rows[0].party?.proposalRejected == true && rows[0].party?.state == .rejected)
        #expect(rows[0].json["proposal_rejected"] as? Bool == true && rows[0].line.contains("proposal q-1, commented by the receiving HEI"), "\(rows[0].line)")
        #expect(rows[1].party?.proposalRejected == false && rows[1].party?.state == .awaiting && rows[1].json["proposal_rejected"] as? Bool == false)
        #expect(rows[2].party?.proposalRejected == nil && rows[2].json["proposal_rejected"] is NSNull)

        guard case .found(let detail) = try await LAOverview(store: fixture.store).show(heiIDs: [HEIID(Self.hei)], omobilityID: "t-1") else {
            Issue.record("t-1 not found")
            return
        }
        #expect(detail.answers.map(\.changesProposalID) == ["q-0", "q-1"] && detail.row.party?.proposalRejected == true)
        let history = try #require(detail.json["history"] as? [[String: Any]])
        #expect(history.map { $0["event"] as? String } == ["pulled", "approved", "commented"])
        #expect(history[2]["comment"] as? String == "Replace Physics I." && history[2]["actor"] as? String == Self.hei)
        #expect(history[2]["at"] as? String == "2026-05-10T00:02:00Z" && history[2]["partner_messages"] as? [String] == ["Thanks"])
        #expect((history[1]["signature"] as? [String: Any])?["signer_name"] as? String == "Dora Signer")
        #expect(detail.text.contains("2026-05-10T00:02:00Z commented by a.example proposal q-1 signed by Dora Signer (Coordinator, dora@a.example)"
                                     + " at 2026-05-10T00:00:00Z comment: Replace Physics I."), "\(detail.text)")

        // A later approval of the same proposal replaces the comment: no longer rejected.
        try await answer("t-1", "q-1", .approve, at: Self.t0.addingTimeInterval(180))
        let after = try await LAOverview(store: fixture.store).rows(heiIDs: [HEIID(Self.hei)], role: .receiving)
        #expect(after[0].party?.proposalRejected == false && after[0].party?.state == .awaiting)
    }

    @Test("Partners' findings are computed against the day the copy changed: the record does not drift as days pass, and an unchanged re-pull keeps it")
    func findingsDoNotDrift() async throws {
        let fixture = try Fixture()
        defer { fixture.finish() }
        let la = Self.theirs("t-1", .changesProposed(proposalID: "q-1"))
        try await fixture.pull([la], at: Self.t0)
        // Pulled again, unchanged, two months later: changedAt stays, so do the findings.
        try await fixture.pull([la], at: Self.t0.addingTimeInterval(60 * 86_400))
        let copy = try #require(try await fixture.store.partnerCopy(api: "omobility-las", localHEI: Self.hei, partnerHEI: Self.partner, objectID: "t-1"))
        #expect(copy.changedAt == Self.t0 && copy.seenAt == Self.t0.addingTimeInterval(60 * 86_400))
        let checked = try #require(PartnerLAFindings.check(copy))
        #expect(checked.findings.map(\.rule.id) == GuidelineCheck.findings(for: try Self.decoded(la), today: Self.t0).map(\.rule.id))
        #expect(!checked.findings.contains { $0.rule.id == "LA-CHANGES-ANSWER" }, "8 days after the request, within the two weeks")
        let later = GuidelineCheck.findings(for: try Self.decoded(la), today: copy.seenAt)
        #expect(later.contains { $0.rule.id == "LA-CHANGES-ANSWER" }, "checked against the day of the last pull it would drift")
    }

    @Test("A partner's copy that is not a readable LA, or deleted, is listed or shown with why, never dropped (found also without a sync registration)")
    func unreadableAndDeleted() async throws {
        let fixture = try Fixture()
        defer { fixture.finish() }
        try await fixture.store.savePartnerCopies([
            PartnerCopy(api: "omobility-las", localHEI: Self.hei, partnerHEI: Self.partner, objectID: "bad",
                        document: Array("<la xmlns=\"\(LADocuments.namespace)\"><omobility-id>bad</omobility-id></la>".utf8), hash: nil, seenAt: Self.t0, changedAt: Self.t0),
            PartnerCopy(api: "omobility-las", localHEI: Self.hei, partnerHEI: Self.partner, objectID: "gone", document: nil, hash: nil, seenAt: Self.t0, changedAt: Self.t0),
        ])
        let rows = try await LAOverview(store: fixture.store).rows(heiIDs: [HEIID(Self.hei)])
        #expect(rows.map(\.omobilityID) == ["bad"])
        #expect(rows[0].party == nil && rows[0].problem?.isEmpty == false && rows[0].line.contains("UNREADABLE"))
        guard case .found(let gone) = try await LAOverview(store: fixture.store).show(heiIDs: [HEIID(Self.hei)], omobilityID: "gone") else {
            Issue.record("gone not shown")
            return
        }
        #expect(gone.document == nil && gone.json["findings"] as? [[String: Any]] != nil && (gone.json["la"] as? [String: Any])?["deleted"] as? Bool == true)
    }

    @Test("Show: the same omobility-id held twice (ours and a partner's) is ambiguous until the sending HEI is named")
    func ambiguous() async throws {
        let fixture = try Fixture()
        defer { fixture.finish() }
        _ = await fixture.importOurs([Self.ours("same", .signedFirstVersion)])
        try await fixture.pull([Self.theirs("same", .signedFirstVersion)], at: Self.t0)
        let overview = LAOverview(store: fixture.store)
        guard case .ambiguous(let holders) = try await overview.show(heiIDs: [HEIID(Self.hei)], omobilityID: "same") else {
            Issue.record("not ambiguous")
            return
        }
        #expect(holders.count == 2)
        // Two partners registered for sync hold the same id: each is named.
        try await fixture.pull([Self.theirs("twice", .signedFirstVersion)], at: Self.t0)
        try await fixture.pull([Self.theirs("twice", .signedFirstVersion, from: "c.example")], from: "c.example", at: Self.t0)
        guard case .ambiguous(let senders) = try await overview.show(heiIDs: [HEIID(Self.hei)], omobilityID: "twice") else {
            Issue.record("twice not ambiguous")
            return
        }
        #expect(senders == ["b.example (held by a.example)", "c.example (held by a.example)"])
        if case .found(let ours) = try await overview.show(heiIDs: [HEIID(Self.hei)], omobilityID: "same", sendingHEI: HEIID(Self.hei)) {
            #expect(ours.row.role == .sending)
        } else { Issue.record("ours not found") }
        if case .found(let theirs) = try await overview.show(heiIDs: [HEIID(Self.hei)], omobilityID: "same", sendingHEI: HEIID(Self.partner)) {
            #expect(theirs.row.role == .receiving)
        } else { Issue.record("theirs not found") }
    }

    @Test("The puller's observer logs one warning for a newly pulled LA with guideline errors, none for a clean one or an unchanged re-pull")
    func pullLogsErrors() async throws {
        let fixture = try Fixture()
        defer { fixture.finish() }
        let lines = CapturedLog()
        let logger = lines.logger
        let findings = PartnerLAFindings(store: fixture.store, logger: logger)
        let las = [Self.theirs("t-bad", .signedFirstVersion, provisions: false), Self.theirs("t-ok", .signedFirstVersion)]
        // A time with a fraction, as a pull has: it may come back from the store off in the last bit.
        await findings.apply(.omobilityLAs, try await fixture.pull(las, at: Self.t0.addingTimeInterval(0.1234567891)))
        let logged = lines.all
        #expect(logged.count == 1, "\(logged)")
        #expect(logged.first?.contains("warning") == true && logged.first?.contains("t-bad") == true && logged.first?.contains("LA-PROVISIONS-URL") == true)
        await findings.apply(.omobilityLAs, try await fixture.pull(las, at: Self.t0.addingTimeInterval(3600)))
        #expect(lines.all.count == 1, "an unchanged LA is not logged again")
        await findings.apply(.iias, try await fixture.pull([Self.theirs("t-bad-2", .signedFirstVersion, provisions: false)], at: Self.t0.addingTimeInterval(7200)))
        #expect(lines.all.count == 1, "other APIs are not LAs")
    }
}
