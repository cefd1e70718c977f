import EWPAPIs
import EWPCore
import EWPOperations
import Foundation
import Hummingbird

/// `/admin/iias...`: our IIAs and partners' copies, as `ewp-node iia list|show|explain|approve` and
/// `ewp-node import --delete-iia` show and do them, through the same `IIAOverview`, `approveIIA`
/// and `IIAImporter.delete`.
extension NodeRuntime {
    /// `GET /admin/iias[?hei=OUR_HEI][&partner=HEI]`.
    func adminIIAs(_ query: AdminQuery) async throws(APIRequestError) -> Response {
        let heis = try query.localHEIs(operations)
        let rows = try await storeCall { try await operations.iiaOverview.rows(heiIDs: heis, partnerHEI: query.heiID("partner")) }
        return AdminResponse.json(.ok, ["iias": rows.map(\.json)])
    }

    /// `GET /admin/iias/partner-copy?partner=HEI&iia_id=PARTNER_IIA_ID[&hei=OUR_HEI]`.
    func adminPartnerCopy(_ query: AdminQuery) async throws(APIRequestError) -> Response {
        guard let partner = query.heiID("partner"), let iiaID = query.value("iia_id").map(IIAID.init) else {
            throw APIRequestError(status: .badRequest, "Name the partner's IIA: ?partner=<hei-id>&iia_id=<the partner's iia-id>.")
        }
        let hei = try query.localHEI(operations)
        guard let copy = try await storeCall({ try await operations.iiaOverview.partnerCopy(heiID: hei, partnerHEI: partner, partnerIIAID: iiaID) }) else {
            throw APIRequestError(status: .notFound, "We hold no copy of \(partner)'s IIA \(iiaID); POST /admin/sync?partner=\(partner) pulls it.")
        }
        return AdminResponse.json(.ok, ["partner": partner.value, "iia_id": iiaID.value, "our_hash": copy.hash as Any? ?? NSNull(),
                                        "seen_at": QueueRowFormat.timestamp(copy.seenAt), "deleted": copy.document == nil,
                                        "document": copy.document.map { String(decoding: $0, as: UTF8.self) } as Any? ?? NSNull()])
    }

    /// `GET /admin/iias/explain?iia_id=OUR_IIA_ID[&hei=OUR_HEI]`.
    func adminExplain(_ query: AdminQuery) async throws(APIRequestError) -> Response {
        guard let iiaID = query.value("iia_id").map(IIAID.init) else { throw APIRequestError(status: .badRequest, "Name our IIA: ?iia_id=<our iia-id>.") }
        let hei = try query.localHEI(operations)
        let text = try await storeCall { try await operations.iiaOverview.explain(heiID: hei, iiaID: iiaID) }
        return AdminResponse.json(.ok, ["explanation": text])
    }

    /// `POST /admin/iias/approve?partner=HEI&iia_id=PARTNER_IIA_ID[&hei=OUR_HEI]`.
    func approve(_ query: AdminQuery) async throws(APIRequestError) -> Response {
        guard let partner = query.heiID("partner"), !partner.value.isEmpty, let iiaID = query.value("iia_id").map(IIAID.init), !iiaID.value.isEmpty else {
            throw APIRequestError(status: .badRequest, "Name the partner's IIA: ?partner=<hei-id>&iia_id=<the partner's iia-id>.")
        }
        let local = try query.localHEI(operations)
        do throws(IIAApprovalRefusal) {
            let approved = try await operations.approveIIA(localHEI: local, partnerHEI: partner, partnerIIAID: iiaID)
            return AdminResponse.json(.ok, ["approved": true, "partner": partner.value, "partner_iia_id": approved.partnerIIAID.value,
                                            "our_iia_id": approved.ourIIAID.value, "iia_hash": approved.hash])
        } catch {
            throw APIRequestError(status: error.status, "Not approved: \(error.developerMessage)")
        }
    }

    /// `POST /admin/iias/delete?iia_id=OUR_IIA_ID[&hei=OUR_HEI]`, as `ewp-node import --delete-iia`:
    /// 200 with what was done (also when it was already deleted), 404 for an unknown id, 409 when the
    /// IIA may not be deleted (mutually approved), 503 when the database did not answer.
    func adminDeleteIIA(_ query: AdminQuery) async throws(APIRequestError) -> Response {
        guard let iiaID = query.value("iia_id").map(IIAID.init), !iiaID.value.isEmpty else {
            throw APIRequestError(status: .badRequest, "Name our IIA to delete: ?iia_id=<our iia-id>[&hei=<our hei-id>].")
        }
        let hei = try query.localHEI(operations)
        let importer: IIAImporter
        do { importer = try operations.iiaImporter() } catch { throw APIRequestError(status: .serviceUnavailable, "Cannot delete IIAs: \(error)") }
        do throws(IIAImportError) {
            let report = try await importer.delete(iiaID: iiaID, heiID: hei, now: operations.now())
            return AdminResponse.json(.ok, ["hei": hei.value, "iia_id": iiaID.value, "report": report])
        } catch {
            throw APIRequestError(status: error.status, "Not deleted: \(error.message).")
        }
    }
}
