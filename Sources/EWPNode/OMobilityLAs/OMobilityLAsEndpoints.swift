import EWPAPIs
import EWPXML
import Hummingbird

/// The OMobility LAs v1 endpoints of a covered HEI: `/hei/<id>/omobility-las/get` and `/index`
/// (GET and POST), `/update` (POST, raw XML body), `/stats` (GET), each through `serveEWP`
/// (signature, parameters, signed answer).
extension NodeRuntime {
    static let omobilityLAsEndpoints: Set<String> = ["omobility-las/get", "omobility-las/index", "omobility-las/update", "omobility-las/stats"]

    func serveOMobilityLAs(_ request: Request, host: CoveredHost, endpoint: String) async -> Response {
        let server = OMobilityLAsServer(store: store, notificationLifetime: notifications.settings.lifetime,
                                        settling: notifications.settings.settling)
        let api = endpoint.replacingOccurrences(of: "/", with: "-")
        switch endpoint {
        case "omobility-las/update":
            return await serveEWPBody(request, host: host, api: api, methods: [.post]) { body, client, host throws(NodeError) in
                do throws(APIRequestError) {
                    return try await server.update(servedHEI: host.heiID, requesterHEIs: client.heiIDs, body: body, now: now())
                } catch {
                    throw NodeError(error)
                }
            }
        default:
            return await serveEWP(request, host: host, api: api, methods: endpoint == "omobility-las/stats" ? [.get] : [.get, .post]) {
                parameters, client, host throws(NodeError) in
                do throws(APIRequestError) {
                    switch endpoint {
                    case "omobility-las/get": return try await server.get(servedHEI: host.heiID, requesterHEIs: client.heiIDs, parameters: parameters)
                    case "omobility-las/index": return try await server.index(servedHEI: host.heiID, requesterHEIs: client.heiIDs, parameters: parameters)
                    default: return try await server.stats(servedHEI: host.heiID, requesterHEIs: client.heiIDs)
                    }
                } catch {
                    throw NodeError(error)
                }
            }
        }
    }
}
