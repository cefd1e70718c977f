import ArgumentParser
import EWPNode
import Logging
import Metrics
import Prometheus

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the node; SIGTERM drains and exits 0.")

    func run() async throws {
        let configuration = try loadConfiguration()
        LoggingSystem.bootstrap { JSONLogHandler(label: $0) }
        let logger = Logger(label: "ewp-node")
        let metrics = NodeMetrics()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: metrics.registry))
        let runtime: NodeRuntime
        do {
            runtime = try await NodeAssembly.makeRuntime(configuration, logger: logger, metrics: metrics)
        } catch {
            throw CommandFailure("cannot start: \(error)")
        }
        try await NodeServer.run(runtime)
    }
}

func loadConfiguration() throws -> NodeConfiguration {
    do {
        return try NodeConfiguration.load()
    } catch {
        throw CommandFailure("configuration: \(error)")
    }
}
