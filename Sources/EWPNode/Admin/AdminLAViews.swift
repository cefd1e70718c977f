import EWPAPIs
import EWPCore
import EWPOperations
import Foundation
import Hummingbird

/// `/admin/las...` views, JSON:
/// - `GET /admin/las[?hei=OUR_HEI][&role=sending|receiving][&partner=HEI]` our LAs (role sending) and
///   partners' (role receiving), each with its state per party and its number of findings;
/// - `GET /admin/las/show?omobility_id=ID[&sending_hei=HEI][&hei=OUR_HEI]` one LA: summary, history of
///   versions (ours) or the copy as pulled (a partner's), and its guideline findings.
extension NodeRuntime {
    func adminLAView(_ path: [String], _ query: AdminQuery) async throws(APIRequestError) -> Response {
        let heis = try query.localHEIs(operations)
        let overview = operations.laOverview
        if path == ["las"] {
            var role: LAOverview.Role?
            if let name = query.value("role") {
                guard let parsed = LAOverview.Role(rawValue: name) else {
                    throw APIRequestError(status: .badRequest, "role must be sending (our LAs) or receiving (partners' LAs) (got \(name)).")
                }
                role = parsed
            }
            let rows = try await storeCall { try await overview.rows(heiIDs: heis, role: role, partnerHEI: query.heiID("partner")) }
            return AdminResponse.json(.ok, ["las": rows.map(\.json)])
        }
        guard let id = query.value("omobility_id").map(OMobilityID.init), !id.value.isEmpty else {
            throw APIRequestError(status: .badRequest, "Name the learning agreement: ?omobility_id=<omobility-id>[&sending_hei=<its sending HEI>][&hei=<our hei-id>].")
        }
        let sending = query.heiID("sending_hei").flatMap { $0.value.isEmpty ? nil : $0 }
        switch try await storeCall({ try await overview.show(heiIDs: heis, omobilityID: id, sendingHEI: sending) }) {
        case .found(let detail):
            return AdminResponse.json(.ok, detail.json)
        case .notFound:
            throw APIRequestError(status: .notFound, "No learning agreement \(id)" + (sending.map { " of \($0)" } ?? "") + " is held; a partner's is pulled after its CNR or by "
                             + "POST /admin/sync?partner=<sending HEI>&api=omobility-las.")
        case .ambiguous(let holders):
            throw APIRequestError(status: .badRequest, "Several learning agreements have omobility-id \(id), sent by \(holders.joined(separator: ", ")): add &sending_hei=<hei-id> (and &hei=<our hei-id>).")
        }
    }
}
