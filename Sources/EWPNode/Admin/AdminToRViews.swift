import EWPAPIs
import EWPCore
import EWPOperations
import Foundation
import Hummingbird

/// `/admin/tors...` views, JSON:
/// - `GET /admin/tors[?hei=OUR_HEI][&partner=HEI]` transcripts received from partners and issued by us;
/// - `GET /admin/tors/show?partner=HEI&omobility_id=ID[&hei=OUR_HEI]` the ToR(s) of that mobility
///   exchanged with the partner, with the `tor` element (its ELMO document).
extension NodeRuntime {
    func adminToRView(_ path: [String], _ query: AdminQuery) async throws(APIRequestError) -> Response {
        let heis = try query.localHEIs(operations)
        let overview = operations.torOverview
        if path == ["tors"] {
            let rows = try await storeCall { try await overview.rows(heiIDs: heis, partnerHEI: query.heiID("partner")) }
            return AdminResponse.json(.ok, ["tors": rows.map(\.json)])
        }
        guard let partner = query.heiID("partner"), !partner.value.isEmpty, let id = query.value("omobility_id").map(OMobilityID.init), !id.value.isEmpty else {
            throw APIRequestError(status: .badRequest, "Name the transcript: ?partner=<the other HEI's id>&omobility_id=<omobility-id>[&hei=<our hei-id>].")
        }
        let rows = try await storeCall { try await overview.show(heiIDs: heis, partnerHEI: partner, omobilityID: id) }
        guard !rows.isEmpty else {
            throw APIRequestError(status: .notFound, "No transcript of records \(id) exchanged with \(partner) is held; a partner's is pulled after its CNR or by "
                             + "POST /admin/sync?partner=\(partner)&api=imobility-tors.")
        }
        return AdminResponse.json(.ok, ["partner": partner.value, "omobility_id": id.value, "tors": rows.map(\.detailJSON)])
    }
}
