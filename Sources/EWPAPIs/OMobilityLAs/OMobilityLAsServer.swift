import EWPCore
import EWPNotifications
import EWPStore
import EWPXML
import Foundation

/// OMobility LAs v1 `get`, `index`, `update` and `stats` of one covered HEI (the sending HEI) over
/// the own-object store: parameters → access rule → store → response document.
public struct OMobilityLAsServer: Sendable {
    let store: any ConditionalOwnObjectStore
    let maxOmobilityIDs: Int
    let policy: NotificationSettings

    /// `policy`: the node's one notification policy (the lifetime and settling of the LA CNR an
    /// accepted `update` queues, as every local change).
    public init(store: any ConditionalOwnObjectStore, maxOmobilityIDs: Int = OMobilityLAsAPI.maxOmobilityIDs,
                policy: NotificationSettings = NotificationSettings()) {
        self.store = store
        self.maxOmobilityIDs = maxOmobilityIDs
        self.policy = policy
    }

    /// OMobility LAs API v1 endpoints/get.md: the requested LAs the requester may read, in request
    /// order; unknown and hidden ids are left out alike (200 with an empty response when none is
    /// left).
    public func get(servedHEI: HEIID, requesterHEIs: [HEIID], parameters: RequestParameters) async throws(APIRequestError) -> XElement {
        let request = try OMobilityLAsGetRequest(parameters, servedHEI: servedHEI, maxOmobilityIDs: maxOmobilityIDs)
        let objects = try await storeCall { try await store.ownObjects(kind: OwnLAStorage.kind, heiID: servedHEI.value, ids: request.omobilityIDs) }
        let visible = Dictionary(objects.filter { LAAccess.canRead($0, servedHEI: servedHEI, requesterHEIs: requesterHEIs) }
            .map { ($0.objectID, $0) }, uniquingKeysWith: { first, _ in first })
        var las: [XElement] = []
        for id in request.omobilityIDs {
            guard let object = visible[id] else { continue }
            do {
                if let element = try OwnLAStorage.servedElement(object) { las.append(element) }
            } catch {
                throw APIRequestError(status: .internalServerError, "The stored learning agreement \(id) cannot be read (\(error)); the node's operator must re-import it.")
            }
        }
        return OMobilityLAsResponses.get(las)
    }

    /// OMobility LAs API v1 endpoints/index.md: the ids of every LA the requester may `get`,
    /// filtered (AND across parameters, OR within `receiving_hei_id`).
    public func index(servedHEI: HEIID, requesterHEIs: [HEIID], parameters: RequestParameters) async throws(APIRequestError) -> XElement {
        let request = try OMobilityLAsIndexRequest(parameters, servedHEI: servedHEI)
        let partners: [String?] = LAAccess.indexPartners(servedHEI: servedHEI, requesterHEIs: requesterHEIs)?.map(Optional.some) ?? [nil]
        var ids = Set<String>()
        for partner in partners {
            ids.formUnion(try await storeCall {
                try await store.ownObjectIDs(kind: OwnLAStorage.kind, heiID: servedHEI.value, partnerHEI: partner, filters: request.filters,
                                             modifiedSince: request.modifiedSince)
            })
        }
        return OMobilityLAsResponses.index(ids.sorted())
    }

    /// OMobility LAs API v1 endpoints/update.md: approve or comment on the current changes
    /// proposal. The change, its version record and the LA CNR to the receiving HEI are one
    /// conditional commit; if the LA changed meanwhile (an import, another update) the request is
    /// decided again on the new state.
    public func update(servedHEI: HEIID, requesterHEIs: [HEIID], body: [UInt8], now: Date) async throws(APIRequestError) -> XElement {
        let request = try await OMobilityLAsUpdateRequest.read(body)
        for _ in 0..<5 {
            let stored = try await storeCall { try await store.ownObjects(kind: OwnLAStorage.kind, heiID: servedHEI.value, ids: [request.omobilityID]).first }
            let outcome = try LAUpdates.apply(request, to: stored, servedHEI: servedHEI, requesterHEIs: requesterHEIs, now: now)
            let changes = ChangeSet(upserts: [outcome.learningAgreement, outcome.version], notifications: [outcome.notification],
                                    notificationsExpireAt: now.addingTimeInterval(policy.lifetime), settling: policy.settling)
            do {
                try await store.commit(changes, expecting: [outcome.expectation], now: now)
                return OMobilityLAsResponses.update(message: outcome.message)
            } catch is OwnObjectConflict {
                continue
            } catch {
                throw APIRequestError(status: .serviceUnavailable, "The learning agreement store is unavailable right now; nothing was changed. Retry later.")
            }
        }
        throw APIRequestError(status: .serviceUnavailable, "Learning agreement \(request.omobilityID) is being changed by others right now; nothing was changed. Retry in a moment.")
    }

    /// OMobility LAs API v1 endpoints/stats.md; ewp-specs-architecture › EWP Statistics: the Stats
    /// Portal (and the sending HEI itself) reads the counts.
    public func stats(servedHEI: HEIID, requesterHEIs: [HEIID]) async throws(APIRequestError) -> XElement {
        guard LAAccess.mayReadStats(servedHEI: servedHEI, requesterHEIs: requesterHEIs) else {
            throw APIRequestError(status: .forbidden, "Learning agreement statistics are for the EWP Stats Portal (\(OMobilityLAsAPI.statsPortalHEI)) and \(servedHEI) only.")
        }
        return OMobilityLAsResponses.stats(try await stats(servedHEI: servedHEI))
    }

    /// The counts per receiving academic year (from 2021/2022, as the Stats Portal collects them),
    /// from the filter keys of the live LAs: seven counting queries per year.
    public func stats(servedHEI: HEIID) async throws(APIRequestError) -> [LAYearStats] {
        let years = try await storeCall {
            try await store.ownObjectIDs(kind: OwnLAStorage.yearKind, heiID: servedHEI.value, partnerHEI: nil, filters: [:], modifiedSince: nil)
        }.filter { Int($0.prefix(4)).map { $0 >= 2021 } ?? false }
        var result: [LAYearStats] = []
        for year in years {
            func count(_ key: String? = nil, _ value: String = "") async throws(APIRequestError) -> Int {
                var filters = [OwnLAStorage.Key.academicYear: [year]]
                if let key { filters[key] = [value] }
                let query = filters
                return try await storeCall {
                    try await store.ownObjectIDs(kind: OwnLAStorage.kind, heiID: servedHEI.value, partnerHEI: nil, filters: query, modifiedSince: nil).count
                }
            }
            let total = try await count()
            guard total > 0 else { continue }
            let approval = OwnLAStorage.Key.approval, state = OwnLAStorage.Key.state
            result.append(LAYearStats(
                receivingAcademicYear: year, total: total,
                notModifiedAfterApproval: try await count(approval, LAApprovalHistory.notModifiedAfterApproval.rawValue),
                modifiedAfterApproval: try await count(approval, LAApprovalHistory.modifiedAfterApproval.rawValue),
                latestApproved: try await count(state, LAState.approved.rawValue),
                latestRejected: try await count(state, LAState.rejected.rawValue),
                latestAwaiting: try await count(state, LAState.awaiting.rawValue)))
        }
        return result
    }

    /// A store failure is the node's, and temporary as far as the caller knows: 503, retry later.
}
