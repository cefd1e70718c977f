import EWPAPIs
import EWPXML
import Hummingbird

/// The OMobility LAs v1 endpoints of a covered HEI (`OMobilityLAsAPI.get`, `.index`, `.stats`, and
/// `.update` with its raw XML body), each through `serveEWP` (signature, parameters, signed answer).
extension NodeRuntime {
    func serveOMobilityLAs(_ request: Request, host: CoveredHost, endpoint: ServedEndpoint) async -> Response {
        let server = OMobilityLAsServer(store: store, notificationLifetime: notifications.settings.lifetime,
                                        settling: notifications.settings.settling)
        if endpoint == OMobilityLAsAPI.update {
            return await serveEWPBody(request, host: host, endpoint: endpoint) { body, client, host throws(NodeError) in
                do throws(APIRequestError) {
                    return try await server.update(servedHEI: host.heiID, requesterHEIs: client.heiIDs, body: body, now: now())
                } catch {
                    throw NodeError(error)
                }
            }
        }
        return await serveEWP(request, host: host, endpoint: endpoint) { parameters, client, host throws(NodeError) in
            do throws(APIRequestError) {
                switch endpoint {
                case OMobilityLAsAPI.get: return try await server.get(servedHEI: host.heiID, requesterHEIs: client.heiIDs, parameters: parameters)
                case OMobilityLAsAPI.index: return try await server.index(servedHEI: host.heiID, requesterHEIs: client.heiIDs, parameters: parameters)
                default: return try await server.stats(servedHEI: host.heiID, requesterHEIs: client.heiIDs)
                }
            } catch {
                throw NodeError(error)
            }
        }
    }
}
