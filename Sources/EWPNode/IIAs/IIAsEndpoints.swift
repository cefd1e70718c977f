import EWPAPIs
import EWPXML
import Hummingbird

/// The IIAs v7 endpoints of a covered HEI (`IIAsAPI.get`, `.index`, `.stats`), each through
/// `serveEWP` (signature, parameters, signed answer).
extension NodeRuntime {
    func serveIIAs(_ request: Request, host: CoveredHost, endpoint: ServedEndpoint) async -> Response {
        let server = IIAsServer(store: store, approvals: StoredIIAApprovals(store: store))
        return await serveEWP(request, host: host, endpoint: endpoint) { parameters, client, host throws(NodeError) in
            do throws(APIRequestError) {
                switch endpoint {
                case IIAsAPI.get: return try await server.get(servedHEI: host.heiID, requesterHEIs: client.heiIDs, parameters: parameters)
                case IIAsAPI.index: return try await server.index(servedHEI: host.heiID, requesterHEIs: client.heiIDs, parameters: parameters)
                default: return try await server.stats(servedHEI: host.heiID, requesterHEIs: client.heiIDs)
                }
            } catch {
                throw NodeError(error)
            }
        }
    }
}
