import EWPStore
import Foundation
import Hummingbird

/// `POST /admin/import[?sending_hei=HEI]`: the XML document as the request body, imported by the
/// same `DocumentImport` as `ewp-node import` (same documents, same rules, all or nothing).
/// 200 with the report's lines when stored; 422 with them when the document was refused.
extension NodeRuntime {
    /// As large as an import file may be: the admin API is for the institution's own systems,
    /// which load whole exports, so far above the EWP endpoints' limit.
    static let maxImportBody = 64 << 20

    func adminImport(_ request: Request, _ query: AdminQuery) async throws(AdminError) -> Response {
        let body: [UInt8]
        do {
            body = Array(try await request.body.collect(upTo: Self.maxImportBody).readableBytesView)
        } catch {
            throw AdminError(413, "The document is larger than \(Self.maxImportBody) bytes; split it into several imports.")
        }
        guard !body.isEmpty else {
            throw AdminError(400, "Send the EWP document as the request body (one of \(DocumentImport.rootNames.joined(separator: ", "))).")
        }
        var documents = DocumentImport(configuration: configuration, store: store, sendingHEI: query.value("sending_hei"))
        let outcome = await documents.importDocument(body, now: now())
        return AdminResponse.json(outcome.refused ? 422 : 200, ["stored": !outcome.refused, "report": outcome.lines])
    }
}
