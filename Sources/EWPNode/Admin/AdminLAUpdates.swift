import EWPAPIs
import EWPCore
import EWPModel
import EWPOperations
import Foundation
import Hummingbird

/// `POST /admin/las/approve?sending_hei=HEI&omobility_id=ID[&hei=OUR_HEI][&signer_name=..&signer_position=..&signer_email=..]`
/// and `POST /admin/las/comment?…&comment=TEXT`: our covered HEI, as the receiving HEI, approves or
/// comments on the sending HEI's current changes proposal (see `LAUpdateClient`). 200 with what
/// was sent, the guideline warnings and the state after; when refused, the reason (and the blocking
/// guideline errors) with `LAUpdateRefusal.status`: 404, 409, 400, 502 or 503; 400 for a bad query.
extension NodeRuntime {
    func updatePartnerLA(_ action: String, _ query: AdminQuery) async throws(APIRequestError) -> Response {
        guard let sending = query.heiID("sending_hei"), !sending.value.isEmpty,
              let omobilityID = query.value("omobility_id").map(OMobilityID.init), !omobilityID.value.isEmpty else {
            throw APIRequestError(status: .badRequest, "Name the partner's learning agreement: ?sending_hei=<the sending HEI's id>&omobility_id=<id>.")
        }
        let update: LAUpdateAction
        if action == "comment" {
            guard let text = query.value("comment"), !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw APIRequestError(status: .badRequest, "A comment needs its text: &comment=<why the proposal is not accepted and what to change>.")
            }
            update = .comment(text)
        } else {
            update = .approve
        }
        let local = try query.localHEI(operations)
        let signer = operations.laSigner(name: query.value("signer_name"), position: query.value("signer_position"), email: query.value("signer_email"))
        do throws(LAUpdateRefusal) {
            let done = try await operations.updatePartnerLA(localHEI: local, sendingHEI: sending, omobilityID: omobilityID, action: update, signer: signer)
            return AdminResponse.json(.ok, done.json)
        } catch {
            return AdminResponse.json(error.status, error.json)
        }
    }
}
