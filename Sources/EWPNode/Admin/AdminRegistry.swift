import EWPAPIs
import EWPOperations
import EWPRegistry
import Foundation
import Hummingbird

/// `GET /admin/registry` and `POST /admin/registry/refresh`, as `ewp-node registry show|refresh`:
/// the catalogue the node serves from, summed up by `RegistrySummary`.
extension NodeRuntime {
    /// 200 with the summary; 404 before the node holds any catalogue.
    func adminRegistry() throws(APIRequestError) -> Response {
        guard let summary = operations.registrySummary() else {
            throw APIRequestError(status: .notFound, "No registry catalogue yet (registry: \(operations.registryURL)); POST /admin/registry/refresh fetches it.")
        }
        return AdminResponse.json(.ok, summary.json(now: operations.now()))
    }

    /// Fetches the catalogue now (joining a fetch in flight): 200 with `outcome` (`updated` or
    /// `not-modified`) and the summary; 502 when the fetch failed (the last good copy stays).
    func adminRegistryRefresh() async throws(APIRequestError) -> Response {
        let outcome: RefreshOutcome
        do { outcome = try await operations.refreshRegistry() } catch { throw APIRequestError(status: .serviceUnavailable, "The refresh was cancelled: the node is stopping.") }
        let name: String
        switch outcome {
        case .updated: name = "updated"
        case .notModified: name = "not-modified"
        case .failed(let reason): throw APIRequestError(status: .badGateway, "The refresh from \(configuration.registryURL) failed: \(reason); the last good copy stays.")
        }
        guard let summary = operations.registrySummary() else { throw APIRequestError(status: .badGateway, "The refresh from \(configuration.registryURL) left no catalogue.") }
        var json = summary.json(now: operations.now())
        json["outcome"] = name
        return AdminResponse.json(.ok, json)
    }
}
