import EWPAPIs
import EWPXML
import Hummingbird

/// The IMobility ToRs endpoints of a covered HEI (the receiving HEI), both versions side by side
/// (`IMobilityToRsAPI.get(_:)`, `.index(_:)`), GET and POST, each through `serveEWP` (signature,
/// parameters, signed answer).
extension NodeRuntime {
    func serveToRs(_ request: Request, host: CoveredHost, version: ToRsVersion, endpoint: ServedEndpoint) async -> Response {
        let server = ToRsServer(store: store)
        return await serveEWP(request, host: host, endpoint: endpoint) { parameters, client, host throws(NodeError) in
            do throws(APIRequestError) {
                if endpoint == IMobilityToRsAPI.get(version) {
                    return try await server.get(version, servedHEI: host.heiID, requesterHEIs: client.heiIDs, parameters: parameters)
                }
                return try await server.index(version, servedHEI: host.heiID, requesterHEIs: client.heiIDs, parameters: parameters)
            } catch {
                throw NodeError(error)
            }
        }
    }
}
