import EWPCore
import EWPHTTP
import EWPStore
import Foundation
import HTTPTypes
import Hummingbird

/// What a page handler gets: the console, the request, the signed-in account (nil only on pages
/// open to anyone), the CSRF token every form of the page must carry, the path parameters, the
/// query and (on POST) the form fields, already checked against the CSRF token.
struct ConsoleCall: Sendable {
    let console: Console
    let request: Request
    let account: SignedInAccount?
    let csrfToken: String
    /// The SHA-256 of the session cookie's token, when signed in (logout ends that session).
    let sessionTokenHash: String?
    let parameters: [String: String]
    let query: [(String, String)]
    let form: [(String, String)]
    /// The address the request came from (the peer of the connection; "unknown" in in-process tests).
    let peerAddress: String

    func parameter(_ name: String) -> String { parameters[name] ?? "" }
    func query(_ name: String) -> String? { query.first { $0.0 == name }?.1 }
    func form(_ name: String) -> String? { form.first { $0.0 == name }?.1 }
    func formAll(_ name: String) -> [String] { form.filter { $0.0 == name }.map(\.1) }

    /// The signed-in account (the router lets no other reach a page that is not open to anyone).
    func signedIn() throws -> SignedInAccount {
        guard let account else { throw ConsoleError(.unauthorized, "Please sign in.") }
        return account
    }

    /// The HEI the signed-in account acts for; an operator account has none and gets a 404.
    func hei() throws -> HEIID {
        guard let hei = try signedIn().heiID else { throw ConsoleError.notFound("This page belongs to an institution's accounts.") }
        return hei
    }

    /// Requires the signed-in account to be its HEI's main account.
    func requireMain() throws -> SignedInAccount {
        let account = try signedIn()
        guard account.isMain else { throw ConsoleError.forbidden }
        return account
    }

    /// Records what the signed-in account did (visible to its HEI's main account).
    func audit(_ action: String, object: String, detail: String = "") async throws {
        let account = try signedIn()
        try await console.store.appendAuditEntry(ConsoleAuditEntry(at: console.now, heiID: account.heiID?.value, accountEmail: account.email,
                                                                   action: action, object: object, detail: detail))
    }

    /// The page `template` filled with `data`, inside the layout titled `title`.
    func page(_ template: ConsoleTemplate, title: String, _ data: [String: Any] = [:], status: HTTPResponse.Status = .ok) -> Response {
        ConsoleResponses.html(status: status, ConsoleTemplates.render(template, title: title, data: data, call: self))
    }

    /// 303 to `path` (after a successful POST, so a reload does not post again).
    func redirect(to path: String) -> Response { ConsoleResponses.redirect(to: path) }
}

enum ConsoleResponses {
    static func html(status: HTTPResponse.Status, _ text: String) -> Response {
        var fields = HTTPFields()
        fields[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    static func redirect(to path: String) -> Response {
        var fields = HTTPFields()
        fields[.location] = path
        return Response(status: .seeOther, headers: fields)
    }

    /// What every console answer carries: never cached, never framed, no foreign scripts or styles.
    static func secure(_ response: inout Response) {
        response.headers[.cacheControl] = response.headers[.cacheControl] ?? "no-store"
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        response.headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        response.headers[.contentSecurityPolicy] = "default-src 'self'; script-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
    }
}
