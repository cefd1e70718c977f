import ArgumentParser
import EWPNode
import Foundation

/// `ewp-node import --delete-iia`: `IIAImporter` does the work.
extension ImportCommand {
    /// `--delete-iia ID [--hei HEI]`.
    func deleteIIA(_ id: String) async throws {
        let configuration = try loadConfiguration()
        guard let owner = hei ?? (configuration.heiIDs.count == 1 ? configuration.heiIDs.first : nil) else {
            throw ValidationError("--hei is needed: this node covers \(configuration.heiIDs.joined(separator: ", "))")
        }
        do {
            print(try await iiaImporter(configuration).delete(iiaID: id, heiID: owner, now: Date()))
        } catch let error as IIAImportError {
            print("not deleted: \(error)")
            throw ExitCode(1)
        }
    }

    private func iiaImporter(_ configuration: NodeConfiguration) throws -> IIAImporter {
        do {
            return try IIAImporter(configuration: configuration, store: openStore(configuration))
        } catch let error as ValidationError {
            throw error
        } catch {
            throw ValidationError("cannot import IIAs: \(error)")
        }
    }
}
