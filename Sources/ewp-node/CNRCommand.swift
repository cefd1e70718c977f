import ArgumentParser
import EWPCore
import EWPNode
import EWPNotifications
import EWPOperations
import EWPStore
import Foundation

/// `ewp-node cnr list|retry|drop`: the operator's view of the notification queues (the same
/// database `serve` uses; safe while it runs).
struct CNRCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cnr", abstract: "List, retry or drop queued change notifications.",
                                                    subcommands: [List.self, Retry.self, Drop.self])

    struct QueueOption: ParsableArguments {
        @Option(help: "outbox (CNRs we send) or inbound (pulls after partners' CNRs and index-sync).")
        var queue: EWPStore.NotificationQueue = .outbox
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List rows, newest first.")
        @OptionGroup var queue: QueueOption
        @Option(help: "Only this state (retrying: pending, failed before).") var state: QueueStateName?
        @Option(help: "Only this partner HEI.") var partner: HEIID?
        @Option(help: "Only this API.") var api: NotificationAPI?
        @Option(help: "At most this many rows.") var limit: Int = 100
        @Flag(help: "One JSON object per line instead of text.") var json = false

        func run() async throws {
            let rows = try await makeLocalOperations().queueRows(queue.queue, states: state.map { [$0] } ?? [], partner: partner, api: api, limit: limit)
            if json {
                for row in rows {
                    print(JSONText.encode(QueueRowFormat.json(row)))
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
            guard let row = try await makeLocalOperations().changeRow(queue.queue, id: id, .retry) else {
                print("no row \(id) in the \(queue.queue)")
                throw ExitCode(1)
            }
            show(row)
        }
    }

    struct Drop: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Give up on a row that is not delivered yet.")
        @OptionGroup var queue: QueueOption
        @Argument(help: "Row id (from cnr list).") var id: Int64

        func run() async throws {
            guard let row = try await makeLocalOperations().changeRow(queue.queue, id: id, .drop) else {
                print("no undelivered row \(id) in the \(queue.queue)")
                throw ExitCode(1)
            }
            show(row)
        }
    }
}

private func show(_ row: QueueRow) {
    print(QueueRowFormat.header)
    print(QueueRowFormat.line(row))
}
