import EWPCore
import EWPStore
import EWPXML
import Foundation

/// Outgoing Mobilities `get` and `index` of one covered HEI (the sending HEI) over the own-object
/// store: parameters → access rule → store query → response document.
public struct OMobilitiesServer: Sendable {
    let store: any OwnObjectStore
    let maxOMobilityIDs: Int

    public init(store: any OwnObjectStore, maxOMobilityIDs: Int = OMobilitiesAPI.maxOMobilityIDs) {
        self.store = store
        self.maxOMobilityIDs = maxOMobilityIDs
    }

    /// ewp-specs-api-omobilities, endpoints/get.md: the requested mobilities the requester may see,
    /// in request order. Unknown ids, hidden ones and a `sending_hei_id` other than the served HEI
    /// are left out alike (200, empty when none is left).
    public func get(servedHEI: HEIID, requesterHEIs: [HEIID], parameters: RequestParameters) async throws(APIRequestError) -> XElement {
        let request = try OMobilitiesGetRequest(parameters, maxOMobilityIDs: maxOMobilityIDs)
        guard request.sendingHEI == servedHEI else { return OMobilitiesAPI.getResponse(mobilities: []) }
        let objects = try await storeCall {
            try await store.ownObjects(kind: OwnOMobilityStorage.kind, heiID: servedHEI.value, ids: request.omobilityIDs.map(\.value))
        }
        let visible = Dictionary(objects.filter { OMobilityAccess.canSee($0, requesterHEIs: requesterHEIs) }.map { ($0.objectID, $0) },
                                 uniquingKeysWith: { first, _ in first })
        var mobilities: [XElement] = []
        for id in request.omobilityIDs {
            guard let object = visible[id.value] else { continue }
            do {
                if let element = try OwnOMobilityStorage.element(object) { mobilities.append(element) }
            } catch {
                throw APIRequestError(status: .internalServerError, "The stored mobility \(id) cannot be read (\(error)); the node's operator must re-import it.")
            }
        }
        return OMobilitiesAPI.getResponse(mobilities: mobilities)
    }

    /// ewp-specs-api-omobilities, endpoints/index.md: the ids of every mobility the requester may
    /// `get`, narrowed by `receiving_hei_id` (only unknown ones: empty), `receiving_academic_year_id`
    /// and `modified_since`. Another `sending_hei_id` than the served HEI: empty.
    public func index(servedHEI: HEIID, requesterHEIs: [HEIID], parameters: RequestParameters) async throws(APIRequestError) -> XElement {
        let request = try OMobilitiesIndexRequest(parameters)
        guard request.sendingHEI == servedHEI else { return OMobilitiesAPI.indexResponse(omobilityIDs: []) }
        var filters: [String: [String]] = [:]
        if let receiving = request.receivingHEIs { filters[OwnOMobilityStorage.receivingHEIKey] = receiving.map(\.normalized) }
        if let year = request.academicYear { filters[OwnOMobilityStorage.academicYearKey] = [year] }
        var ids = Set<String>()
        for receiving in OMobilityAccess.visibleReceivingHEIs(requesterHEIs: requesterHEIs) {
            let found = try await storeCall {
                try await store.ownObjectIDs(kind: OwnOMobilityStorage.kind, heiID: servedHEI.value, partnerHEI: receiving, filters: filters,
                                             modifiedSince: request.modifiedSince)
            }
            ids.formUnion(found)
        }
        return OMobilitiesAPI.indexResponse(omobilityIDs: ids.sorted())
    }
}
