import EWPAPIs
import EWPSecurity
import EWPStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// Top-level dispatch. A hand-written responder rather than Hummingbird's router because EWP
/// wants 405 (not 404) for other methods on its endpoints, no automatic HEAD, and every error as
/// an XML `error-response`.
public struct NodeResponder: HTTPResponder {
    public typealias Context = NodeRequestContext
    let node: NodeRuntime

    public init(node: NodeRuntime) {
        self.node = node
    }

    public func respond(to request: Request, context: Context) async throws -> Response {
        let started = ContinuousClock.now
        let response = await node.route(request, peerAddress: context.peerAddress)
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

/// The request context of the node's server: Hummingbird's core context and the connection's peer
/// address (the console counts failed logins per address).
public struct NodeRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    private let channel: any Channel

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }

    /// Read only when asked: formatting the address costs a lock and a string on every request,
    /// and only the console's pages need it.
    public var peerAddress: String? { channel.remoteAddress?.ipAddress }
}

extension NodeRuntime {
    /// The node's answer to `request` (what the server sends; in-process tests call it directly).
    public func route(_ request: Request, peerAddress: @autoclosure () -> String? = nil) async -> Response {
        let path = request.uri.path
        switch path {
        case "/health/live":
            return getOnly(request) { XMLResponses.plain(status: .ok, contentType: "application/json", body: Array(#"{"status":"live"}"#.utf8)) }
        case "/health/ready":
            guard request.method == .get else { return plainError(.methodNotAllowed(request.method.rawValue, allowed: ["GET"])) }
            let (ready, json) = await Readiness.evaluate(store: store, registry: registry, hosts: hosts, now: now(), detailed: presentsAdminToken(request))
            return XMLResponses.plain(status: ready ? .ok : .serviceUnavailable, contentType: "application/json", body: json)
        case "/metrics":
            guard request.method == .get else { return plainError(.methodNotAllowed(request.method.rawValue, allowed: ["GET"])) }
            let queues = await operations.queueSummaries()
            return XMLResponses.plain(status: .ok, contentType: "text/plain; version=0.0.4; charset=utf-8",
                                      body: metrics.exposition(catalogue: registry.snapshot(), queues: queues,
                                                               pool: (store as? any PooledStore)?.poolStatistics, now: now(),
                                                               detailed: presentsAdminToken(request)))
        case "/manifest.xml":
            guard hosts.count == 1, let host = hosts.first else {
                return plainError(.severalHosts(heiIDs: hosts.map(\.heiID.description)))
            }
            return manifest(request, host: host)
        default:
            if path == "/admin" || path.hasPrefix("/admin/") { return await routeAdmin(request) }
            if path == "/console" || path.hasPrefix("/console/") { return await console.respond(to: request, peerAddress: peerAddress()) }
        }

        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        if segments.first == "hei", segments.count >= 3 {
            let heiID = String(segments[segments.startIndex + 1])
            let endpoint = segments.dropFirst(2).joined(separator: "/")
            guard let host = hostsByHEI[heiID] else {
                return plainError(.unknownHEI(heiID, covered: hosts.map(\.heiID.description)))
            }
            if endpoint == "manifest.xml" { return manifest(request, host: host) }
            if let (api, served) = ServedAPIList.byPath[endpoint] { return await serveEWP(request, host: host, endpoint: served, api: api) }
        }
        return plainError(.noEndpoint(path: path, manifestURLs: hosts.map(\.manifestURL)))
    }

    private func manifest(_ request: Request, host: CoveredHost) -> Response {
        getOnly(request) { XMLResponses.plain(status: .ok, contentType: XMLResponses.contentType, body: host.manifestDocument) }
    }

    private func getOnly(_ request: Request, _ respond: () -> Response) -> Response {
        request.method == .get ? respond() : plainError(.methodNotAllowed(request.method.rawValue, allowed: ["GET"]))
    }

    private func plainError(_ error: RouterError) -> Response {
        XMLResponses.error(error, context: ResponseContext(method: "", target: "", wantsSignature: false), now: now())
    }
}
