import EWPAPIs
import EWPSecurity
import EWPXML
import Hummingbird

extension NodeRuntime {
    func serveApprovals(_ request: Request, host: CoveredHost, endpoint: ServedEndpoint) async -> Response {
        await serveEWP(request, host: host, endpoint: endpoint) { parameters, client, host throws(NodeError) in
            try await approvalsResponse(parameters, client: client, host: host)
        }
    }

    /// IIAs Approval v2 `get`: our stored approvals of the caller's copies. The caller's HEIs come from
    /// its key, so a HEI only ever sees approvals of its own IIAs; unknown or unapproved ids are left out.
    func approvalsResponse(_ parameters: RequestParameters, client: AuthenticatedClient, host: CoveredHost) async throws(NodeError) -> XElement {
        let ids: [String]
        do throws(APIRequestError) { ids = try IIAsApprovalAPI.requestedIDs(parameters) } catch { throw NodeError(error) }
        do {
            let approvals = try await IIAApprovals.approvals(store: store, localHEI: host.heiID, callerHEIs: client.heiIDs, ids: ids)
            return IIAsApprovalAPI.response(approvals)
        } catch {
            logger.error("cannot read IIA approvals", metadata: ["error": .string("\(error)")])
            throw NodeError.unavailable("The approvals could not be read; retry later.")
        }
    }
}
