import ArgumentParser
import EWPNode
import Foundation

/// The IIA part of `ewp-node import` (issue 4, item 2): `IIAImporter` does the work.
extension ImportCommand {
    /// Imports one iias-get-response; false when it was refused (nothing stored).
    func importIIAs(_ file: String, _ document: [UInt8], importer: inout IIAImporter?) async throws -> Bool {
        if importer == nil { importer = try iiaImporter(try loadConfiguration()) }
        let report = await importer!.importDocument(document, now: Date())
        print("\(file): " + report.lines.joined(separator: "\n"))
        return !report.rejected
    }

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
