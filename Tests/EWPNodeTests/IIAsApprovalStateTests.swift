@testable import EWPNode
import EWPAPIs
import EWPStore
import EWPTestSupport
import EWPXML
import Foundation
import Testing

/// The approval states of our IIAs from the IIAs Approval records (IIAs API v7 endpoints/stats.md;
/// IIAs Approval API v2): what stats count, what the import snapshots, what deletion refuses.
@Suite("IIAs: approval states from the approval records")
struct IIAsApprovalStateTests {
    static let hei = "a.example"
    static let partner = "b.example"
    static let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    /// Records as the approval work writes them: the partner's `approval` of our IIA pulled after its CNR.
    static func partnerApproves(_ store: SQLiteStore, ourID: String, hash: String, partner: String = partner) async throws {
        let element = IIAsApprovalAPI.element(IIAsApprovalAPI.Approval(iiaID: ourID, iiaHash: hash))
        try await store.savePartnerCopies([PartnerCopy(api: "iias-approval", localHEI: hei, partnerHEI: partner, objectID: ourID,
                                                       document: XMLWriter.document(element), hash: nil, seenAt: t0, changedAt: t0)])
    }

    /// Our approval of the partner's copy `partnerID` with `hash`; `copyHash` the copy we hold (nil: none; "" deleted).
    static func weApprove(_ store: SQLiteStore, partnerID: String, hash: String, copyHash: String?, partner: String = partner) async throws {
        let approval = IIAApprovals.object(localHEI: hei, partnerHEI: partner, approval: IIAsApprovalAPI.Approval(iiaID: partnerID, iiaHash: hash), now: t0)
        try await store.commit(ChangeSet(upserts: [approval], notificationsExpireAt: t0), now: t0)
        if let copyHash {
            try await store.savePartnerCopies([PartnerCopy(api: "iias", localHEI: hei, partnerHEI: partner, objectID: partnerID,
                                                           document: copyHash.isEmpty ? nil : Array("<iia/>".utf8), hash: copyHash.isEmpty ? nil : copyHash,
                                                           seenAt: t0, changedAt: t0)])
        }
    }

    static func ourIIA(_ id: String, hash: String, partnerID: String?) -> OwnObject {
        OwnObject(kind: OwnIIAStorage.kind, heiID: hei, objectID: id, document: Array("<iia/>".utf8), partnerHEIs: [partner],
                  filterKeys: partnerID.map { [OwnIIAStorage.partnerIIAKey: [$0]] } ?? [:], hash: hash, modifiedAt: t0)
    }

    func withStore(_ body: (SQLiteStore) async throws -> Void) async throws {
        let directory = try RepositoryPaths.temporaryDirectory(prefix: "ewp-iias-approvals")
        defer { try? FileManager.default.removeItem(at: directory) }
        try await body(try SQLiteStore(path: directory.appendingPathComponent("node.sqlite").path))
    }

    @Test("The partner approved our copy only while its approval names our current hash")
    func partnerApproval() async throws {
        try await withStore { (store: SQLiteStore) async throws in
            try await Self.partnerApproves(store, ourID: "A-1", hash: "h1")
            try await Self.partnerApproves(store, ourID: "A-2", hash: "old")
            let states = try await StoredIIAApprovals(store: store).states(heiID: Self.hei, iias: [
                Self.ourIIA("A-1", hash: "h1", partnerID: nil), Self.ourIIA("A-2", hash: "h2", partnerID: nil), Self.ourIIA("A-3", hash: "h3", partnerID: nil),
            ])
            #expect(states == ["A-1": IIAApprovalState(partnerApproved: true)])
        }
    }

    @Test("We approved the partner's copy when our approval matches the copy we hold (or we hold none); a deleted or changed copy voids it")
    func localApproval() async throws {
        try await withStore { (store: SQLiteStore) async throws in
            try await Self.weApprove(store, partnerID: "P-1", hash: "p1", copyHash: "p1")
            try await Self.weApprove(store, partnerID: "P-2", hash: "p2", copyHash: "p2-changed")
            try await Self.weApprove(store, partnerID: "P-3", hash: "p3", copyHash: "")
            try await Self.weApprove(store, partnerID: "P-4", hash: "p4", copyHash: nil)
            let iias = (1...5).map { Self.ourIIA("A-\($0)", hash: "h", partnerID: $0 == 5 ? nil : "P-\($0)") }
            let states = try await StoredIIAApprovals(store: store).states(heiID: Self.hei, iias: iias)
            #expect(states == ["A-1": IIAApprovalState(localApproved: true), "A-4": IIAApprovalState(localApproved: true)])
        }
    }

    @Test("Both approvals make an IIA mutually approved; tombstones have no state")
    func mutual() async throws {
        try await withStore { (store: SQLiteStore) async throws in
            try await Self.partnerApproves(store, ourID: "A-1", hash: "h1")
            try await Self.weApprove(store, partnerID: "P-1", hash: "p1", copyHash: "p1")
            var deleted = Self.ourIIA("A-1", hash: "h1", partnerID: "P-1")
            deleted.document = nil
            let lookup = StoredIIAApprovals(store: store)
            #expect(try await lookup.states(heiID: Self.hei, iias: [Self.ourIIA("A-1", hash: "h1", partnerID: "P-1")])["A-1"]?.mutuallyApproved == true)
            #expect(try await lookup.states(heiID: Self.hei, iias: [deleted]).isEmpty)
        }
    }
}
