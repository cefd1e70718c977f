import ArgumentParser
import EWPHTTP
import EWPNode
import EWPNotifications
import EWPStore
import Foundation
import Logging

/// `ewp-node sync --partner HEI_ID`: index-sync one partner now (every covered HEI, every API with
/// an index), then work the queued pulls until they are done or a minute has passed.
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sync", abstract: "Pull a partner's changes now (index-sync).")

    @Option(help: "The partner's HEI id.") var partner: String
    @Option(help: "Only this API: iias, omobility-las or imobility-tors.") var api: String?
    @Option(help: "Only for this covered HEI.") var hei: String?

    func run() async throws {
        let runtime = try await makeCommandRuntime()
        var sources = PullSource.indexed
        if let api {
            guard let source = PullSource(rawValue: api), PullSource.indexed.contains(source) else {
                throw ValidationError("--api must be one of \(PullSource.indexed.map(\.rawValue).joined(separator: ", "))")
            }
            sources = [source]
        }
        let locals = hei == nil ? runtime.hosts.map(\.heiID) : [try coveredHEI(hei, in: runtime)]
        let reports = await runtime.notifications.indexSync.syncPartner(partner, localHEIs: locals, sources: sources)
        reports.forEach { print(SyncReportFormat.line($0)) }

        let remaining = try await drainPulls(runtime, deadline: Date().addingTimeInterval(60))
        print(remaining == 0 ? "all pulls done" : "\(remaining) pulls still pending (a running node will finish them): ewp-node cnr list --queue inbound --partner \(partner)")
        if reports.contains(where: { $0.error != nil }) { throw ExitCode(1) }
    }

    private func drainPulls(_ runtime: NodeRuntime, deadline: Date) async throws -> Int {
        var filter = QueueFilter()
        filter.states = [.pending]
        filter.partnerHEI = partner
        while true {
            try await runtime.notifications.puller.runOnce()
            let pending = try await runtime.store.queueRows(.inbound, filter: filter).filter { $0.attempts == 0 }
            if pending.isEmpty || Date() > deadline { return pending.count }
            try await Task.sleep(for: .milliseconds(300))
        }
    }
}
