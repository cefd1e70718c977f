import ArgumentParser
import EWPNode

struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "keys", abstract: "Manage the covered HEIs' RSA key pairs.",
                                                    subcommands: [Generate.self])

    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create, for every covered HEI, its client and server RSA-2048 key pairs if absent.")

        @Option(help: "Folder of the key pairs (default: EWP_KEYS_DIR, else Certificates/).")
        var dir: String?

        func run() throws {
            let configuration = try loadConfiguration()
            let directory = dir ?? configuration.keysDirectory
            for heiID in configuration.heiIDs.map(\.value) {
                let written = try HostKeys.generateMissing(heiID: heiID, keysDirectory: directory)
                print(written.isEmpty ? "\(heiID): key pairs present in \(HostKeys.directory(for: heiID, in: directory))"
                                      : "\(heiID): wrote \(written.joined(separator: ", "))")
            }
        }
    }
}
