import ArgumentParser
import EWPNode

@main
struct EWPNodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ewp-node", abstract: "An Erasmus Without Paper network node.")
}
