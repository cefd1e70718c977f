import EWPAPIs
import EWPModel
import EWPNotifications
import EWPStore
import EWPXML
import Foundation

/// What a pulled partner copy changes on our side (issue 4, items 5 and 6):
/// - the partner's IIA copy is gone (deleted or hidden): our IIA mapped to it is unmapped (the
///   partner's iia-id and iia-code leave our copy, digest §6.2), which changes our copy, so the
///   partner is notified; our approval of the gone copy no longer counts;
/// - the partner's IIA copy changed: our approval counts only while its hash is the one we approved;
/// - the partner's approval of our IIA: `partner-approved` holds while it names our current hash.
struct PartnerIIACopies: Sendable {
    let store: any Store
    let settings: NotificationSettings
    let now: @Sendable () -> Date

    func apply(_ source: PullSource, _ copies: [PartnerCopy]) async throws {
        switch source {
        case .iias: for copy in copies { try await applyIIACopy(copy) }
        case .iiasApproval: for copy in copies { try await applyApproval(copy) }
        case .omobilityLAs, .imobilityToRs: break
        }
    }

    private func applyIIACopy(_ copy: PartnerCopy) async throws {
        let partner = OwnIIAStorage.normalizedHEI(copy.partnerHEI)
        let ids = try await store.ownObjectIDs(kind: OwnIIAStorage.kind, heiID: copy.localHEI, partnerHEI: partner, filters: [:], modifiedSince: nil)
        for object in try await store.ownObjects(kind: OwnIIAStorage.kind, heiID: copy.localHEI, ids: ids) {
            guard let element = try OwnIIAStorage.element(object), let iia = try? IIA(element), iia.partner.iiaID == copy.objectID else { continue }
            var marks = OwnIIAStorage.marks(object)
            if copy.document == nil {
                try await unmap(object, iia: iia)
                continue
            }
            guard marks.contains(.localApproved) else { continue }
            let approval = try await store.ownObjects(kind: IIAApprovals.kind, heiID: copy.localHEI,
                                                      ids: [IIAApprovals.objectID(partnerHEI: partner, partnerIIAID: copy.objectID)]).first
            if approval?.hash != copy.hash {
                marks.remove(.localApproved)
                try await store.commit(ChangeSet(upserts: [OwnIIAStorage.object(iia, heiID: object.heiID, marks: marks, modifiedAt: object.modifiedAt)],
                                                 notificationsExpireAt: now()), now: now())
            }
        }
    }

    /// Removes the partner's iia-id and iia-code from our copy and tells the partner.
    private func unmap(_ object: OwnObject, iia: IIA) async throws {
        var element = iia.element
        element.children[iia.partner.position].children.removeAll { $0.name == "iia-id" || $0.name == "iia-code" }
        let unmapped = try IIA(element)
        let at = now()
        // The hash changes (it covers the partner's iia-id): neither side's approval holds any more.
        let updated = OwnIIAStorage.object(unmapped, heiID: object.heiID, marks: [], modifiedAt: at)
        let notification = NotificationKey(api: OwnIIAStorage.notificationAPI, localHEI: object.heiID,
                                           partnerHEI: OwnIIAStorage.normalizedHEI(iia.partner.heiID), objectID: object.objectID)
        try await store.commit(ChangeSet(upserts: [updated], notifications: [notification],
                                         notificationsExpireAt: at.addingTimeInterval(settings.lifetime), settling: settings.settling), now: at)
    }

    private func applyApproval(_ copy: PartnerCopy) async throws {
        guard let object = try await store.ownObjects(kind: OwnIIAStorage.kind, heiID: copy.localHEI, ids: [copy.objectID]).first,
              !object.isTombstone, object.partnerHEIs.contains(OwnIIAStorage.normalizedHEI(copy.partnerHEI)),
              let element = try OwnIIAStorage.element(object) else { return }
        let approvedHash = try copy.document.map { try XMLReader.parse($0) }?
            .children.first { $0.name == "iia-hash" }?.text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        var marks = OwnIIAStorage.marks(object)
        let approvesCurrent = approvedHash != nil && approvedHash == object.hash
        guard approvesCurrent != marks.contains(.partnerApproved) else { return }
        if approvesCurrent { marks.insert(.partnerApproved) } else { marks.remove(.partnerApproved) }
        try await store.commit(ChangeSet(upserts: [OwnIIAStorage.object(try IIA(element), heiID: object.heiID, marks: marks, modifiedAt: object.modifiedAt)],
                                         notificationsExpireAt: now()), now: now())
    }
}
