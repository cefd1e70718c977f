import ArgumentParser
import EWPCore
import EWPNode
import EWPOperations
import Foundation

/// `ewp-node mobility list [--hei] [--partner] [--status S] [--json]`: each mobility joined by
/// omobility-id (nomination, status on both sides, LA, transcripts, flags); one line (or one JSON
/// object) per mobility.
struct MobilityListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Mobilities: nomination, status on both sides, learning agreement, transcripts and flags.")
    @Option(help: "Only this covered HEI.") var hei: HEIID?
    @Option(help: "Only mobilities with this partner HEI.") var partner: HEIID?
    @Option(help: "Only mobilities with this status on either side (\(MobilityOverview.statusFilters.joined(separator: ", "))).") var status: String?
    @Flag(help: "One JSON object per line.") var json = false

    func validate() throws {
        if let status, !MobilityOverview.statusFilters.contains(status) {
            throw ValidationError("--status must be one of \(MobilityOverview.statusFilters.joined(separator: ", ")) (got \(status))")
        }
    }

    func run() async throws {
        let operations = try await makeCommandOperations(needsCatalogue: false)
        let heis = try coveredHEIs(hei, in: operations)
        for row in try await operations.mobilityOverview.rows(heiIDs: heis, partnerHEI: partner, status: status) {
            print(json ? JSONText.encode(row.json) : row.line)
        }
    }
}

/// `ewp-node mobility show --omobility-id ID [--hei] [--json]`: one mobility with its history of
/// status changes and its flags (one block, or one JSON object, per covered HEI and side holding it).
struct MobilityShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "One mobility: nomination, both statuses, learning agreement, transcripts, history and flags.")
    @Option(name: .customLong("omobility-id"), help: "The mobility's omobility-id.") var omobilityID: OMobilityID
    @Option(help: "Our covered HEI (default: every covered HEI).") var hei: HEIID?
    @Flag(help: "One JSON object per line.") var json = false

    func run() async throws {
        let operations = try await makeCommandOperations(needsCatalogue: false)
        let heis = try coveredHEIs(hei, in: operations)
        let rows = try await operations.mobilityOverview.show(heiIDs: heis, omobilityID: omobilityID)
        guard !rows.isEmpty else {
            print("no mobility \(omobilityID) is held: no nomination, learning agreement or transcript of records carries it")
            throw ExitCode(1)
        }
        print(rows.map { json ? JSONText.encode($0.json) : $0.text }.joined(separator: json ? "\n" : "\n\n"))
    }
}
