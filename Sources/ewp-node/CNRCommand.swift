import ArgumentParser
import EWPNode
import EWPStore
import Foundation

/// `ewp-node cnr list|retry|drop`: the operator's view of the notification queues (the same
/// database `serve` uses; safe while it runs).
struct CNRCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cnr", abstract: "List, retry or drop queued change notifications.",
                                                    subcommands: [List.self, Retry.self, Drop.self])

    struct QueueOption: ParsableArguments {
        @Option(help: "outbox (CNRs we send) or inbound (pulls after partners' CNRs and index-sync).")
        var queue: String = "outbox"

        func value() throws -> EWPStore.NotificationQueue {
            guard let queue = EWPStore.NotificationQueue(rawValue: queue) else { throw ValidationError("--queue must be outbox or inbound") }
            return queue
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List rows, newest first.")
        @OptionGroup var queue: QueueOption
        @Option(help: "Only this state: pending, retrying, delivered, rejected, unsupported, dead, dropped.") var state: String?
        @Option(help: "Only this partner HEI.") var partner: String?
        @Option(help: "Only this API (iia-cnr, iia-approval-cnr, omobility-la-cnr, imobility-tor-cnr).") var api: String?
        @Option(help: "At most this many rows.") var limit: Int = 100
        @Flag(help: "One JSON object per line instead of text.") var json = false

        func run() async throws {
            let store = try openStore()
            var filter = QueueFilter()
            if let state {
                guard let value = state == "retrying" ? QueueState.pending : QueueState(rawValue: state) else {
                    throw ValidationError("unknown --state \(state)")
                }
                filter.states = [value]
            }
            filter.partnerHEI = partner
            filter.api = api
            filter.limit = limit
            let rows = try await store.queueRows(try queue.value(), filter: filter).filter { state != "retrying" || $0.attempts > 0 }
            if json {
                for row in rows {
                    let data = try JSONSerialization.data(withJSONObject: QueueRowFormat.json(row), options: [.sortedKeys])
                    print(String(decoding: data, as: UTF8.self))
                }
            } else {
                print(QueueRowFormat.header)
                rows.forEach { print(QueueRowFormat.line($0)) }
            }
        }
    }

    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Send (or pull) a row again now, with a fresh lifetime.")
        @OptionGroup var queue: QueueOption
        @Argument(help: "Row id (from cnr list).") var id: Int64

        func run() async throws {
            let configuration = try loadConfiguration()
            let store = try openStore(configuration)
            let now = Date()
            let lifetime = Double(configuration.cnrLifetime.components.seconds)
            guard try await store.retryRow(try queue.value(), id: id, now: now, expiresAt: now.addingTimeInterval(lifetime)) else {
                print("no row \(id) in the \(queue.queue)")
                throw ExitCode(1)
            }
            try await show(store, queue.value(), id)
        }
    }

    struct Drop: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Give up on a row that is not delivered yet.")
        @OptionGroup var queue: QueueOption
        @Argument(help: "Row id (from cnr list).") var id: Int64

        func run() async throws {
            let store = try openStore()
            guard try await store.dropRow(try queue.value(), id: id, now: Date()) else {
                print("no undelivered row \(id) in the \(queue.queue)")
                throw ExitCode(1)
            }
            try await show(store, queue.value(), id)
        }
    }
}

private func show(_ store: any Store, _ queue: EWPStore.NotificationQueue, _ id: Int64) async throws {
    if let row = try await store.queueRow(queue, id: id) {
        print(QueueRowFormat.header)
        print(QueueRowFormat.line(row))
    }
}

func openStore(_ configuration: NodeConfiguration? = nil) throws -> any Store {
    let configuration = try configuration ?? loadConfiguration()
    do {
        return try StoreOpener.open(configuration.database)
    } catch {
        throw ValidationError("database: \(error)")
    }
}
