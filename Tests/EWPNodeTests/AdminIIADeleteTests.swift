import EWPAPIs
@testable import EWPNode
@testable import EWPOperations
import EWPStore
import EWPTestSupport
import Foundation
import Testing

/// `POST /admin/iias/delete` runs `ewp-node import --delete-iia`'s `IIAImporter.delete` through the
/// node's responder on a real SQLite file: the tombstone and the partner's CNR, then what each
/// refusal answers.
@Suite("Admin API: deleting our IIA")
struct AdminIIADeleteTests {
    @Test("an imported IIA is deleted (tombstone, CNR queued); again changes nothing; an unknown id is a 404; no iia_id or a foreign hei a 400")
    func delete() async throws {
        let fixture = try await AdminLAViewsTests.Fixture()
        let imported = try await fixture.send(.post, "/admin/import", body: IIADocuments.response([IIAsImportTests.iia("A-1")]))
        #expect(imported.status == 200, "\(imported.json)")

        let deleted = try await fixture.send(.post, "/admin/iias/delete?iia_id=A-1")
        #expect(deleted.status == 200 && (deleted.json["report"] as? String)?.hasPrefix("deleted IIA A-1") == true, "\(deleted.json)")
        let stored = try await fixture.runtime.store.ownObjects(kind: OwnIIAStorage.kind, heiID: AdminLAViewsTests.hei, ids: ["A-1"]).first
        #expect(stored?.isTombstone == true)
        let outbox = try await fixture.runtime.store.queueRows(.outbox, filter: QueueFilter(limit: 100))
        #expect(outbox.contains { $0.key.objectID == "A-1" && $0.key.partnerHEI == IIAsImportTests.partner })

        let again = try await fixture.send(.post, "/admin/iias/delete?iia_id=A-1&hei=\(AdminLAViewsTests.hei)")
        #expect(again.status == 200 && (again.json["report"] as? String)?.contains("already deleted") == true, "\(again.json)")
        let unknown = try await fixture.send(.post, "/admin/iias/delete?iia_id=nope")
        #expect(unknown.status == 404 && (unknown.json["error"] as? String)?.contains("no IIA with iia-id nope") == true, "\(unknown.json)")
        #expect(try await fixture.send(.post, "/admin/iias/delete").status == 400)
        #expect(try await fixture.send(.post, "/admin/iias/delete?iia_id=A-1&hei=x.example").status == 400)
    }
}
