import ArgumentParser
import EWPCore
import EWPNode
import EWPOperations
import Foundation

/// `ewp-node la list [--hei] [--partner] [--role sending|receiving] [--json]`: our learning agreements
/// (we are the sending HEI) and partners' (we are the receiving HEI), with the state per party and
/// the number of guideline findings; one line (or one JSON object) per LA.
struct LAListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Our learning agreements and partners', with the state per party and their guideline findings.")
    @Option(help: "Only this covered HEI.") var hei: HEIID?
    @Option(help: "Only LAs with this partner HEI.") var partner: HEIID?
    @Option(help: "sending (our LAs) or receiving (partners' LAs); default both.") var role: String?
    @Flag(help: "One JSON object per line.") var json = false

    func run() async throws {
        var parsedRole: LAOverview.Role?
        if let role {
            guard let value = LAOverview.Role(rawValue: role) else { throw ValidationError("--role must be sending or receiving (got \(role))") }
            parsedRole = value
        }
        let operations = try await makeCommandOperations(needsCatalogue: false)
        let heis = try coveredHEIs(hei, in: operations)
        for row in try await operations.laOverview.rows(heiIDs: heis, role: parsedRole, partnerHEI: partner) {
            print(json ? JSONText.encode(row.json) : row.line)
        }
    }
}

/// `ewp-node la show --omobility-id ID [--sending-hei HEI] [--hei] [--json]`: one learning agreement,
/// its history of versions (ours) or the copy as pulled (a partner's), and its guideline findings.
struct LAShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "One learning agreement: summary, history of versions and guideline findings.")
    @Option(name: .customLong("omobility-id"), help: "The mobility's omobility-id.") var omobilityID: OMobilityID
    @Option(name: .customLong("sending-hei"), help: "Its sending HEI (needed when several LAs carry the id).") var sendingHEI: HEIID?
    @Option(help: "Our covered HEI (default: every covered HEI).") var hei: HEIID?
    @Flag(help: "One JSON object, with every version's document.") var json = false

    func run() async throws {
        let operations = try await makeCommandOperations(needsCatalogue: false)
        let heis = try coveredHEIs(hei, in: operations)
        switch try await operations.laOverview.show(heiIDs: heis, omobilityID: omobilityID, sendingHEI: sendingHEI) {
        case .found(let detail):
            print(json ? JSONText.encode(detail.json) : detail.text)
        case .notFound:
            print("no learning agreement \(omobilityID)" + (sendingHEI.map { " of \($0)" } ?? "") + " is held; a partner's is pulled after its CNR "
                  + "or by `ewp-node sync --partner SENDING_HEI --api omobility-las`")
            throw ExitCode(1)
        case .ambiguous(let holders):
            print("several learning agreements have omobility-id \(omobilityID), sent by \(holders.joined(separator: ", ")): say which with --sending-hei (and --hei)")
            throw ExitCode(1)
        }
    }
}
