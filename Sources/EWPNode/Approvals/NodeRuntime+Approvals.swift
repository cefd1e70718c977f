import EWPStore
import Foundation

extension NodeRuntime {
    public struct ApprovedIIA: Sendable {
        public let partnerIIAID: String
        public let ourIIAID: String
        public let hash: String
    }

    /// Approves a partner's copy (see `IIAApprovalService`); throws with the reason when refused.
    public func approveIIA(localHEI: String, partnerHEI: String, partnerIIAID: String) async throws -> ApprovedIIA {
        let service = IIAApprovalService(store: store, engine: notifications)
        let approved = try await service.approve(localHEI: localHEI, partnerHEI: partnerHEI, partnerIIAID: partnerIIAID, now: now())
        return ApprovedIIA(partnerIIAID: approved.partnerIIAID, ourIIAID: approved.ourIIAID, hash: approved.hash)
    }

    /// Sends what the outbox holds for `partner` now (for one-shot commands), until it is delivered, has
    /// failed once, or the deadline passes; a running node finishes what is left.
    public func deliverOutbox(partner: String, deadline: Date) async throws {
        var filter = QueueFilter()
        filter.states = [.pending]
        filter.partnerHEI = partner
        while Date() < deadline {
            try await notifications.dispatcher.runOnce()
            let waiting = try await store.queueRows(.outbox, filter: filter).filter { $0.attempts == 0 }
            if waiting.isEmpty { return }
            try await Task.sleep(for: .milliseconds(300))
        }
    }
}
