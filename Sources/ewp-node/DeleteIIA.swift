import ArgumentParser
import EWPCore
import EWPOperations
import Foundation

/// `ewp-node import --delete-iia`: `IIAImporter` does the work.
extension ImportCommand {
    /// `--delete-iia ID [--hei HEI]`.
    func deleteIIA(_ id: IIAID) async throws {
        let operations = try await makeLocalOperations()
        guard let owner = hei ?? (operations.coveredHEIs.count == 1 ? operations.coveredHEIs.first : nil) else {
            throw ValidationError("--hei is needed: this node covers \(operations.coveredList)")
        }
        let importer: IIAImporter
        do { importer = try operations.iiaImporter() } catch { throw ValidationError("cannot import IIAs: \(error)") }
        do {
            print(try await importer.delete(iiaID: id, heiID: owner, now: operations.now()))
        } catch {
            print("not deleted: \(error)")
            throw ExitCode(1)
        }
    }
}
