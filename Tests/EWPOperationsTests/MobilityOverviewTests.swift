import EWPAPIs
import EWPCore
import EWPNotifications
import EWPStore
import EWPTestSupport
import EWPXML
import Foundation
import Testing
@testable import EWPOperations

/// The whole mobility in one view: the join by side, partner and omobility-id and the flag rules
/// (pure), and, on a real SQLite file, the history of status changes written by an import, by our
/// answer and by the puller's observer step, then read back through `MobilityOverview`.
@Suite("Mobilities: the joined view, its flags and the history of status changes")
struct MobilityOverviewTests {
    static let hei = HEIID(NodeOperationsQueueTests.hei)
    static let partner = HEIID("b.example")
    static let t0 = NodeOperationsQueueTests.t0

    static func nomination(_ role: LAOverview.Role, _ id: OMobilityID, status: String = "nomination", answer: NominationAnswer.Status? = nil) -> MobilityNomination {
        MobilityNomination(role: role, partnerHEI: partner, omobilityID: id, status: status, academicYear: "2026/2027", studentName: "Anna Nowak",
                           answer: answer.map { NominationAnswer(omobilityID: id, status: $0) }, changedAt: t0)
    }

    static func la(_ role: LAOverview.Role, _ id: OMobilityID, partner: HEIID = partner) -> LAOverview.Row {
        LAOverview.Row(heiID: hei, role: role, omobilityID: id, partnerHEI: partner, la: nil, marks: nil, lastChange: t0, findings: [], problem: "not read in this test")
    }

    static func tor(_ direction: ToROverview.Direction, _ id: OMobilityID, deleted: Bool = false) -> ToROverview.Row {
        ToROverview.Row(heiID: hei, direction: direction, omobilityID: id, partnerHEI: partner, changedAt: t0, seenAt: nil, version: "v2",
                        document: deleted ? nil : Array("<tor/>".utf8))
    }

    @Test("flags: an LA or a ToR for a nomination the receiving HEI rejected or the sending HEI cancelled, each with its reason; nothing otherwise")
    func flagRules() {
        #expect(MobilityFlags.flags(sendingStatus: "nomination", receivingStatus: "rejected", hasLearningAgreement: true, hasTranscript: false)
            == ["the receiving HEI rejected this nomination, yet a learning agreement exists for it"])
        #expect(MobilityFlags.flags(sendingStatus: "cancelled", receivingStatus: "verified", hasLearningAgreement: false, hasTranscript: true)
            == ["the sending HEI cancelled this mobility, yet a transcript of records exists for it"])
        #expect(MobilityFlags.flags(sendingStatus: "cancelled", receivingStatus: "rejected", hasLearningAgreement: true, hasTranscript: true).count == 4)
        #expect(MobilityFlags.flags(sendingStatus: "cancelled", receivingStatus: "rejected", hasLearningAgreement: false, hasTranscript: false).isEmpty)
        #expect(MobilityFlags.flags(sendingStatus: "live", receivingStatus: "verified", hasLearningAgreement: true, hasTranscript: true).isEmpty)
        #expect(MobilityFlags.flags(sendingStatus: nil, receivingStatus: nil, hasLearningAgreement: true, hasTranscript: true).isEmpty)
    }

    @Test("join: by side, partner and id; an LA or ToR without a nomination has a row of its own; a deleted ToR is listed but neither present nor flagged")
    func join() {
        let history = [MobilityStatusEvents.mobilityKey(sendingHEI: Self.hei.value, omobilityID: "om-1"): [
            MobilityStatusEvent(sendingHEI: Self.hei.value, omobilityID: "om-1", side: .sending, status: "nomination", at: Self.t0, origin: .imported),
        ]]
        let rows = MobilityOverview.join(
            heiID: Self.hei,
            nominations: [Self.nomination(.sending, "om-1", answer: .rejected), Self.nomination(.receiving, "om-1", status: "live", answer: .verified),
                          Self.nomination(.receiving, "om-3", status: "cancelled", answer: .verified)],
            learningAgreements: [Self.la(.sending, "om-1", partner: HEIID("B.EXAMPLE")), Self.la(.receiving, "om-2")],
            transcripts: [Self.tor(.received, "om-1"), Self.tor(.issued, "om-1"), Self.tor(.issued, "om-3", deleted: true)],
            history: history)
        #expect(rows.map { "\($0.role.rawValue) \($0.omobilityID)" } == ["receiving om-1", "receiving om-2", "receiving om-3", "sending om-1"])
        let ours = rows[3]
        #expect(ours.sendingStatus == "nomination" && ours.receivingStatus == "rejected" && ours.learningAgreement != nil)
        #expect(ours.transcripts.map(\.direction) == [.received] && ours.history.map(\.status) == ["nomination"])
        #expect(ours.flags == ["the receiving HEI rejected this nomination, yet a learning agreement exists for it",
                               "the receiving HEI rejected this nomination, yet a transcript of records exists for it"])
        #expect(ours.sendingHEI == Self.hei && ours.receivingHEI == Self.partner)
        let theirs = rows[0]
        #expect(theirs.sendingStatus == "live" && theirs.receivingStatus == "verified" && theirs.learningAgreement == nil)
        #expect(theirs.transcripts.map(\.direction) == [.issued] && theirs.flags.isEmpty && theirs.history.isEmpty)
        #expect(rows[1].nomination == nil && rows[1].learningAgreement != nil && rows[1].flags.isEmpty)
        #expect(rows[2].transcripts.count == 1 && rows[2].presentTranscripts.isEmpty && rows[2].flags.isEmpty)
        #expect((ours.json["flags"] as? [String])?.count == 2 && ours.json["transcript_present"] as? Bool == true)
        #expect(ours.line.contains("FLAGGED") && !theirs.line.contains("FLAGGED"))
    }

    @Test("history rule: a status is a change unless the latest event of the same side says it already")
    func changeRule() {
        let sent = MobilityStatusEvent(sendingHEI: "a.example", omobilityID: "om-1", side: .sending, status: "nomination", at: Self.t0, origin: .imported)
        #expect(MobilityStatusEvents.isChange(after: [], side: .sending, status: "nomination"))
        #expect(!MobilityStatusEvents.isChange(after: [sent], side: .sending, status: "nomination"))
        #expect(MobilityStatusEvents.isChange(after: [sent], side: .receiving, status: "nomination"))
        #expect(MobilityStatusEvents.isChange(after: [sent], side: .sending, status: "live"))
        #expect(!MobilityStatusEvents.isChange(after: [sent], side: .sending, status: ""))
    }

    /// A pulled copy of `api` from the partner, seen at `at`.
    static func copy(_ api: PullSource, _ id: String, _ document: [UInt8], at: Date) -> PartnerCopy {
        PartnerCopy(api: api.rawValue, localHEI: hei.value, partnerHEI: partner.value, objectID: id, document: document, hash: nil, seenAt: at, changedAt: at)
    }

    static func mobility(_ id: String, sending: HEIID, receiving: HEIID, status: String) -> [UInt8] {
        let root = try! XMLReader.parse(Array(MobilityDocuments.getResponse([MobilityDocuments.mobility(id, sending: sending.value, receiving: receiving.value,
                                                                                                          status: status)]).utf8))
        return XMLWriter.document(root.children[0])
    }

    @Test("history on SQLite: our import, our answer and pulled copies each record a change once; the view joins it all and flags the rejected nomination's LA")
    func historyAndView() async throws {
        let fixture = try NodeOperationsQueueTests.Fixture()
        let store = fixture.store
        let overview = fixture.operations.mobilityOverview
        // Our nomination om-1 to the partner, imported twice (unchanged: no second event), then live.
        let importer = try OMobilityImporter(store: store, coveredHEIs: [Self.hei], schemas: fixture.operations.schemas, policy: fixture.operations.policy)
        func importOurs(_ status: String, at: Date) async {
            let report = await importer.importDocument(Array(MobilityDocuments.getResponse([
                MobilityDocuments.mobility("om-1", sending: Self.hei.value, receiving: Self.partner.value, status: status)]).utf8), now: at)
            #expect(!report.rejected, "\(report.lines)")
        }
        await importOurs("nomination", at: Self.t0)
        await importOurs("nomination", at: Self.t0.addingTimeInterval(1))
        // The partner's answer, pulled twice unchanged, then rejected.
        let pending = XMLWriter.document(NominationAnswer(omobilityID: "om-1").element)
        let rejected = XMLWriter.document(NominationAnswer(omobilityID: "om-1", status: .rejected, comment: "Full").element)
        for (document, second) in [(pending, 2.0), (pending, 3.0), (rejected, 4.0)] {
            let copy = Self.copy(.imobilities, "om-1", document, at: Self.t0.addingTimeInterval(second))
            try await store.savePartnerCopies([copy])
            try await MobilityStatusEvents.apply(store: store, .imobilities, [copy])
        }
        // A partner's nomination om-9 to us, pulled a minute before we verify it.
        let theirs = Self.copy(.omobilities, "om-9", Self.mobility("om-9", sending: Self.partner, receiving: Self.hei, status: "nomination"),
                               at: Self.t0.addingTimeInterval(-60))
        try await store.savePartnerCopies([theirs])
        try await MobilityStatusEvents.apply(store: store, .omobilities, [theirs])
        _ = try await fixture.operations.changeNomination(sendingHEI: Self.partner, omobilityID: "om-9", .verify(comment: nil))
        _ = try await fixture.operations.changeNomination(sendingHEI: Self.partner, omobilityID: "om-9", .arrival("2026-09-01"))

        var rows = try await overview.rows(heiIDs: [Self.hei])
        #expect(rows.map { "\($0.role.rawValue) \($0.omobilityID)" } == ["receiving om-9", "sending om-1"])
        let ours = rows[1]
        #expect(ours.history.map { "\($0.side.rawValue) \($0.status) \($0.origin.rawValue)" }
            == ["sending nomination imported", "receiving pending pulled", "receiving rejected pulled"])
        #expect(ours.sendingStatus == "nomination" && ours.receivingStatus == "rejected" && ours.flags.isEmpty)
        let received = rows[0]
        #expect(received.history.map { "\($0.side.rawValue) \($0.status) \($0.origin.rawValue)" }
            == ["sending nomination pulled", "receiving verified answered"])
        #expect(received.receivingStatus == "verified" && received.nomination?.answer?.actualArrivalDate == "2026-09-01")
        #expect(received.nomination?.studentName == "Anna Nowak")

        // Our LA for the rejected nomination: flagged; the filters find it.
        try await store.commit(ChangeSet(upserts: [OwnObject(kind: OwnLAStorage.kind, heiID: Self.hei.value, objectID: "om-1", document: Array("<la/>".utf8),
                                                             partnerHEIs: [Self.partner.normalized], modifiedAt: Self.t0)],
                                         notificationsExpireAt: Self.t0), now: Self.t0)
        rows = try await overview.rows(heiIDs: [Self.hei], status: "flagged")
        #expect(rows.map(\.omobilityID) == ["om-1"])
        #expect(rows.first?.flags == ["the receiving HEI rejected this nomination, yet a learning agreement exists for it"])
        #expect(try await overview.rows(heiIDs: [Self.hei], status: "verified").map(\.omobilityID) == ["om-9"])
        #expect(try await overview.rows(heiIDs: [Self.hei], partnerHEI: HEIID("other.example")).isEmpty)
        let shown = try await overview.show(heiIDs: [Self.hei], omobilityID: "om-1")
        #expect(shown.count == 1 && shown[0].text.contains("receiving HEI rejected"))

        // Our nomination cancelled: a new sending event.
        await importOurs("cancelled", at: Self.t0.addingTimeInterval(10))
        let cancelled = try #require(try await overview.show(heiIDs: [Self.hei], omobilityID: "om-1").first)
        #expect(cancelled.history.last.map { "\($0.side.rawValue) \($0.status)" } == "sending cancelled")
        #expect(cancelled.flags.count == 2)
    }
}
