import EWPNode
import Foundation

/// The transcript-of-records part of `ewp-node import` (issue 5, item 2): `ToRImporter` does the work.
extension ImportCommand {
    /// Imports one imobility-tors-get-response (v2 or v3), with `--sending-hei` for the ToRs whose
    /// learning agreement we do not hold. Prints what was stored, or why nothing was; returns false
    /// when the file was refused. The importer (configuration, store, schemas) is opened on first use.
    func importToRs(_ file: String, _ document: [UInt8], importer: inout ToRImporter?) async -> Bool {
        do {
            if importer == nil {
                let configuration = try loadConfiguration()
                importer = try ToRImporter(configuration: configuration, store: openStore(configuration))
            }
        } catch {
            print("\(file): cannot import transcripts of records: \(error)")
            return false
        }
        let report = await importer!.importDocument(document, sendingHEI: sendingHEI, now: Date())
        print("\(file): " + report.lines.joined(separator: "\n"))
        return !report.rejected
    }
}
