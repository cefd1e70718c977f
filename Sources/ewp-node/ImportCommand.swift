import ArgumentParser
import EWPCore
import EWPOperations
import Foundation

/// `ewp-node import FILE...`: each document goes through `DocumentImport` (the same use case as
/// `POST /admin/import`), which recognises it by its root element; `--delete-iia ID` deletes one of
/// our IIAs (DeleteIIA.swift). Exit 1 when any file was refused.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Load the covered HEIs' own data from EWP-format XML documents.",
        discussion: """
            An iias-get-response imports every iia whose first partner is a covered HEI: created or updated (the node \
            computes the iia-hash; an imported one is ignored), a change queues an IIA CNR to the partner, an unchanged IIA \
            changes nothing. An IIA missing from a later import is NOT deleted: use --delete-iia. A document with any \
            problem is refused whole, naming the line and element. An omobility-las-get-response imports every la whose \
            sending HEI is a covered HEI the same way (each change queues an LA CNR to the receiving HEI); an Erasmus+ \
            guideline error refuses the document, warnings are printed and stored with the LA's version. An \
            imobility-tors-get-response (ToRs v2 or v3) imports the transcripts a covered HEI issued; each one's sending HEI \
            comes from the learning agreement held for its omobility-id, else from --sending-hei; a change queues a ToR CNR \
            to the sending HEI.
            """)

    @Option(name: .customLong("sending-hei"), help: "Sending HEI of the ToRs in these files, when no learning agreement names it.")
    var sendingHEI: HEIID?

    @Option(name: .customLong("delete-iia"), help: "Delete our IIA with this iia-id (not mutually approved ones): partners are notified, the id is never reused.")
    var deleteIIA: IIAID?

    @Option(help: "The covered HEI whose IIA --delete-iia deletes (may be left out when the node covers one HEI).")
    var hei: HEIID?

    @Argument(help: "EWP XML documents: iias-get-response, omobility-las-get-response, imobility-tors-get-response, institutions or factsheet responses.")
    var files: [String] = []

    func validate() throws {
        if deleteIIA == nil && files.isEmpty { throw ValidationError("name at least one FILE to import, or --delete-iia ID") }
        if deleteIIA != nil && !files.isEmpty { throw ValidationError("--delete-iia deletes one IIA; import files in a separate run") }
        if hei != nil && deleteIIA == nil { throw ValidationError("--hei goes with --delete-iia") }
    }

    func run() async throws {
        if let deleteIIA {
            try await self.deleteIIA(deleteIIA)
            return
        }
        var documents = try await makeLocalOperations().documentImport(sendingHEI: sendingHEI)
        var failed = false
        for file in files {
            let data: [UInt8]
            do { data = try ImportFile.read(file) } catch {
                print("\(file): \(error)")
                failed = true
                continue
            }
            let outcome = await documents.importDocument(data)
            for line in outcome.lines { print("\(file): \(line)") }
            failed = failed || outcome.refused
        }
        if failed { throw ExitCode(1) }
    }
}
