import EWPAPIs
import EWPXML
import Hummingbird

/// The IMobility ToRs endpoints of a covered HEI (the receiving HEI), both versions side by side:
/// `/hei/<id>/imobility-tors/get|index` (v2) and `/hei/<id>/imobility-tors-v3/get|index` (v3), GET
/// and POST, each through `serveEWP` (signature, parameters, signed answer).
/// Where the two versions live below a covered HEI's prefix, and their manifest entries.
enum ToRsRoutes {
    static func path(_ version: ToRsVersion) -> String { version == .v2 ? "imobility-tors" : "imobility-tors-v3" }

    /// The manifest entry of `version` for the HEI served under `base`.
    static func manifestEntry(_ version: ToRsVersion, base: String) -> XElement {
        let prefix = base + "/" + path(version)
        return IMobilityToRsAPI.manifestEntry(version, getURL: prefix + "/get", indexURL: prefix + "/index")
    }

    /// The version and endpoint (`get`, `index`) a path below the HEI names, if it is a ToRs one.
    static func endpoint(_ endpoint: String) -> (version: ToRsVersion, name: String)? {
        for version in ToRsVersion.allCases {
            for name in ["get", "index"] where endpoint == path(version) + "/" + name { return (version, name) }
        }
        return nil
    }
}

extension NodeRuntime {
    func serveToRs(_ request: Request, host: CoveredHost, version: ToRsVersion, endpoint: String) async -> Response {
        let server = ToRsServer(store: store)
        return await serveEWP(request, host: host, api: "\(ToRsRoutes.path(version))-\(endpoint)") { parameters, client, host throws(NodeError) in
            do throws(APIRequestError) {
                if endpoint == "get" {
                    return try await server.get(version, servedHEI: host.heiID, requesterHEIs: client.heiIDs, parameters: parameters)
                }
                return try await server.index(version, servedHEI: host.heiID, requesterHEIs: client.heiIDs, parameters: parameters)
            } catch {
                throw NodeError(error)
            }
        }
    }
}
