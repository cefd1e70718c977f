import EWPNode
import Foundation

extension ImportCommand {
    /// `omobility-las-get-response`: our learning agreements (see `LAImporter`). Prints what was
    /// stored (with each LA's guideline warnings), or why nothing was; returns false when the file
    /// was refused. The importer (configuration, store, schema) is opened on first use.
    func importLearningAgreements(_ file: String, _ document: [UInt8], importer: inout LAImporter?) async -> Bool {
        do {
            if importer == nil {
                let configuration = try loadConfiguration()
                importer = try LAImporter(configuration: configuration, store: try openStore(configuration))
            }
        } catch {
            print("\(file): cannot import learning agreements: \(error)")
            return false
        }
        let report = await importer!.importDocument(document, now: Date())
        for line in report.lines { print("\(file): \(line)") }
        return !report.rejected
    }
}
