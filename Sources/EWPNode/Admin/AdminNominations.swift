import EWPAPIs
import EWPCore
import EWPOperations
import Foundation
import Hummingbird

/// `/admin/nominations/verify|reject` and `/admin/mobilities/arrival|departure`: our answers (as
/// the receiving HEI) to the nominations partners sent us, as `ewp-node nomination verify|reject`
/// and `ewp-node mobility arrival|departure` change them, through the same `changeNomination`.
extension NodeRuntime {
    /// `POST /admin/nominations/{verify|reject}?sending_hei=HEI&omobility_id=ID[&comment=TEXT]` and
    /// `POST /admin/mobilities/{arrival|departure}?sending_hei=HEI&omobility_id=ID&date=YYYY-MM-DD`.
    func adminChangeNomination(_ action: String, _ query: AdminQuery) async throws(APIRequestError) -> Response {
        guard let sending = query.value("sending_hei"), !sending.isEmpty, let id = query.value("omobility_id"), !id.isEmpty else {
            throw APIRequestError(status: .badRequest, "Name the nomination: ?sending_hei=<the sending HEI>&omobility_id=<its omobility-id>.")
        }
        let change: NominationChange
        switch action {
        case "verify": change = .verify(comment: query.value("comment"))
        case "reject": change = .reject(comment: query.value("comment"))
        default:
            guard let date = query.value("date"), !date.isEmpty else {
                throw APIRequestError(status: .badRequest, "Give the student's actual \(action) date: &date=YYYY-MM-DD.")
            }
            change = action == "arrival" ? .arrival(date) : .departure(date)
        }
        do {
            let answer = try await operations.changeNomination(sendingHEI: HEIID(sending), omobilityID: OMobilityID(id), change)
            return AdminResponse.json(.ok, NominationAnswerJSON.object(answer, sendingHEI: sending))
        } catch {
            throw APIRequestError(status: error.status, "Not changed: \(error.message)")
        }
    }
}
