import ArgumentParser

@main
struct EWPNodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ewp-node",
        abstract: "An Erasmus Without Paper network node.",
        discussion: "Configuration comes from EWP_* environment variables and the optional config file (see README.md).",
        subcommands: [ServeCommand.self, KeysCommand.self, ManifestCommand.self, ImportCommand.self, RegistryCommand.self,
                      CNRCommand.self, SyncCommand.self, LACommand.self, IIACommand.self, ToRCommand.self, NominationCommand.self, MobilityCommand.self, DBCommand.self, AccountCommand.self])
}
