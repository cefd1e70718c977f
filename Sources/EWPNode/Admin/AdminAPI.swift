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
            return AdminResponse.error(404, "The admin API is off: set EWP_ADMIN_TOKEN to turn it on.")
        }
        guard presentsAdminToken(request) else {
            return AdminResponse.error(401, "Send Authorization: Bearer <EWP_ADMIN_TOKEN>.", headers: [.wwwAuthenticate: "Bearer realm=\"ewp-node admin\""])
        }
        let segments = request.uri.path.split(separator: "/").map(String.init)
        let matching = AdminRoutes.all.compactMap { route in route.parameters(matching: segments).map { (route, $0) } }
        guard let (route, parameters) = matching.first(where: { $0.0.method == request.method }) else {
            guard matching.isEmpty else {
                let allowed = matching.map(\.0.method.rawValue).joined(separator: ", ")
                return AdminResponse.error(405, "Method \(request.method.rawValue) is not allowed on \(request.uri.path); use \(allowed).", headers: [.allow: allowed])
            }
            return AdminResponse.error(404, "No admin endpoint at \(request.uri.path); see README.md, \"Admin API\", and Docs/admin-openapi.json.")
        }
        do throws(AdminError) {
            return try await route.handle(self, AdminCall(request: request, query: AdminQuery(request.uri.query), parameters: parameters))
        } catch {
            return AdminResponse.error(error.status, error.message)
        }
    }

    func listRows(_ query: AdminQuery) async throws(AdminError) -> Response {
        let queue = try query.queue()
        var states = [QueueStateName]()
        if let names = query.value("state") {
            states = try names.split(separator: ",").map { name throws(AdminError) in
                guard let state = QueueStateName(rawValue: String(name)) else {
                    throw AdminError(400, "Unknown state \(name); use \(QueueState.allCases.map(\.rawValue).joined(separator: ", ")) or retrying.")
                }
                return state
            }
        }
        var limit: Int?
        if let text = query.value("limit") {
            guard let n = Int(text), (1...10_000).contains(n) else { throw AdminError(400, "limit must be a whole number from 1 to 10000.") }
            limit = n
        }
        let api = try query.notificationAPI()
        let rows = try await storeCall {
            try await operations.queueRows(queue, states: states, partner: query.value("partner"), api: api, limit: limit)
        }
        return AdminResponse.json(200, ["rows": rows.map(QueueRowFormat.json)])
    }

    func summaryJSON() async -> [String: Any] {
        var out = [String: Any]()
        for (queue, summary) in await queueSummaries() {
            out[queue.rawValue] = [
                "counts": summary.counts.map { ["api": $0.api, "partner": $0.partnerHEI, "state": QueueStateName.name($0.state, retrying: $0.retrying), "count": $0.count] },
                "oldest_pending_created_at": summary.oldestPendingCreatedAt.map(QueueRowFormat.timestamp) ?? NSNull(),
            ] as [String: Any]
        }
        return out
    }

    func changeRow(queue name: String, id text: String, action: QueueRowAction) async throws(AdminError) -> Response {
        guard let queue = EWPStore.NotificationQueue(rawValue: name) else { throw AdminError(404, "Unknown queue \(name); use outbox or inbound.") }
        guard let id = Int64(text) else { throw AdminError(404, "Row ids are numbers (got \(text)).") }
        guard let row = try await storeCall({ try await operations.changeRow(queue, id: id, action) }) else {
            throw AdminError(action == .drop ? 409 : 404, action == .drop ? "Row \(id) does not exist or was already delivered." : "Row \(id) does not exist.")
        }
        return AdminResponse.json(200, QueueRowFormat.json(row))
    }

    func syncNow(_ query: AdminQuery) async throws(AdminError) -> Response {
        guard let partner = query.value("partner"), !partner.isEmpty else { throw AdminError(400, "Name the partner: ?partner=<hei-id>.") }
        let sources = try query.sources()
        let locals = try query.localHEIs(operations)
        let reports = await operations.syncPartner(partner, localHEIs: locals, sources: sources)
        return AdminResponse.json(200, ["reports": reports.map(SyncReportFormat.json)])
    }

    func storeCall<T>(_ body: () async throws -> T) async throws(AdminError) -> T {
        do { return try await body() } catch { throw AdminError(503, "The database did not answer: \(error)") }
    }
}

struct AdminError: Error {
    let status: Int
    let message: String
    init(_ status: Int, _ message: String) {
        self.status = status
        self.message = message
    }
}
