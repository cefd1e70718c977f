import EWPCore
import EWPStore
import EWPXML
import Foundation

/// IMobility ToRs `get` and `index` of one covered HEI (the receiving HEI) over the own-object
/// store, for either version: parameters → access rule → store query → response document. `get` is
/// one store call (`ownObjects`); `index` one indexed query per sending HEI the requester covers
/// (one in practice).
public struct ToRsServer: Sendable {
    let store: any OwnObjectStore
    let maxOMobilityIDs: Int

    public init(store: any OwnObjectStore, maxOMobilityIDs: Int = IMobilityToRsAPI.maxOMobilityIDs) {
        self.store = store
        self.maxOMobilityIDs = maxOMobilityIDs
    }

    /// IMobility ToRs API v2 endpoints/get.md; IMobility ToRs API v3: the requested transcripts of
    /// this version the requester may see, in request order. Unknown ids, ids of another receiving
    /// HEI, transcripts of the other version only and hidden ones are left out alike (200, empty
    /// when none is left).
    public func get(_ version: ToRsVersion, servedHEI: HEIID, requesterHEIs: [HEIID],
                    parameters: RequestParameters) async throws(APIRequestError) -> XElement {
        let request = try ToRsGetRequest(parameters, version: version, maxOMobilityIDs: maxOMobilityIDs)
        guard ToRAccess.namesServedHEI(request.receivingHEI, servedHEI: servedHEI) else {
            return IMobilityToRsAPI.getResponse(version, tors: [])
        }
        let objects = try await storeCall {
            try await store.ownObjects(kind: version.storageKind, heiID: servedHEI.value, ids: request.omobilityIDs)
        }
        let visible = Dictionary(objects.filter { ToRAccess.canSee($0, requesterHEIs: requesterHEIs) }.map { ($0.objectID, $0) },
                                 uniquingKeysWith: { first, _ in first })
        var tors: [XElement] = []
        for id in request.omobilityIDs {
            guard let object = visible[id] else { continue }
            do {
                if let element = try OwnToRStorage.servedElement(object, version: version) { tors.append(element) }
            } catch {
                throw APIRequestError(status: .internalServerError, "The stored transcript of omobility \(id) cannot be read (\(error)); the node's operator must re-import it.")
            }
        }
        return IMobilityToRsAPI.getResponse(version, tors: tors)
    }

    /// IMobility ToRs API v2 endpoints/index.md; IMobility ToRs API v3: the omobility ids of every
    /// transcript of this version the requester may `get`, narrowed by v2's `sending_hei_id` (only
    /// unknown ones: empty) and by modified_since (a future one: empty).
    public func index(_ version: ToRsVersion, servedHEI: HEIID, requesterHEIs: [HEIID],
                      parameters: RequestParameters) async throws(APIRequestError) -> XElement {
        let request = try ToRsIndexRequest(parameters, version: version)
        guard ToRAccess.namesServedHEI(request.receivingHEI, servedHEI: servedHEI) else {
            return IMobilityToRsAPI.indexResponse(version, omobilityIDs: [])
        }
        let filters = request.sendingHEIs.map { [OwnToRStorage.sendingHEIKey: $0.map { HEIID($0).normalized }] } ?? [:]
        var ids = Set<String>()
        for sending in ToRAccess.visibleSendingHEIs(requesterHEIs: requesterHEIs) {
            let found = try await storeCall {
                try await store.ownObjectIDs(kind: version.storageKind, heiID: servedHEI.value, partnerHEI: sending, filters: filters,
                                             modifiedSince: request.modifiedSince)
            }
            ids.formUnion(found)
        }
        return IMobilityToRsAPI.indexResponse(version, omobilityIDs: ids.sorted())
    }

    /// A store failure is the node's, and temporary as far as the caller knows: 503, retry later.
}
