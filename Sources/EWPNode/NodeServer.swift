import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import ServiceLifecycle

/// `ewp-node serve`: the HTTP server and the catalogue refresher under one service group;
/// SIGTERM (or SIGINT) drains in-flight requests and returns normally, so the process exits 0.
public enum NodeServer {
    public static func run(_ runtime: NodeRuntime) async throws {
        signal(SIGPIPE, SIG_IGN)
        let configuration = runtime.configuration
        let limits = configuration.httpLimits
        let app = Application(
            responder: NodeResponder(node: runtime),
            server: .http1(configuration: .init(
                additionalChannelHandlers: [RequestBodyTimeoutHandler(timeout: limits.readTimeout)],
                idleTimeout: .nanoseconds(Int64(limits.idleTimeout.components.seconds) * 1_000_000_000))),
            configuration: .init(address: .hostname(configuration.listenHost, port: configuration.listenPort), serverName: nil,
                                 availableConnectionsDelegate: MaximumAvailableConnections(limits.maxConnections, logger: runtime.logger)),
            logger: runtime.logger)
        let group = ServiceGroup(configuration: .init(
            services: [
                .init(service: app),
                .init(service: RegistryRefreshService(registry: runtime.registry)),
            ] + NotificationService.all(runtime.notifications).map { .init(service: $0) },
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: runtime.logger))
        if let refusal = runtime.registry.urlRefusal {
            runtime.logger.error("the registry catalogue will not be fetched: \(refusal)", metadata: ["registry_url": .string(configuration.registryURL)])
        }
        runtime.logger.info("ewp-node serving", metadata: [
            "listen": .string("\(configuration.listenHost):\(configuration.listenPort)"),
            "http_idle_timeout_s": .stringConvertible(limits.idleTimeout.components.seconds),
            "http_read_timeout_s": .stringConvertible(limits.readTimeout.components.seconds),
            "http_max_connections": .stringConvertible(limits.maxConnections),
            "manifests": .array(runtime.hosts.map { .string($0.manifestURL) }),
        ])
        try await group.run()
        runtime.logger.info("ewp-node stopped")
    }
}
