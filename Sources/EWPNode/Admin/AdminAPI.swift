import EWPAPIs
import EWPNotifications
import EWPOperations
import EWPStore
import Foundation
import HTTPTypes
import Hummingbird

/// `/admin/...` for the institution's own systems and operators, JSON in and out, only with
/// `Authorization: Bearer $EWP_ADMIN_TOKEN` (404 when no token is configured: the API is off).
/// The endpoints are the table `AdminRoutes.all`, described in Docs/admin-openapi.json; a path that
/// exists with another method is a 405 naming the allowed ones, any other path a 404.
/// This file: the queues (`/admin/cnr...`) and `POST /admin/sync`.
extension NodeRuntime {
    /// True when an admin token is configured and the request carries it (`Authorization: Bearer …`).
    func presentsAdminToken(_ request: Request) -> Bool {
        guard let token = configuration.adminToken else { return false }
        return AdminResponse.constantTimeEquals(request.headers[.authorization] ?? "", "Bearer " + token)
    }

    func routeAdmin(_ request: Request) async -> Response {
        guard configuration.adminToken != nil else {
            return AdminResponse.error(RouterError.adminOff)
        }
        guard presentsAdminToken(request) else {
            return AdminResponse.error(RouterError.adminTokenMissing)
        }
        let segments = request.uri.path.split(separator: "/").map(String.init)
        let matching = AdminRoutes.all.compactMap { route in route.parameters(matching: segments).map { (route, $0) } }
        guard let (route, parameters) = matching.first(where: { $0.0.method == request.method }) else {
            guard matching.isEmpty else {
                return AdminResponse.error(RouterError.adminMethodNotAllowed(request.method.rawValue, path: request.uri.path,
                                                                             allowed: matching.map(\.0.method.rawValue)))
            }
            return AdminResponse.error(RouterError.noAdminEndpoint(path: request.uri.path))
        }
        do throws(APIRequestError) {
            return try await route.handle(self, AdminCall(request: request, query: AdminQuery(request.uri.query), parameters: parameters))
        } catch {
            return AdminResponse.error(error)
        }
    }

    func listRows(_ query: AdminQuery) async throws(APIRequestError) -> Response {
        let queue = try query.queue()
        var states = [QueueStateName]()
        if let names = query.value("state") {
            states = try names.split(separator: ",").map { name throws(APIRequestError) in
                guard let state = QueueStateName(rawValue: String(name)) else {
                    throw APIRequestError(status: .badRequest, "Unknown state \(name); use \(QueueState.allCases.map(\.rawValue).joined(separator: ", ")) or retrying.")
                }
                return state
            }
        }
        let limit = try query.whole("limit", in: 1...10_000)
        let api = try query.notificationAPI()
        let rows = try await storeCall {
            try await operations.queueRows(queue, states: states, partner: query.heiID("partner"), api: api, limit: limit)
        }
        return AdminResponse.json(.ok, ["rows": rows.map(QueueRowFormat.json)])
    }

    func summaryJSON() async -> [String: Any] {
        var out = [String: Any]()
        for (queue, summary) in await operations.queueSummaries() {
            out[queue.rawValue] = [
                "counts": summary.counts.map { ["api": $0.api, "partner": $0.partnerHEI, "state": QueueStateName.name($0.state, retrying: $0.retrying), "count": $0.count] },
                "oldest_pending_created_at": summary.oldestPendingCreatedAt.map(QueueRowFormat.timestamp) ?? NSNull(),
            ] as [String: Any]
        }
        return out
    }

    func changeRow(queue name: String, id text: String, action: QueueRowAction) async throws(APIRequestError) -> Response {
        guard let queue = EWPStore.NotificationQueue(rawValue: name) else { throw APIRequestError(status: .notFound, "Unknown queue \(name); use outbox or inbound.") }
        guard let id = Int64(text) else { throw APIRequestError(status: .notFound, "Row ids are numbers (got \(text)).") }
        guard let row = try await storeCall({ try await operations.changeRow(queue, id: id, action) }) else {
            throw APIRequestError(status: action == .drop ? .conflict : .notFound, action == .drop ? "Row \(id) does not exist or was already delivered." : "Row \(id) does not exist.")
        }
        return AdminResponse.json(.ok, QueueRowFormat.json(row))
    }

    /// `POST /admin/sync`, as `ewp-node sync`: index-sync, then the pulls it queued (at most a minute).
    func syncNow(_ query: AdminQuery) async throws(APIRequestError) -> Response {
        guard let partner = query.heiID("partner"), !partner.value.isEmpty else { throw APIRequestError(status: .badRequest, "Name the partner: ?partner=<hei-id>.") }
        let sources = try query.sources()
        let locals = try query.localHEIs(operations)
        let outcome = try await storeCall { try await operations.syncNow(partner, localHEIs: locals, sources: sources) }
        return AdminResponse.json(.ok, ["reports": outcome.reports.map(SyncReportFormat.json), "pending_pulls": outcome.pendingPulls])
    }

    func storeCall<T>(_ body: () async throws -> T) async throws(APIRequestError) -> T {
        do { return try await body() } catch { throw APIRequestError(status: .serviceUnavailable, "The database did not answer: \(error)") }
    }
}
