import EWPAPIs
import EWPCore
import EWPNotifications
import EWPStore
import Foundation

extension NodeOperations {
    /// Changes our answer (as the receiving HEI) to the nomination `omobilityID` that `sendingHEI`
    /// sent us, and queues the IMobility CNR to the sending HEI in the same transaction
    /// (`ewp-node nomination verify|reject`, `ewp-node mobility arrival|departure`, and their
    /// admin routes). The nomination must be one we received: a partner copy of the sending HEI's
    /// Outgoing Mobility, whose covered receiving HEI answers. A change that leaves the answer as it
    /// was writes nothing and notifies nobody. A new status records a status event
    /// (`MobilityStatusEvents`) in the same transaction. `receivingHEI` narrows it to the nominations
    /// one covered HEI received (the console's signed-in HEI); nil: any covered HEI's.
    public func changeNomination(sendingHEI: HEIID, omobilityID: OMobilityID, receivingHEI: HEIID? = nil,
                                 _ change: NominationChange) async throws(NominationError) -> NominationAnswer {
        let copies: [PartnerCopy]
        do {
            copies = try await store.partnerCopies(api: PullSource.omobilities.rawValue, localHEI: nil, partnerHEI: sendingHEI.normalized, includeDeleted: false)
                .filter { copy in
                    copy.objectID == omobilityID.value && coveredHEIs.contains(HEIID(copy.localHEI)) && receivingHEI.map { $0 == HEIID(copy.localHEI) } ?? true
                }
        } catch {
            throw NominationError("cannot read the nominations received: \(error)", kind: .storeFailed)
        }
        guard let copy = copies.first else {
            throw NominationError("no nomination \(omobilityID) from \(sendingHEI) was received (pulled from its Outgoing Mobilities); run `ewp-node sync` or wait for its CNR",
                                  kind: .unknownNomination)
        }
        let receivingHEI = coveredHEIs.first { $0 == HEIID(copy.localHEI) }?.value ?? copy.localHEI
        let at = now()
        do {
            let stored = try await store.ownObjects(kind: OwnNominationAnswerStorage.kind, heiID: receivingHEI, ids: [omobilityID.value]).first
            let current = stored.flatMap(OwnNominationAnswerStorage.answer) ?? NominationAnswer(omobilityID: omobilityID)
            let changed = try change.applied(to: current)
            guard changed != current || stored == nil else { return current }
            var upserts = [OwnNominationAnswerStorage.object(changed, receivingHEI: receivingHEI, sendingHEI: sendingHEI, modifiedAt: at)]
            if changed.status != current.status {
                let event = MobilityStatusEvent(sendingHEI: sendingHEI.value, omobilityID: omobilityID.value, side: .receiving, status: changed.status.rawValue,
                                                at: at, origin: .answered)
                upserts.append(MobilityStatusEvents.object(event, localHEI: receivingHEI, partnerHEI: sendingHEI.value))
            }
            try await store.commit(policy.changeSet(upserts: upserts,
                                                    notifications: [OwnNominationAnswerStorage.notification(receivingHEI: receivingHEI, sendingHEI: sendingHEI, omobilityID: omobilityID)],
                                                    now: at), now: at)
            return changed
        } catch let error as NominationError {
            throw error
        } catch {
            throw NominationError("nothing was stored: \(error)", kind: .storeFailed)
        }
    }
}
