import EWPNotifications
import EWPStore
import Foundation

/// What a pulled partner IIA copy changes on our side: when the partner's copy is
/// gone (deleted, or no longer shown to us), our IIA mapped to it is unmapped (the partner's iia-id
/// leaves our copy, IIAs API v7 endpoints/get.md), which changes our copy, so the partner is
/// notified. Approval states need nothing here: they are derived from the stored copies
/// (`StoredIIAApprovals`).
public struct PartnerIIACopies: Sendable {
    let store: any Store
    /// Builds the importer that unmaps our IIAs (see `NodeOperations.iiaImporter`).
    let importer: @Sendable () throws -> IIAImporter
    let now: @Sendable () -> Date

    public init(store: any Store, importer: @escaping @Sendable () throws -> IIAImporter, now: @escaping @Sendable () -> Date) {
        self.store = store
        self.importer = importer
        self.now = now
    }

    public func apply(_ source: PullSource, _ copies: [PartnerCopy]) async throws {
        guard source == .iias else { return }
        let gone = copies.filter { $0.document == nil }
        guard !gone.isEmpty else { return }
        // Deletions are rare: build the importer (and compile its schema) only when one comes.
        let importer = try importer()
        for copy in gone {
            _ = try await importer.unmap(heiID: copy.localHEI, partnerHEI: copy.partnerHEI, partnerIIAID: copy.objectID, now: now())
        }
    }
}
