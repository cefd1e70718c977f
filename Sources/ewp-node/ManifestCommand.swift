import ArgumentParser
import EWPCore
import EWPNode
import Foundation

struct ManifestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "manifest",
        abstract: "Print a covered HEI's Discovery v6 manifest exactly as served.")

    @Option(help: "The HEI whose manifest to print; may be left out when the node covers one HEI.")
    var hei: String?

    func run() throws {
        let configuration = try loadConfiguration()
        guard let heiID = hei ?? (configuration.heiIDs.count == 1 ? configuration.heiIDs[0] : nil) else {
            throw ValidationError("this node covers \(configuration.heiIDs.joined(separator: ", ")): choose one with --hei")
        }
        guard configuration.heiIDs.contains(heiID) else {
            throw ValidationError("\(heiID) is not a covered HEI (covered: \(configuration.heiIDs.joined(separator: ", ")))")
        }
        let keys = try HostKeys.load(heiID: heiID, keysDirectory: configuration.keysDirectory)
        let host = CoveredHost(heiID: HEIID(heiID), keys: keys, configuration: configuration)
        FileHandle.standardOutput.write(Data(host.manifestDocument))
    }
}
