import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// `ewp-node serve`: the HTTP server and the catalogue refresher under one service group;
/// SIGTERM (or SIGINT) drains in-flight requests and returns normally, so the process exits 0.
public enum NodeServer {
    public static func run(_ runtime: NodeRuntime) async throws {
        signal(SIGPIPE, SIG_IGN)
        let configuration = runtime.configuration
        let app = Application(
            responder: NodeResponder(node: runtime),
            configuration: .init(address: .hostname(configuration.listenHost, port: configuration.listenPort), serverName: nil),
            logger: runtime.logger)
        let group = ServiceGroup(configuration: .init(
            services: [
                .init(service: app),
                .init(service: RegistryRefreshService(registry: runtime.registry)),
            ] + NotificationService.all(runtime.notifications).map { .init(service: $0) },
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: runtime.logger))
        runtime.logger.info("ewp-node serving", metadata: [
            "listen": .string("\(configuration.listenHost):\(configuration.listenPort)"),
            "manifests": .array(runtime.hosts.map { .string($0.manifestURL) }),
        ])
        try await group.run()
        runtime.logger.info("ewp-node stopped")
    }
}
