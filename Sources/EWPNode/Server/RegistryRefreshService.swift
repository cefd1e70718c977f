import EWPRegistry
import ServiceLifecycle

/// Keeps the catalogue fresh for as long as the node runs; stops on graceful shutdown.
struct RegistryRefreshService: Service {
    let registry: RegistryClient

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await registry.run()
        }
    }
}
