// IIAs end to end between two institutions, each with its own real node process:
// A imports an IIA naming B; B hears the CNR and pulls it; B maps it to its own copy and imports
// that; each approves the other's copy; both show mutual approval with matching hashes; A modifies
// and B sees the approval go stale; A deletes an unapproved IIA and B unmaps its copy.
import EWPNode
import EWPOperations
import EWPStore
import EWPTestSupport
import Foundation
import Testing

private let heiA = "a.test.example"
private let heiB = "b.test.example"

@Suite("IIAs between two real nodes", .serialized, .timeLimit(.minutes(5)))
struct IIATwoNodeProcessTests {
    func importIIA(_ net: PartnerNetwork, node: Int, _ iia: String) async throws {
        let file = "\(net.directory)/import-\(UUID().uuidString).xml"
        _ = FileManager.default.createFile(atPath: file, contents: Data(IIADocuments.response([iia])))
        let result = try await runNodeCommand(net, ["import", file], node: node)
        #expect(result.status == 0, "import on node \(node): \(result.output)")
    }

    /// Node `node`'s view of its IIA `iiaID`, once `condition` holds.
    func row(_ net: PartnerNetwork, node: Int, hei: String, iiaID: String, _ what: String,
             until condition: (IIAOverview.Row) -> Bool) async throws -> IIAOverview.Row {
        let overview = IIAOverview(store: try await net.node(node).store())
        let deadline = ContinuousClock.now + .seconds(45)
        while true {
            let row = try await overview.rows(heiIDs: [hei], partnerHEI: nil).first { $0.iiaID == iiaID }
            if let row, condition(row) { return row }
            guard ContinuousClock.now < deadline else {
                throw E2EError("\(hei) \(iiaID): \(what) did not happen: \(row.map { "\($0.json)" } ?? "no such IIA")\n\(net.logs(2000))")
            }
            try await Task.sleep(for: .milliseconds(200))
        }
    }

    func partnerCopy(_ net: PartnerNetwork, node: Int, local: String, partner: String, id: String) async throws -> PartnerCopy? {
        try await net.node(node).store().partnerCopy(api: "iias", localHEI: local, partnerHEI: partner, objectID: id)
    }

    @Test("Import, CNR, pull, mapping, approvals both ways, modification, deletion and unmapping", arguments: NetworkDatabase.all)
    func lifecycle(database: NetworkDatabase) async throws {
        try await PartnerNetwork.run(partners: [], nodes: 2, heis: [heiA, heiB], oneHEIPerNode: true, database: database,
                                     nodeEnvironment: fastNotificationEnvironment) { net in
            // A's IIA, not mapped yet; B hears of it and pulls it.
            try await importIIA(net, node: 0, IIADocuments.iia(hei: heiA, id: "A-1", partner: heiB))
            _ = try await row(net, node: 0, hei: heiA, iiaID: "A-1", "A's IIA stored") { _ in true }
            var deadline = ContinuousClock.now + .seconds(45)
            while try await partnerCopy(net, node: 1, local: heiB, partner: heiA, id: "A-1")?.document == nil {
                guard ContinuousClock.now < deadline else { throw E2EError("B never pulled A-1\n\(net.logs(3000))") }
                try await Task.sleep(for: .milliseconds(200))
            }

            // B maps it to its own copy; A maps back. Each side pulls the other's copy after its CNR.
            try await importIIA(net, node: 1, IIADocuments.iia(hei: heiB, id: "B-1", partner: heiA, partnerID: "A-1",
                                                                conditions: Self.conditions))
            try await importIIA(net, node: 0, IIADocuments.iia(hei: heiA, id: "A-1", partner: heiB, partnerID: "B-1",
                                                                conditions: Self.conditions))
            let aMapped = try await row(net, node: 0, hei: heiA, iiaID: "A-1", "A holds B's copy") { $0.partnerCopyHash != nil }
            let bMapped = try await row(net, node: 1, hei: heiB, iiaID: "B-1", "B holds A's mapped copy") { $0.partnerCopyHash == aMapped.hash }
            #expect(aMapped.waitingForOurApproval && bMapped.waitingForOurApproval)

            // Each approves the other's copy.
            let approveA = try await runNodeCommand(net, ["iia", "approve", "--partner", heiB, "--iia-id", "B-1"], node: 0)
            #expect(approveA.status == 0, "\(approveA.output)")
            let approveB = try await runNodeCommand(net, ["iia", "approve", "--partner", heiA, "--iia-id", "A-1"], node: 1)
            #expect(approveB.status == 0, "\(approveB.output)")
            let aApproved = try await row(net, node: 0, hei: heiA, iiaID: "A-1", "mutual approval seen by A") { $0.partnerApproved && $0.locallyApproved }
            let bApproved = try await row(net, node: 1, hei: heiB, iiaID: "B-1", "mutual approval seen by B") { $0.partnerApproved && $0.locallyApproved }
            // Matching hashes: what each holds of the other's copy is what the other serves.
            #expect(aApproved.partnerCopyHash == bApproved.hash)
            #expect(bApproved.partnerCopyHash == aApproved.hash)
            #expect(!aApproved.waitingForOurApproval && !bApproved.waitingForOurApproval)

            // A modifies its copy: B's approval of it no longer holds, on both sides.
            try await importIIA(net, node: 0, IIADocuments.iia(hei: heiA, id: "A-1", partner: heiB, partnerID: "B-1",
                                                                conditions: Self.conditions(mobilities: 3)))
            let bStale = try await row(net, node: 1, hei: heiB, iiaID: "B-1", "B sees its approval go stale") { !$0.locallyApproved }
            #expect(bStale.waitingForOurApproval)
            let aStale = try await row(net, node: 0, hei: heiA, iiaID: "A-1", "A's partner approval no longer current") { !$0.partnerApproved }
            #expect(aStale.locallyApproved, "A's approval of B's unchanged copy still holds")

            // A deletes an unapproved IIA that B had mapped: B unmaps its copy.
            try await importIIA(net, node: 0, IIADocuments.iia(hei: heiA, id: "A-2", partner: heiB, conditions: Self.conditions))
            deadline = ContinuousClock.now + .seconds(45)
            while try await partnerCopy(net, node: 1, local: heiB, partner: heiA, id: "A-2")?.document == nil {
                guard ContinuousClock.now < deadline else { throw E2EError("B never pulled A-2\n\(net.logs(3000))") }
                try await Task.sleep(for: .milliseconds(200))
            }
            try await importIIA(net, node: 1, IIADocuments.iia(hei: heiB, id: "B-2", partner: heiA, partnerID: "A-2", conditions: Self.conditions))
            let deleted = try await runNodeCommand(net, ["import", "--delete-iia", "A-2"], node: 0)
            #expect(deleted.status == 0, "\(deleted.output)")
            let unmapped = try await row(net, node: 1, hei: heiB, iiaID: "B-2", "B unmaps its copy of the deleted IIA") { $0.partnerIIAID == nil }
            #expect(!unmapped.deleted)
            let copy = try await partnerCopy(net, node: 1, local: heiB, partner: heiA, id: "A-2")
            #expect(copy?.document == nil)
        }
    }

    /// The same cooperation conditions on both sides (each from its own point of view is the same text).
    static var conditions: String { conditions(mobilities: 2) }

    static func conditions(mobilities: Int) -> String {
        IIADocuments.studies(from: heiA, to: heiB, mobilities: mobilities) + IIADocuments.studies(from: heiB, to: heiA)
    }
}
