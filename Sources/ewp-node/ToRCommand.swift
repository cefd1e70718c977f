import ArgumentParser
import EWPCore
import EWPNode
import EWPOperations
import Foundation

/// `ewp-node tor list|show`: transcripts of records received from partners (as pulled) and issued by
/// our covered HEIs.
struct ToRCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tor", abstract: "Transcripts of records (IMobility ToRs).",
                                                    subcommands: [List.self, Show.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Transcripts received from partners and issued by us.")
        @Option(help: "Only this covered HEI.") var hei: HEIID?
        @Option(help: "Only transcripts exchanged with this partner HEI.") var partner: HEIID?
        @Flag(help: "One JSON object per line.") var json = false

        func run() async throws {
            let operations = try await makeCommandOperations(needsCatalogue: false)
            let heis = try coveredHEIs(hei, in: operations)
            for row in try await operations.torOverview.rows(heiIDs: heis, partnerHEI: partner) {
                print(json ? JSONText.encode(row.json) : row.line)
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The transcript of a mobility exchanged with a partner, with its ELMO document.")
        @Option(help: "The other HEI: the one that issued it, or the one we issued it for.") var partner: HEIID
        @Option(name: .customLong("omobility-id"), help: "The mobility's omobility-id.") var omobilityID: OMobilityID
        @Option(help: "Our covered HEI (default: every covered HEI).") var hei: HEIID?
        @Flag(help: "One JSON object, documents included.") var json = false

        func run() async throws {
            let operations = try await makeCommandOperations(needsCatalogue: false)
            let heis = try coveredHEIs(hei, in: operations)
            let rows = try await operations.torOverview.show(heiIDs: heis, partnerHEI: partner, omobilityID: omobilityID)
            guard !rows.isEmpty else {
                print("no transcript of records \(omobilityID) exchanged with \(partner) is held; a partner's is pulled after its CNR "
                      + "or by `ewp-node sync --partner \(partner) --api imobility-tors`")
                throw ExitCode(1)
            }
            if json {
                print(JSONText.encode(["partner": partner, "omobility_id": omobilityID, "tors": rows.map(\.detailJSON)]))
                return
            }
            for row in rows {
                print(row.line)
                print(row.document.map { String(decoding: $0, as: UTF8.self) } ?? "(no document)")
            }
        }
    }
}
