import EWPStore
import EWPXML
import Foundation
import Testing
@testable import EWPNotifications

@Suite("The CNR APIs: forms we send, where we pull from, how answers are read")
struct NotificationAPITests {
    @Test("IIA CNRs carry one iia_id; LA and ToR CNRs name our HEI and repeat omobility_id")
    func forms() {
        #expect(NotificationAPI.iia.form(localHEI: "a", objectIDs: ["1", "2"]).map { "\($0.0)=\($0.1)" } == ["iia_id=1"])
        #expect(NotificationAPI.iiaApproval.form(localHEI: "a", objectIDs: ["9"]).map { "\($0.0)=\($0.1)" } == ["iia_id=9"])
        #expect(NotificationAPI.omobilityLA.form(localHEI: "a", objectIDs: ["1", "2"]).map { "\($0.0)=\($0.1)" }
            == ["sending_hei_id=a", "omobility_id=1", "omobility_id=2"])
        #expect(NotificationAPI.imobilityToR.form(localHEI: "a", objectIDs: ["3"]).map { "\($0.0)=\($0.1)" }
            == ["receiving_hei_id=a", "omobility_id=3"])
        #expect(NotificationAPI.iia.idsPerNotification(limits: ["max-omobility-ids": 50]) == 1)
        #expect(NotificationAPI.omobilityLA.idsPerNotification(limits: ["max-omobility-ids": 50]) == 50)
        #expect(NotificationAPI.imobilityToR.idsPerNotification(limits: [:]) == 1)
    }

    @Test("Manifest entries looked up: namespaces and major versions of the spec repositories")
    func entries() {
        #expect(NotificationAPI.iia.entry == APIReference(
            namespace: "https://github.com/erasmus-without-paper/ewp-specs-api-iia-cnr/blob/stable-v3/manifest-entry.xsd", name: "iia-cnr", majorVersion: 3))
        #expect(NotificationAPI.omobilityLA.source.entry.name == "omobility-las")
        #expect(PullSource.imobilityToRs.entry.majorVersion == 2)
        #expect(PullSource.iiasApproval.notification == .iiaApproval)
        for api in NotificationAPI.allCases { #expect(api.source.notification == api) }
    }

    @Test("get and index parameters per source")
    func parameters() {
        func text(_ p: [(String, String)]) -> [String] { p.map { "\($0.0)=\($0.1)" } }
        #expect(text(PullSource.iias.getParameters(partnerHEI: "p", localHEI: "l", ids: ["1", "2"])) == ["iia_id=1", "iia_id=2"])
        #expect(text(PullSource.omobilityLAs.getParameters(partnerHEI: "p", localHEI: "l", ids: ["1"])) == ["sending_hei_id=p", "omobility_id=1"])
        #expect(text(PullSource.imobilityToRs.getParameters(partnerHEI: "p", localHEI: "l", ids: ["1"])) == ["receiving_hei_id=p", "omobility_id=1"])
        #expect(text(PullSource.iias.indexParameters(partnerHEI: "p", localHEI: "l", modifiedSince: "2026-01-01T00:00:00Z"))
            == ["modified_since=2026-01-01T00:00:00Z"])
        #expect(text(PullSource.omobilityLAs.indexParameters(partnerHEI: "p", localHEI: "l", modifiedSince: nil)) == ["sending_hei_id=p", "receiving_hei_id=l"])
        #expect(text(PullSource.imobilityToRs.indexParameters(partnerHEI: "p", localHEI: "l", modifiedSince: nil)) == ["receiving_hei_id=p", "sending_hei_id=l"])
    }

    @Test("IIA objects are found by the iia-id of the partner block naming the notifier")
    func iiaObjects() throws {
        let ns = "https://github.com/erasmus-without-paper/ewp-specs-api-iias/blob/stable-v7/endpoints/get-response.xsd"
        let xml = """
            <iias-get-response xmlns="\(ns)">
              <iia><partner><hei-id>b.example</hei-id><iia-id>B-1</iia-id></partner><partner><hei-id>a.example</hei-id><iia-id>A-9</iia-id></partner></iia>
              <iia><partner><hei-id>a.example</hei-id></partner><partner><hei-id>B.example</hei-id><iia-id> B-2 </iia-id></partner></iia>
              <iia><partner><hei-id>b.example</hei-id></partner></iia>
            </iias-get-response>
            """
        let root = try XMLReader.parse(Array(xml.utf8))
        #expect(PullSource.iias.objects(in: root, partnerHEI: "b.example").map(\.id) == ["B-1", "B-2"])
    }

    @Test("LA, ToR and approval objects by their id element; index ids")
    func otherObjects() throws {
        let la = try XMLReader.parse(Array("<r><la><omobility-id>m1</omobility-id></la><la><omobility-id>m2</omobility-id></la><x/></r>".utf8))
        #expect(PullSource.omobilityLAs.objects(in: la, partnerHEI: "p").map(\.id) == ["m1", "m2"])
        #expect(PullSource.imobilityToRs.objects(in: la, partnerHEI: "p").isEmpty)
        let approvals = try XMLReader.parse(Array("<r><approval><iia-id>7</iia-id><iia-hash>ab</iia-hash></approval></r>".utf8))
        #expect(PullSource.iiasApproval.objects(in: approvals, partnerHEI: "p").map(\.id) == ["7"])
        let index = try XMLReader.parse(Array("<r><iia-id>1</iia-id><iia-id> 2 </iia-id></r>".utf8))
        #expect(PullSource.iias.indexIDs(index) == ["1", "2"])
        let laIndex = try XMLReader.parse(Array("<r><omobility-id>1</omobility-id></r>".utf8))
        #expect(PullSource.omobilityLAs.indexIDs(laIndex) == ["1"])
    }

    @Test("Rows are grouped per API, HEI and partner, in order, and cut to the partner's limit")
    func grouping() {
        let t = Date(timeIntervalSince1970: 0)
        func row(_ id: Int64, _ api: String, _ partner: String) -> QueueRow {
            QueueRow(id: id, queue: .outbox, key: NotificationKey(api: api, localHEI: "a", partnerHEI: partner, objectID: "o\(id)"),
                     state: .pending, attempts: 0, mergedChanges: 1, createdAt: t, updatedAt: t, nextAttemptAt: t, expiresAt: t,
                     leaseOwner: nil, leaseUntil: nil, lastError: nil, finishedAt: nil)
        }
        let rows = [row(1, "omobility-la-cnr", "p"), row(2, "iia-cnr", "p"), row(3, "omobility-la-cnr", "p"),
                    row(4, "omobility-la-cnr", "q"), row(5, "omobility-la-cnr", "p")]
        let chunks = NotificationKeyGroup.chunks(rows) { $0.api == "omobility-la-cnr" && $0.partnerHEI == "p" ? 2 : 1 }
        #expect(chunks.map { $0.map(\.id) } == [[1, 3], [5], [2], [4]])
    }
}
