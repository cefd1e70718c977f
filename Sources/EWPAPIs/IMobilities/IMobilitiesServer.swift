import EWPCore
import EWPNotifications
import EWPStore
import EWPXML
import Foundation

/// Incoming Mobilities `get` of one covered HEI (the receiving HEI), ewp-specs-api-imobilities
/// endpoints/get.md: `receiving_hei_id` required once (another HEI than the served one: empty),
/// `omobility_id` required and repeatable (at most `max-omobility-ids`). Only the sending HEI of
/// a nomination sees our answer (Permissions: it MUST; the receiving HEI is ourselves). An answer
/// we stored is served as it is; a nomination we received from the requester and have not
/// answered is `pending`; anything else is left out.
public struct IMobilitiesServer: Sendable {
    let store: any OwnObjectStore & PartnerCopyStore
    let maxOMobilityIDs: Int

    public init(store: any OwnObjectStore & PartnerCopyStore, maxOMobilityIDs: Int = IMobilitiesAPI.maxOMobilityIDs) {
        self.store = store
        self.maxOMobilityIDs = maxOMobilityIDs
    }

    public func get(servedHEI: HEIID, requesterHEIs: [HEIID], parameters: RequestParameters) async throws(APIRequestError) -> XElement {
        let receiving = HEIID(try parameters.requiredSingle("receiving_hei_id"))
        let ids = try parameters.requiredIDs("omobility_id", max: maxOMobilityIDs)
        guard receiving == servedHEI else { return IMobilitiesAPI.getResponse(answers: []) }
        let requesters = Set(requesterHEIs)
        let objects = try await storeCall { try await store.ownObjects(kind: OwnNominationAnswerStorage.kind, heiID: servedHEI.value, ids: ids) }
        let stored = Dictionary(objects.map { ($0.objectID, $0) }, uniquingKeysWith: { first, _ in first })
        var answers: [XElement] = []
        for id in ids {
            if let object = stored[id] {
                if !object.isTombstone, object.partnerHEIs.contains(where: { requesters.contains(HEIID($0)) }),
                   let answer = OwnNominationAnswerStorage.answer(object) {
                    answers.append(answer.element)
                }
                continue
            }
            for requester in PartnerAccess.storedForms(requesterHEIs) {
                let copy = try await storeCall {
                    try await store.partnerCopy(api: PullSource.omobilities.rawValue, localHEI: servedHEI.value, partnerHEI: requester, objectID: id)
                }
                if copy?.document != nil {
                    answers.append(NominationAnswer(omobilityID: OMobilityID(id)).element)
                    break
                }
            }
        }
        return IMobilitiesAPI.getResponse(answers: answers)
    }
}
