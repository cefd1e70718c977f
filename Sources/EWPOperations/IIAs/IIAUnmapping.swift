import EWPAPIs
import EWPCore
import EWPModel
import EWPStore
import EWPXML
import Foundation

extension IIAImporter {
    /// The partner deleted its copy `partnerIIAID` (IIAs API v7 README: our copy MUST then drop the
    /// partner's iia-id). Each of our IIAs of `heiID` mapped to it loses the second partner's
    /// `iia-id` (so its iia-hash changes) and the partner gets an IIA CNR, all in one transaction.
    /// Returns the ids of our IIAs that changed ([] when none was mapped to it).
    public func unmap(heiID: String, partnerHEI: String, partnerIIAID: String, now: Date) async throws(IIAImportError) -> [String] {
        do {
            let ids = try await store.ownObjectIDs(kind: OwnIIAStorage.kind, heiID: heiID, partnerHEI: HEIID(partnerHEI).normalized,
                                                   filters: [OwnIIAStorage.partnerIIAKey: [partnerIIAID]], modifiedSince: nil)
            guard !ids.isEmpty else { return [] }
            let stored = try await store.ownObjects(kind: OwnIIAStorage.kind, heiID: heiID, ids: ids)
            var candidates: [IIACandidate] = []
            for object in stored where !object.isTombstone {
                guard var element = try OwnIIAStorage.element(object) else { continue }
                let partnerPosition = try IIA(element).partner.position
                element.children[partnerPosition].children.removeAll { $0.name == "iia-id" }
                candidates.append(IIACandidate(iia: try IIA(element), heiID: heiID, position: 0))
            }
            let approved = Set(try await approvals.states(heiID: heiID, iias: stored).filter(\.value.mutuallyApproved).keys.map { "\(heiID) \($0)" })
            let plan = IIAChangePlan(candidates, existing: stored, mutuallyApproved: approved, now: now)
            guard plan.problems.isEmpty else { throw IIAImportError(plan.problems.map(\.message).joined(separator: "; ")) }
            if !plan.upserts.isEmpty { try await store.commit(changes(plan.upserts, plan.notifications, now: now), now: now) }
            return plan.entries.filter { $0.outcome == .updated }.map(\.iiaID.value)
        } catch let error as IIAImportError {
            throw error
        } catch {
            throw IIAImportError("cannot unmap \(partnerHEI)'s IIA \(partnerIIAID) from our IIAs of \(heiID): \(error)")
        }
    }
}
