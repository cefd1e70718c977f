import EWPAPIs
import EWPCore
import EWPNotifications
import EWPStore

/// Finds the sending HEI of a mobility from the learning agreement we hold for it (README,
/// `import`: a ToR does not name its sending HEI). The receiving HEI holds a learning agreement as:
/// - the copy pulled from the sending HEI after its LA CNR or an index-sync (partner copies of api
///   `omobility-las`; the partner is the sending HEI). Pulled copies register their partner for
///   index-sync, so the partners to look at are those sync states name;
/// - our own LA (own objects of kind `omobility-la`), when the node covers the sending HEI too: its
///   owner is the sending HEI and its partner the receiving HEI.
/// A deleted or hidden LA names nobody.
struct LearningAgreementLookup: Sendable {
    static let ownKind = OwnLAStorage.kind
    static let copyAPI = PullSource.omobilityLAs.rawValue

    let store: any ToRImportStore
    let coveredHEIs: [HEIID]

    /// The sending HEI of each of `omobilityIDs` received by `receivingHEI` that a held LA names.
    func sendingHEIs(receivingHEI: String, omobilityIDs: [String]) async throws -> [String: String] {
        var found: [String: String] = [:]
        let receiving = HEIID(receivingHEI)
        for hei in coveredHEIs where hei != receiving {
            for object in try await store.ownObjects(kind: Self.ownKind, heiID: hei.value, ids: omobilityIDs)
            where !object.isTombstone && object.partnerHEIs.contains(where: { HEIID($0) == receiving }) {
                found[object.objectID] = hei.value
            }
        }
        let partners = Set(try await store.syncStates().filter { $0.api == Self.copyAPI && HEIID($0.localHEI) == receiving }.map(\.partnerHEI))
        for id in omobilityIDs where found[id] == nil {
            for partner in partners.sorted() {
                if try await store.partnerCopy(api: Self.copyAPI, localHEI: receivingHEI, partnerHEI: partner, objectID: id)?.document != nil {
                    found[id] = partner
                    break
                }
            }
        }
        return found
    }
}
