import EWPNotifications
import ServiceLifecycle

/// The engine's three loops as services of the node's group: they stop on graceful shutdown. A row
/// in flight at that moment keeps its lease; once it ends, this or another process retries it.
struct NotificationService: Service {
    let name: String
    let loop: @Sendable () async -> Void

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await loop()
        }
    }

    static func all(_ engine: NotificationEngine) -> [NotificationService] {
        [
            NotificationService(name: "cnr-outbox") { await engine.dispatcher.run() },
            NotificationService(name: "cnr-inbound") { await engine.puller.run() },
            NotificationService(name: "index-sync") { await engine.indexSync.run() },
        ]
    }
}
