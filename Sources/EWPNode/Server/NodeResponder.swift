import EWPAPIs
import EWPSecurity
import EWPStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Top-level dispatch. A hand-written responder rather than Hummingbird's router because EWP
/// wants 405 (not 404) for other methods on its endpoints, no automatic HEAD, and every error as
/// an XML `error-response`.
public struct NodeResponder: HTTPResponder {
    public typealias Context = BasicRequestContext
    let node: NodeRuntime

    public init(node: NodeRuntime) {
        self.node = node
    }

    public func respond(to request: Request, context: Context) async throws -> Response {
        let started = ContinuousClock.now
        let response = await node.route(request)
        let elapsed = ContinuousClock.now - started
        var metadata: Logger.Metadata = [
            "method": .string(request.method.rawValue),
            "path": .string(request.uri.path),
            "status": .stringConvertible(Int(response.status.code)),
            "duration_ms": .stringConvertible(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15),
        ]
        if let requestId = request.headers.values("X-Request-Id").first { metadata["request_id"] = .string(CallerText.excerpt(requestId)) }
        node.logger.info("request", metadata: metadata)
        return response
    }
}

extension NodeRuntime {
    func route(_ request: Request) async -> Response {
        let path = request.uri.path
        switch path {
        case "/health/live":
            return getOnly(request) { XMLResponses.plain(status: 200, contentType: "application/json", body: Array(#"{"status":"live"}"#.utf8)) }
        case "/health/ready":
            guard request.method == .get else { return plainError(.methodNotAllowed(request.method.rawValue, allowed: ["GET"])) }
            let (ready, json) = await Readiness.evaluate(store: store, registry: registry, hosts: hosts, now: now(), detailed: presentsAdminToken(request))
            return XMLResponses.plain(status: ready ? 200 : 503, contentType: "application/json", body: json)
        case "/metrics":
            guard request.method == .get else { return plainError(.methodNotAllowed(request.method.rawValue, allowed: ["GET"])) }
            let queues = await queueSummaries()
            return XMLResponses.plain(status: 200, contentType: "text/plain; version=0.0.4; charset=utf-8",
                                      body: metrics.exposition(catalogue: registry.snapshot(), queues: queues, now: now(),
                                                               detailed: presentsAdminToken(request)))
        case "/manifest.xml":
            guard hosts.count == 1, let host = hosts.first else {
                return plainError(.notFound("This node covers several HEIs, each its own EWP host: fetch /hei/<hei-id>/manifest.xml (\(hosts.map(\.heiID).joined(separator: ", ")))."))
            }
            return manifest(request, host: host)
        default:
            if path == "/admin" || path.hasPrefix("/admin/") { return await routeAdmin(request) }
        }

        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        if segments.first == "hei", segments.count >= 3 {
            let heiID = String(segments[segments.startIndex + 1])
            let endpoint = segments.dropFirst(2).joined(separator: "/")
            guard let host = hostsByHEI[heiID] else {
                return plainError(.notFound("This node does not cover the HEI \"\(CallerText.excerpt(heiID))\"; it covers \(hosts.map(\.heiID).joined(separator: ", "))."))
            }
            switch endpoint {
            case "manifest.xml":
                return manifest(request, host: host)
            case "echo":
                return await serveEWP(request, host: host, api: "echo") { parameters, client, _ in
                    EchoAPI.response(requesterHEIs: client.heiIDs, parameters: parameters)
                }
            case "institutions":
                return await serveInstitutions(request, host: host)
            case "ounits":
                return await serveOUnits(request, host: host)
            case "factsheet":
                return await serveFactsheet(request, host: host)
            case _ where Self.omobilityLAsEndpoints.contains(endpoint):
                return await serveOMobilityLAs(request, host: host, endpoint: endpoint)
            case "iias-approval":
                return await serveEWP(request, host: host, api: "iias-approval") { parameters, client, host throws(NodeError) in
                    try await approvalsResponse(parameters, client: client, host: host)
                }
            case "iia-cnr":
                return await serveChangeNotification(request, host: host, api: IIACNRAPI.api, response: IIACNRAPI.response,
                                                     parse: IIACNRAPI.notification)
            case "iia-approval-cnr":
                return await serveChangeNotification(request, host: host, api: IIAApprovalCNRAPI.api, response: IIAApprovalCNRAPI.response,
                                                     parse: IIAApprovalCNRAPI.notification)
            case "omobility-la-cnr":
                return await serveChangeNotification(request, host: host, api: OMobilityLACNRAPI.api, response: OMobilityLACNRAPI.response,
                                                     parse: OMobilityLACNRAPI.notification)
            case "imobility-tor-cnr":
                return await serveChangeNotification(request, host: host, api: IMobilityToRCNRAPI.api, response: IMobilityToRCNRAPI.response,
                                                     parse: IMobilityToRCNRAPI.notification)
            case "imobility-tor-cnr-v2":
                return await serveChangeNotification(request, host: host, api: IMobilityToRCNRv2API.api, response: IMobilityToRCNRv2API.response,
                                                     parse: IMobilityToRCNRv2API.notification, label: "imobility-tor-cnr-v2")
            case "iias/get", "iias/index", "iias/stats":
                return await serveIIAs(request, host: host, endpoint: endpoint)
            default:
                if let route = ToRsRoutes.endpoint(endpoint) {
                    return await serveToRs(request, host: host, version: route.version, endpoint: route.name)
                }
            }
        }
        return plainError(.notFound("No EWP endpoint at \(path). The APIs of each covered HEI are listed in its manifest: \(hosts.map(\.manifestURL).joined(separator: ", "))."))
    }

    /// Both queues' summaries; a queue the store cannot summarise is left out (and logged).
    func queueSummaries() async -> [EWPStore.NotificationQueue: QueueSummary] {
        var summaries = [EWPStore.NotificationQueue: QueueSummary]()
        for queue in EWPStore.NotificationQueue.allCases {
            do {
                summaries[queue] = try await store.queueSummary(queue, now: now())
            } catch {
                logger.error("cannot summarise a notification queue", metadata: ["queue": .string(queue.rawValue), "error": .string("\(error)")])
            }
        }
        return summaries
    }

    private func manifest(_ request: Request, host: CoveredHost) -> Response {
        getOnly(request) { XMLResponses.plain(status: 200, contentType: XMLResponses.contentType, body: host.manifestDocument) }
    }

    private func getOnly(_ request: Request, _ respond: () -> Response) -> Response {
        request.method == .get ? respond() : plainError(.methodNotAllowed(request.method.rawValue, allowed: ["GET"]))
    }

    private func plainError(_ error: NodeError) -> Response {
        XMLResponses.error(error, context: ResponseContext(method: "", target: "", wantsSignature: false), now: now())
    }
}
