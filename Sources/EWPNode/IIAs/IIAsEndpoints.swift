import EWPAPIs
import EWPXML
import Hummingbird

/// The IIAs v7 endpoints of a covered HEI: `/hei/<id>/iias/get` and `/iias/index` (GET and POST),
/// `/iias/stats` (GET), each through `serveEWP` (signature, parameters, signed answer).
extension NodeRuntime {
    func serveIIAs(_ request: Request, host: CoveredHost, endpoint: String) async -> Response {
        let server = IIAsServer(store: store, approvals: StoredIIAApprovals(store: store))
        let api = endpoint.replacingOccurrences(of: "/", with: "-")
        return await serveEWP(request, host: host, api: api, methods: endpoint == "iias/stats" ? [.get] : [.get, .post]) {
            parameters, client, host throws(NodeError) in
            do throws(APIRequestError) {
                switch endpoint {
                case "iias/get": return try await server.get(servedHEI: host.heiID, requesterHEIs: client.heiIDs, parameters: parameters)
                case "iias/index": return try await server.index(servedHEI: host.heiID, requesterHEIs: client.heiIDs, parameters: parameters)
                default: return try await server.stats(servedHEI: host.heiID, requesterHEIs: client.heiIDs)
                }
            } catch {
                throw NodeError(error)
            }
        }
    }
}
