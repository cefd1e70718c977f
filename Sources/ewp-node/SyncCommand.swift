import ArgumentParser
import EWPNode
import EWPNotifications
import EWPOperations
import Foundation

/// `ewp-node sync --partner HEI_ID`: index-sync one partner now (every covered HEI, every API with
/// an index), then work the queued pulls until they are done or a minute has passed.
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sync", abstract: "Pull a partner's changes now (index-sync).")

    @Option(help: "The partner's HEI id.") var partner: String
    @Option(help: "Only this API.") var api: PullSource?
    @Option(help: "Only for this covered HEI.") var hei: String?

    func run() async throws {
        let operations = try await makeCommandOperations()
        let sources = api.map { [$0] } ?? PullSource.indexed
        let locals = try coveredHEIs(hei, in: operations)
        let reports = await operations.syncPartner(partner, localHEIs: locals, sources: sources)
        reports.forEach { print(SyncReportFormat.line($0)) }

        let remaining = try await operations.workQueue(.inbound, partner: partner, deadline: operations.now().addingTimeInterval(60))
        print(remaining == 0 ? "all pulls done" : "\(remaining) pulls still pending (a running node will finish them): ewp-node cnr list --queue inbound --partner \(partner)")
        if reports.contains(where: { $0.error != nil }) { throw ExitCode(1) }
    }
}
