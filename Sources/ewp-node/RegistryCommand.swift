import ArgumentParser
import EWPHTTP
import EWPNode
import EWPRegistry
import EWPStore
import Foundation
import Logging

struct RegistryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "registry", abstract: "Inspect or refresh the registry catalogue.",
                                                    subcommands: [Show.self, Refresh.self])

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Summarise the catalogue the node holds (the persisted last good copy).")

        func run() async throws {
            let (configuration, registry) = try openRegistry()
            await registry.loadPersisted()
            guard let state = registry.snapshot() else {
                print("no catalogue yet: run `ewp-node registry refresh` (registry: \(configuration.registryURL))")
                throw ExitCode(1)
            }
            printSummary(state, configuration: configuration)
        }
    }

    struct Refresh: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Fetch the catalogue now and keep it as the last good copy.")

        func run() async throws {
            let (configuration, registry) = try openRegistry()
            await registry.loadPersisted()
            do {
                let outcome = try await registry.refresh()
                print("refresh from \(configuration.registryURL): \(outcome)")
            } catch {
                print("refresh from \(configuration.registryURL) failed: \(error)")
                throw ExitCode(1)
            }
            if let state = registry.snapshot() { printSummary(state, configuration: configuration) }
        }
    }
}

private func openRegistry() throws -> (NodeConfiguration, RegistryClient) {
    let configuration = try loadConfiguration()
    let schemas = try NodeAssembly.setUpXML()
    let store = try StoreOpener.open(configuration.database)
    var logger = Logger(label: "ewp-node")
    logger.logLevel = .warning
    let registry = try NodeAssembly.makeRegistryClient(configuration, store: store, schemas: schemas, http: CurlClient(), logger: logger)
    return (configuration, registry)
}

private func printSummary(_ state: CatalogueState, configuration: NodeConfiguration) {
    let hosts = (try? NodeAssembly.loadHosts(configuration)) ?? []
    RegistrySummary(state, registryURL: configuration.registryURL, hosts: hosts).lines().forEach { print($0) }
}
