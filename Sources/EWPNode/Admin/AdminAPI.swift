import EWPNotifications
import EWPStore
import Foundation
import HTTPTypes
import Hummingbird

/// `/admin/...` for the institution's own systems and operators, JSON in and out, only with
/// `Authorization: Bearer $EWP_ADMIN_TOKEN` (404 when no token is configured: the API is off).
///
/// - `GET  /admin/cnr?queue=outbox|inbound&state=S&partner=HEI&api=A&limit=N` rows, newest first
/// - `GET  /admin/cnr/summary` counts per queue, API, partner and state, oldest pending age
/// - `POST /admin/cnr/<queue>/<id>/retry` and `/drop`
/// - `POST /admin/sync?partner=HEI[&api=iias|omobility-las|imobility-tors][&hei=OUR_HEI]` index-sync now
/// - `POST /admin/import[?sending_hei=HEI]` an EWP document as the body, as `ewp-node import` takes it
/// - `POST /admin/iias/approve?partner=HEI&iia_id=PARTNER_IIA_ID[&hei=OUR_HEI]` approve a partner's copy
/// - `GET  /admin/iias[?hei=OUR_HEI][&partner=HEI]` our IIAs, approval state on both sides, what waits for us
/// - `GET  /admin/iias/explain?iia_id=OUR_IIA_ID[&hei=OUR_HEI]` both texts-to-hash and where they differ
/// - `GET  /admin/iias/partner-copy?partner=HEI&iia_id=PARTNER_IIA_ID[&hei=OUR_HEI]` the partner's copy as pulled
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
        let segments = request.uri.path.split(separator: "/").map(String.init).dropFirst()   // after "admin"
        let query = AdminQuery(request.uri.query)
        do throws(AdminError) {
            switch (request.method, Array(segments)) {
            case (.get, ["cnr"]):
                return try await listRows(query)
            case (.get, ["cnr", "summary"]):
                return AdminResponse.json(200, await summaryJSON())
            case (.post, let path) where path.count == 4 && path[0] == "cnr" && (path[3] == "retry" || path[3] == "drop"):
                return try await changeRow(queue: path[1], id: path[2], action: path[3])
            case (.post, ["sync"]):
                return try await syncNow(query)
            case (.post, ["import"]):
                return try await adminImport(request, query)
            case (.post, ["iias", "approve"]):
                return try await approve(query)
            case (.post, let path) where path.count == 2 && path[0] == "las" && ["approve", "comment"].contains(path[1]): return try await updatePartnerLA(path[1], query)
            case (.get, ["iias"]):
                let heis = try query.localHEIs(covered: hosts.map(\.heiID))
                let rows = try await storeCall { try await IIAOverview(store: store).rows(heiIDs: heis, partnerHEI: query.value("partner")) }
                return AdminResponse.json(200, ["iias": rows.map(\.json)])
            case (.get, ["iias", "partner-copy"]):
                guard let partner = query.value("partner"), let iiaID = query.value("iia_id") else {
                    throw AdminError(400, "Name the partner's IIA: ?partner=<hei-id>&iia_id=<the partner's iia-id>.")
                }
                let heis = try query.localHEIs(covered: hosts.map(\.heiID))
                guard heis.count == 1, let hei = heis.first else { throw AdminError(400, "This node covers several HEIs: add &hei=<our hei-id>.") }
                guard let copy = try await storeCall({ try await IIAOverview(store: store).partnerCopy(heiID: hei, partnerHEI: partner, partnerIIAID: iiaID) }) else {
                    throw AdminError(404, "We hold no copy of \(partner)'s IIA \(iiaID); POST /admin/sync?partner=\(partner) pulls it.")
                }
                return AdminResponse.json(200, ["partner": partner, "iia_id": iiaID, "our_hash": copy.hash as Any? ?? NSNull(),
                                                "seen_at": QueueRowFormat.timestamp(copy.seenAt), "deleted": copy.document == nil,
                                                "document": copy.document.map { String(decoding: $0, as: UTF8.self) } as Any? ?? NSNull()])
            case (.get, ["iias", "explain"]):
                guard let iiaID = query.value("iia_id") else { throw AdminError(400, "Name our IIA: ?iia_id=<our iia-id>.") }
                let heis = try query.localHEIs(covered: hosts.map(\.heiID))
                guard heis.count == 1, let hei = heis.first else { throw AdminError(400, "This node covers several HEIs: add &hei=<our hei-id>.") }
                let text = try await storeCall { try await IIAOverview(store: store).explain(heiID: hei, iiaID: iiaID) }
                return AdminResponse.json(200, ["explanation": text])
            case (.get, ["las"]), (.get, ["las", "show"]): return try await adminLAView(Array(segments), query)
            case (.get, ["tors"]), (.get, ["tors", "show"]): return try await adminToRView(Array(segments), query)
            case (_, let path) where ["cnr", "sync", "iias", "import"].contains(path.first ?? ""):
                return AdminResponse.error(405, "Method \(request.method.rawValue) is not allowed on \(request.uri.path).")
            default:
                return AdminResponse.error(404, "No admin endpoint at \(request.uri.path); see README.md, \"Admin API\".")
            }
        } catch {
            return AdminResponse.error(error.status, error.message)
        }
    }

    private func listRows(_ query: AdminQuery) async throws(AdminError) -> Response {
        let queue = try query.queue()
        var filter = QueueFilter()
        if let states = query.value("state") {
            filter.states = try states.split(separator: ",").map { name throws(AdminError) in
                if name == "retrying" { return QueueState.pending }
                guard let state = QueueState(rawValue: String(name)) else {
                    throw AdminError(400, "Unknown state \(name); use \(QueueState.allCases.map(\.rawValue).joined(separator: ", ")) or retrying.")
                }
                return state
            }
        }
        filter.api = query.value("api")
        filter.partnerHEI = query.value("partner")
        if let limit = query.value("limit") {
            guard let n = Int(limit), (1...10_000).contains(n) else { throw AdminError(400, "limit must be a whole number from 1 to 10000.") }
            filter.limit = n
        }
        let rows = try await storeCall { try await store.queueRows(queue, filter: filter) }
        let retryingOnly = query.value("state") == "retrying"
        return AdminResponse.json(200, ["rows": rows.filter { !retryingOnly || $0.attempts > 0 }.map(QueueRowFormat.json)])
    }

    func summaryJSON() async -> [String: Any] {
        var out = [String: Any]()
        for (queue, summary) in await queueSummaries() {
            out[queue.rawValue] = [
                "counts": summary.counts.map { ["api": $0.api, "partner": $0.partnerHEI, "state": $0.state == .pending && $0.retrying ? "retrying" : $0.state.rawValue, "count": $0.count] },
                "oldest_pending_created_at": summary.oldestPendingCreatedAt.map(QueueRowFormat.timestamp) ?? NSNull(),
            ] as [String: Any]
        }
        return out
    }

    private func changeRow(queue name: String, id text: String, action: String) async throws(AdminError) -> Response {
        guard let queue = EWPStore.NotificationQueue(rawValue: name) else { throw AdminError(404, "Unknown queue \(name); use outbox or inbound.") }
        guard let id = Int64(text) else { throw AdminError(404, "Row ids are numbers (got \(text)).") }
        let at = now()
        let changed = try await storeCall {
            action == "retry"
                ? try await store.retryRow(queue, id: id, now: at, expiresAt: at.addingTimeInterval(notifications.settings.lifetime))
                : try await store.dropRow(queue, id: id, now: at)
        }
        guard changed else {
            throw AdminError(action == "drop" ? 409 : 404, action == "drop" ? "Row \(id) does not exist or was already delivered." : "Row \(id) does not exist.")
        }
        guard let row = try await storeCall({ try await store.queueRow(queue, id: id) }) else { throw AdminError(404, "Row \(id) does not exist.") }
        return AdminResponse.json(200, QueueRowFormat.json(row))
    }

    private func syncNow(_ query: AdminQuery) async throws(AdminError) -> Response {
        guard let partner = query.value("partner"), !partner.isEmpty else { throw AdminError(400, "Name the partner: ?partner=<hei-id>.") }
        let sources = try query.sources()
        let locals = try query.localHEIs(covered: hosts.map(\.heiID))
        let reports = await notifications.indexSync.syncPartner(partner, localHEIs: locals, sources: sources)
        return AdminResponse.json(200, ["reports": reports.map(SyncReportFormat.json)])
    }

    private func approve(_ query: AdminQuery) async throws(AdminError) -> Response {
        guard let partner = query.value("partner"), !partner.isEmpty, let iiaID = query.value("iia_id"), !iiaID.isEmpty else {
            throw AdminError(400, "Name the partner's IIA: ?partner=<hei-id>&iia_id=<the partner's iia-id>.")
        }
        let locals = try query.localHEIs(covered: hosts.map(\.heiID))
        guard locals.count == 1, let local = locals.first else { throw AdminError(400, "This node covers several HEIs: add &hei=<our hei-id>.") }
        do {
            let approved = try await approveIIA(localHEI: local, partnerHEI: partner, partnerIIAID: iiaID)
            return AdminResponse.json(200, ["approved": true, "partner": partner, "partner_iia_id": approved.partnerIIAID,
                                            "our_iia_id": approved.ourIIAID, "iia_hash": approved.hash])
        } catch {
            throw AdminError(409, "Not approved: \(error)")
        }
    }

    private func storeCall<T>(_ body: () async throws -> T) async throws(AdminError) -> T {
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
