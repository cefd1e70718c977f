import EWPNode
import EWPXML

extension ImportCommand {
    /// `institutions-response` / `factsheet-response`: see `InstitutionDataImporter`. Prints what
    /// was stored, or why nothing was; returns false when the file was refused. The importer
    /// (configuration, store, schemas) is opened on first use.
    func importInstitutionData(_ file: String, _ document: [UInt8], root: XElement,
                               importer: inout InstitutionDataImporter?) async -> Bool {
        do {
            if importer == nil { importer = try InstitutionDataImporter(configuration: try loadConfiguration()) }
            for line in try await importer!.importDocument(document, root: root) { print("\(file): \(line)") }
            return true
        } catch {
            print("\(file): \(error)")
            return false
        }
    }
}
