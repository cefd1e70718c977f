import ArgumentParser
import EWPCore
import EWPNode
import Foundation

struct ManifestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "manifest",
        abstract: "Print a covered HEI's Discovery v6 manifest exactly as served.")

    @Option(help: "The HEI whose manifest to print; may be left out when the node covers one HEI.")
    var hei: HEIID?

    func run() throws {
        let configuration = try loadConfiguration()
        guard let requested = hei ?? (configuration.heiIDs.count == 1 ? configuration.heiIDs[0] : nil) else {
            throw ValidationError("this node covers \(configuration.heiIDs.listed): choose one with --hei")
        }
        guard let heiID = configuration.heiIDs.first(where: { $0 == requested }) else {
            throw ValidationError("\(requested) is not a covered HEI (covered: \(configuration.heiIDs.listed))")
        }
        let keys = try HostKeys.load(heiID: heiID.value, keysDirectory: configuration.keysDirectory)
        let host = CoveredHost(heiID: heiID, keys: keys, configuration: configuration)
        FileHandle.standardOutput.write(Data(host.manifestDocument))
    }
}
