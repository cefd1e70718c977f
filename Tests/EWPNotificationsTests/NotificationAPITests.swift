import EWPStore
import EWPXML
import Foundation
import Testing
@testable import EWPNotifications

@Suite("The CNR APIs: forms we send, where we pull from, how rows are grouped")
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
        #expect(NotificationAPI.omobilityLA.source == .omobilityLAs)
        #expect(PullSource.iiasApproval.notification == .iiaApproval)
        for api in NotificationAPI.allCases { #expect(api.source.notification == api) }
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
