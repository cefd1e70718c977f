import EWPCore
import EWPStore
import EWPXML
import Foundation

/// IIAs v7 `get`, `index` and `stats` of one covered HEI over the own-object store: parameters →
/// access rule → store query → response document. `get` is one store call (`ownObjects`),
/// `index` one indexed query per requester HEI (`ownObjectIDs`, one in practice); `stats` reads
/// every live IIA and its approval state (monthly, for the Stats Portal).
public struct IIAsServer: Sendable {
    let store: any OwnObjectStore
    let approvals: any IIAApprovalLookup
    let maxIIAIDs: Int

    public init(store: any OwnObjectStore, approvals: any IIAApprovalLookup, maxIIAIDs: Int = IIAsAPI.maxIIAIDs) {
        self.store = store
        self.approvals = approvals
        self.maxIIAIDs = maxIIAIDs
    }

    /// IIAs API v7 endpoints/get.md: the requested IIAs the requester may see, in request order;
    /// unknown, deleted and hidden ids are left out alike (200 with an empty response when none is
    /// left).
    public func get(servedHEI: HEIID, requesterHEIs: [HEIID], parameters: RequestParameters) async throws(APIRequestError) -> XElement {
        let request = try IIAsGetRequest(parameters, maxIIAIDs: maxIIAIDs)
        let objects = try await storeCall { try await store.ownObjects(kind: OwnIIAStorage.kind, heiID: servedHEI.value, ids: request.iiaIDs) }
        let visible = Dictionary(objects.filter { IIAAccess.canSee($0, servedHEI: servedHEI, requesterHEIs: requesterHEIs) }
            .map { ($0.objectID, $0) }, uniquingKeysWith: { first, _ in first })
        var iias: [XElement] = []
        for id in request.iiaIDs {
            guard let object = visible[id] else { continue }
            do {
                if let element = try OwnIIAStorage.servedElement(object) { iias.append(element) }
            } catch {
                throw APIRequestError(status: .internalServerError, "The stored IIA \(id) cannot be read (\(error)); the node's operator must re-import it.")
            }
        }
        return IIAsResponses.get(iias)
    }

    /// IIAs API v7 endpoints/index.md: the ids of every IIA the requester may `get`, filtered by
    /// academic years and modified_since (a future one gives an empty list, checked by the EWP API
    /// Validator).
    public func index(servedHEI: HEIID, requesterHEIs: [HEIID], parameters: RequestParameters) async throws(APIRequestError) -> XElement {
        let request = try IIAsIndexRequest(parameters)
        let filters = request.receivingAcademicYears.isEmpty ? [:] : [OwnIIAStorage.academicYearKey: request.receivingAcademicYears]
        let partners: [String?]
        if let heis = IIAAccess.indexPartners(servedHEI: servedHEI, requesterHEIs: requesterHEIs) {
            partners = heis.map(Optional.some)
        } else {
            partners = [nil]
        }
        var ids = Set<String>()
        for partner in partners {
            let found = try await storeCall {
                try await store.ownObjectIDs(kind: OwnIIAStorage.kind, heiID: servedHEI.value, partnerHEI: partner, filters: filters,
                                             modifiedSince: request.modifiedSince)
            }
            ids.formUnion(found)
        }
        return IIAsResponses.index(ids.sorted())
    }

    /// IIAs API v7 endpoints/stats.md: the Stats Portal (only it) reads the counts.
    public func stats(servedHEI: HEIID, requesterHEIs: [HEIID]) async throws(APIRequestError) -> XElement {
        guard IIAAccess.mayReadStats(requesterHEIs: requesterHEIs) else {
            throw APIRequestError(status: .forbidden, "IIA statistics are for the EWP Stats Portal (\(IIAsAPI.statsPortalHEI)) only.")
        }
        return IIAsResponses.stats(try await stats(servedHEI: servedHEI))
    }

    /// The counts over the live IIAs of `servedHEI` and their approval states, read in chunks so
    /// memory stays bounded however many IIAs there are.
    public func stats(servedHEI: HEIID, chunk: Int = 500) async throws(APIRequestError) -> IIAStats {
        try await storeCall {
            let ids = try await store.ownObjectIDs(kind: OwnIIAStorage.kind, heiID: servedHEI.value, partnerHEI: nil, filters: [:], modifiedSince: nil)
            var partner = 0, local = 0, both = 0
            for start in stride(from: 0, to: ids.count, by: chunk) {
                let objects = try await store.ownObjects(kind: OwnIIAStorage.kind, heiID: servedHEI.value, ids: Array(ids[start..<min(start + chunk, ids.count)]))
                for state in try await approvals.states(heiID: servedHEI.value, iias: objects.filter { !$0.isTombstone }).values {
                    if state.partnerApproved { partner += 1 }
                    if state.localApproved { local += 1 }
                    if state.mutuallyApproved { both += 1 }
                }
            }
            return IIAStats(fetchable: ids.count, partnerApproved: partner, localApproved: local, both: both)
        }
    }

    /// A store failure is the node's, and temporary as far as the caller knows: 503, retry later.
}
