import EWPAPIs
import EWPCore
import EWPOperations
import Foundation
import Hummingbird

/// `/admin/mobilities...` views, JSON, as `ewp-node mobility list|show`:
/// - `GET /admin/mobilities[?hei=OUR_HEI][&partner=HEI][&status=S][&limit=N][&offset=N]` each
///   mobility joined by omobility-id (nomination, status on both sides, LA, transcripts, history,
///   flags), a page of them with the total;
/// - `GET /admin/mobilities/{omobility_id}[?hei=OUR_HEI]` one mobility (per covered HEI and side holding it).
extension NodeRuntime {
    func adminMobilities(_ query: AdminQuery) async throws(APIRequestError) -> Response {
        let heis = try query.localHEIs(operations)
        let status = query.value("status")
        if let status, !MobilityOverview.statusFilters.contains(status) {
            throw APIRequestError(status: .badRequest, "status must be one of \(MobilityOverview.statusFilters.joined(separator: ", ")) (got \(status)).")
        }
        let limit = try query.whole("limit", in: 1...10_000) ?? 10_000
        let offset = try query.whole("offset", in: 0...Int.max) ?? 0
        let overview = operations.mobilityOverview
        let rows = try await storeCall { try await overview.rows(heiIDs: heis, partnerHEI: query.heiID("partner"), status: status) }
        let page = rows.dropFirst(offset).prefix(limit)
        return AdminResponse.json(.ok, ["mobilities": page.map(\.json), "total": rows.count, "offset": offset, "limit": limit])
    }

    func adminMobility(_ id: String, _ query: AdminQuery) async throws(APIRequestError) -> Response {
        let heis = try query.localHEIs(operations)
        let overview = operations.mobilityOverview
        let rows = try await storeCall { try await overview.show(heiIDs: heis, omobilityID: OMobilityID(id)) }
        guard !rows.isEmpty else {
            throw APIRequestError(status: .notFound, "No mobility \(id) is held: no nomination, learning agreement or transcript of records carries it.")
        }
        return AdminResponse.json(.ok, ["mobilities": rows.map(\.json)])
    }
}
