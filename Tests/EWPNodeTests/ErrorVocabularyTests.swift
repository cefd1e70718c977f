import EWPAPIs
import EWPCore
import EWPOperations
import EWPSecurity
import EWPXML
import Foundation
import HTTPTypes
import Hummingbird
import Testing
@testable import EWPNode

/// Every refusal the node answers is an `EWPError`, written by one writer per format: the EWP
/// `error-response` (`XMLResponses.error`) and the admin API's JSON (`AdminResponse.error`).
@Suite("One error vocabulary: each refusal's status, message and headers, as written")
struct ErrorVocabularyTests {
    typealias Written = (status: Int, headers: HTTPFields, body: [UInt8])

    static func written(_ response: Response) async -> Written {
        let collected = NodeResponderTests.Collected()
        try? await response.body.write(NodeResponderTests.CollectingWriter(collected: collected))
        return (Int(response.status.code), response.headers, collected.bytes)
    }

    static let context = ResponseContext(method: "GET", target: "/hei/a.example/iias/get", requestId: "req-1", wantsSignature: false)

    @Test("each router refusal: its status, its developer message and its headers")
    func routerRefusals() {
        let cases: [(RouterError, Int, String)] = [
            (.methodNotAllowed("PUT", allowed: ["GET", "POST"]), 405, "HTTP method PUT is not allowed here; use GET or POST."),
            (.bodyTooLarge(limit: 1000), 413, "Request body larger than 1000 bytes; send fewer IDs per request."),
            (.noCatalogue, 503, "This node has no registry catalogue yet, so it cannot check signatures; retry later."),
            (.unsupportedMediaType("text/xml"), 415, "POST parameters must be sent as application/x-www-form-urlencoded (got \"text/xml\")."),
            (.formNotUTF8, 400, "The form body is not valid UTF-8."),
            (.severalHosts(heiIDs: ["a.example", "b.example"]), 404,
             "This node covers several HEIs, each its own EWP host: fetch /hei/<hei-id>/manifest.xml (a.example, b.example)."),
            (.unknownHEI("c.example", covered: ["a.example"]), 404, "This node does not cover the HEI \"c.example\"; it covers a.example."),
            (.noEndpoint(path: "/x", manifestURLs: ["https://n/hei/a/manifest.xml"]), 404,
             "No EWP endpoint at /x. The APIs of each covered HEI are listed in its manifest: https://n/hei/a/manifest.xml."),
            (.adminOff, 404, "The admin API is off: set EWP_ADMIN_TOKEN to turn it on."),
            (.adminTokenMissing, 401, "Send Authorization: Bearer <EWP_ADMIN_TOKEN>."),
            (.adminMethodNotAllowed("GET", path: "/admin/sync", allowed: ["POST"]), 405, "Method GET is not allowed on /admin/sync; use POST."),
            (.noAdminEndpoint(path: "/admin/x"), 404, "No admin endpoint at /admin/x; see README.md, \"Admin API\", and Docs/admin-openapi.json."),
        ]
        for (error, status, message) in cases {
            #expect(error.status.code == status, "\(error)")
            #expect(error.developerMessage == message, "\(error)")
            #expect(error.userMessage == nil, "\(error)")
        }
        #expect(RouterError.methodNotAllowed("PUT", allowed: ["GET", "POST"]).responseHeaders[.allow] == "GET, POST")
        #expect(RouterError.adminMethodNotAllowed("GET", path: "/admin/sync", allowed: ["POST", "PUT"]).responseHeaders[.allow] == "POST, PUT")
        #expect(RouterError.adminTokenMissing.responseHeaders[.wwwAuthenticate] == "Bearer realm=\"ewp-node admin\"")
        for quiet: RouterError in [.bodyTooLarge(limit: 1), .noCatalogue, .unsupportedMediaType(""), .formNotUTF8, .adminOff, .noAdminEndpoint(path: "/")] {
            #expect(quiet.responseHeaders.isEmpty, "\(quiet)")
        }
    }

    @Test("an error-response carries the error's status, developer-message, user-message and headers")
    func errorResponseCarriesEverything() async throws {
        let refusal = APIRequestError(status: .conflict, "The proposal is not up-to-date.", userMessage: "Someone changed this agreement; reload it.")
        let answer = await Self.written(XMLResponses.error(refusal, context: Self.context, now: Date()))
        #expect(answer.status == 409)
        #expect(answer.headers[.contentType] == XMLResponses.contentType)
        #expect(answer.headers.values("X-Request-Id") == ["req-1"])
        let root = try XMLReader.parse(answer.body)
        #expect(root.name == "error-response")
        #expect(root.element("developer-message", namespace: EWPNamespace.commonTypes)?.text == "The proposal is not up-to-date.")
        #expect(root.element("user-message", namespace: EWPNamespace.commonTypes)?.text == "Someone changed this agreement; reload it.")

        let plain = await Self.written(XMLResponses.error(APIRequestError.badRequest("iia_id is missing."), context: Self.context, now: Date()))
        #expect(plain.status == 400)
        #expect(try XMLReader.parse(plain.body).children.map(\.name) == ["developer-message"])
    }

    @Test("an auth failure is written with its status and its challenge headers")
    func authFailureWritten() async throws {
        let failure = AuthFailure(.missingAuthorization, "Sign the request.")
        let answer = await Self.written(XMLResponses.error(failure, context: Self.context, now: Date()))
        #expect(answer.status == 401)
        #expect(answer.headers[.wwwAuthenticate] == "Signature realm=\"EWP\"")
        #expect(answer.headers[.wantDigest] == "SHA-256")
        #expect(try NodeResponderTests.developerMessage(answer.body) == "Sign the request.")
    }

    @Test("the admin API writes any EWPError as {\"error\": developer message} with its status and headers")
    func adminJSON() async throws {
        let refused = await Self.written(AdminResponse.error(APIRequestError(status: .conflict, "Not approved: no such IIA.")))
        #expect(refused.status == 409)
        #expect(refused.headers[.contentType] == "application/json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(refused.body)) as? [String: String])
        #expect(json == ["error": "Not approved: no such IIA."])

        let challenged = await Self.written(AdminResponse.error(RouterError.adminTokenMissing))
        #expect(challenged.status == 401)
        #expect(challenged.headers[.wwwAuthenticate] == "Bearer realm=\"ewp-node admin\"")
    }

    @Test("an import refusal's kind decides its status (the admin API's answer to a delete)")
    func importRefusals() {
        #expect(IIAImportError("mutually approved").status == .conflict)
        #expect(IIAImportError("no such IIA", kind: .unknownIIA).status == .notFound)
        #expect(IIAImportError("database locked", kind: .storeFailed).status == .serviceUnavailable)
        #expect(IIAImportError("no such IIA", kind: .unknownIIA).developerMessage == "no such IIA")
    }

    @Test("the status line carries the code only, as before statuses were typed")
    func statusLineUnchanged() {
        let response = XMLResponses.error(RouterError.bodyTooLarge(limit: 1), context: Self.context, now: Date())
        #expect(response.status.code == 413 && response.status.reasonPhrase.isEmpty)
    }
}
