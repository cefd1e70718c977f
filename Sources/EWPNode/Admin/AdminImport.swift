import EWPAPIs
import EWPOperations
import EWPStore
import Foundation
import Hummingbird

/// `POST /admin/import[?sending_hei=HEI]`: the XML document as the request body, imported by the
/// same `DocumentImport` as `ewp-node import` (same documents, same rules, all or nothing).
/// 200 with the report's lines when stored; 422 with them when the document was refused. The body
/// may be as large as an import file (`ImportFile.maxBytes`), far above the EWP endpoints' limit.
extension NodeRuntime {
    func adminImport(_ request: Request, _ query: AdminQuery) async throws(APIRequestError) -> Response {
        let body: [UInt8]
        do {
            body = Array(try await request.body.collect(upTo: ImportFile.maxBytes).readableBytesView)
        } catch {
            throw APIRequestError(status: .contentTooLarge, "The document is larger than \(ImportFile.maxBytes) bytes; split it into several imports.")
        }
        guard !body.isEmpty else {
            throw APIRequestError(status: .badRequest, "Send the EWP document as the request body (one of \(DocumentImport.rootNames.joined(separator: ", "))).")
        }
        var documents = operations.documentImport(sendingHEI: query.heiID("sending_hei"))
        let outcome = await documents.importDocument(body, now: operations.now())
        return AdminResponse.json(outcome.refused ? .unprocessableContent : .ok, ["stored": !outcome.refused, "report": outcome.lines])
    }
}
