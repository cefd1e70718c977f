import ArgumentParser
import EWPOperations
import Foundation

struct RegistryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "registry", abstract: "Inspect or refresh the registry catalogue.",
                                                    subcommands: [Show.self, Refresh.self])

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Summarise the catalogue the node holds (the persisted last good copy).")

        func run() async throws {
            let operations = try await makeLocalOperations()
            guard let summary = operations.registrySummary() else {
                print("no catalogue yet: run `ewp-node registry refresh` (registry: \(operations.registryURL))")
                throw ExitCode(1)
            }
            summary.lines(now: operations.now()).forEach { print($0) }
        }
    }

    struct Refresh: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Fetch the catalogue now and keep it as the last good copy.")

        func run() async throws {
            let operations = try await makeLocalOperations()
            do {
                let outcome = try await operations.refreshRegistry()
                print("refresh from \(operations.registryURL): \(outcome)")
            } catch {
                print("refresh from \(operations.registryURL) failed: \(error)")
                throw ExitCode(1)
            }
            operations.registrySummary()?.lines(now: operations.now()).forEach { print($0) }
        }
    }
}
