import ArgumentParser
import EWPNode
import EWPXML
import Foundation

/// `ewp-node import FILE...`: recognises each document by its root element. The document types
/// themselves (IIAs, learning agreements, ToRs, institutions) are filled in by the issues that
/// bring those APIs; until then a recognised type is refused with a clear message and nothing is
/// stored.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Load the covered HEIs' own data from EWP-format XML documents.")

    @Option(name: .customLong("sending-hei"), help: "Sending HEI of the ToRs in these files, when no learning agreement names it.")
    var sendingHEI: String?

    @Argument(help: "EWP XML documents: iias-get-response, omobility-las-get-response, imobility-tors-get-response, institutions or factsheet responses.")
    var files: [String]

    func run() async throws {
        var failed = false
        var institutionData: InstitutionDataImporter?
        var learningAgreements: LAImporter?
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                print("\(file): cannot read the file")
                failed = true
                continue
            }
            do {
                let root = try XMLReader.parse(Array(data))
                if InstitutionDataImporter.rootNames.contains(root.name) {
                    let imported = await importInstitutionData(file, Array(data), root: root, importer: &institutionData)
                    failed = failed || !imported
                    continue
                }
                if root.name == LAImporter.rootName {
                    let imported = await importLearningAgreements(file, Array(data), importer: &learningAgreements)
                    failed = failed || !imported
                    continue
                }
                if ImportableDocument.rootNames.contains(root.name) {
                    print("\(file): importing \(root.name) is not available in this version yet; nothing was stored")
                } else {
                    print("\(file): \(root.name) is not a document ewp-node imports (expected one of \(ImportableDocument.rootNames.joined(separator: ", ")))")
                }
                failed = true
            } catch {
                print("\(file): not well-formed XML: \(error)")
                failed = true
            }
        }
        if failed { throw ExitCode(1) }
    }
}

enum ImportableDocument {
    static let rootNames = ["iias-get-response", "omobility-las-get-response", "imobility-tors-get-response", "institutions-response", "factsheet-response"]
}
