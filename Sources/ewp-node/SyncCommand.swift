import ArgumentParser
import EWPCore
import EWPNode
import EWPNotifications
import EWPOperations
import Foundation

/// `ewp-node sync --partner HEI_ID`: index-sync one partner now (every covered HEI, every API with
/// an index), then work the queued pulls until they are done or a minute has passed
/// (`NodeOperations.syncNow`, as `POST /admin/sync`).
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sync", abstract: "Pull a partner's changes now (index-sync).")

    @Option(help: "The partner's HEI id.") var partner: HEIID
    @Option(help: "Only this API.") var api: PullSource?
    @Option(help: "Only for this covered HEI.") var hei: HEIID?

    func run() async throws {
        let operations = try await makeCommandOperations()
        let sources = api.map { [$0] } ?? PullSource.indexed
        let locals = try coveredHEIs(hei, in: operations)
        let outcome = try await operations.syncNow(partner, localHEIs: locals, sources: sources)
        outcome.reports.forEach { print(SyncReportFormat.line($0)) }
        let remaining = outcome.pendingPulls
        print(remaining == 0 ? "all pulls done" : "\(remaining) pulls still pending (a running node will finish them): ewp-node cnr list --queue inbound --partner \(partner)")
        if outcome.reports.contains(where: { $0.error != nil }) { throw ExitCode(1) }
    }
}
