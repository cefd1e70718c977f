import EWPCore
import EWPHTTP
import EWPStore
import Foundation
import HTTPTypes
import Hummingbird

/// Dispatch of a `/console` request: the stylesheet, else the page of `ConsolePages.all` whose
/// template fits, after the session, the access rule and (on POST) the form and its CSRF token are
/// checked. Every refusal is an HTML page with the right status.
struct ConsoleRouter {
    let console: Console
    let peerAddress: String

    static let maxFormBytes = 64 * 1024

    func respond(to request: Request) async -> Response {
        var response = await route(request)
        ConsoleResponses.secure(&response)
        return response
    }

    private func route(_ request: Request) async -> Response {
        let path = request.uri.path
        if path == "/console" { return ConsoleResponses.redirect(to: "/console/") }
        if path == ConsoleStylesheet.path {
            guard request.method == .get else { return errorPage(ConsoleError(.methodNotAllowed, "Only GET is answered here."), request: request) }
            var fields = HTTPFields()
            fields[.contentType] = "text/css; charset=utf-8"
            fields[.cacheControl] = "max-age=3600"
            return Response(status: .ok, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(string: ConsoleStylesheet.text)))
        }
        let segments = path == "/console/" ? ["console"] : path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map { $0 }
        let fitting = ConsolePages.all.compactMap { page in page.parameters(matching: segments).map { (page, $0) } }
        guard !fitting.isEmpty else { return errorPage(.notFound(), request: request) }
        guard let (page, parameters) = fitting.first(where: { $0.0.method == request.method }) else {
            return errorPage(ConsoleError(.methodNotAllowed, "This address does not answer \(request.method.rawValue)."), request: request)
        }
        do {
            return try await serve(page, parameters: parameters, request: request)
        } catch let error as ConsoleError {
            return errorPage(error, request: request)
        } catch {
            return errorPage(Self.consoleError(error), request: request)
        }
    }

    private func serve(_ page: ConsolePage, parameters: [String: String], request: Request) async throws -> Response {
        let sessions = ConsoleSessions(console: console)
        let current = try await sessions.current(request)
        var newAnonymousToken: String?
        let csrfToken: String
        if let current {
            csrfToken = current.session.csrfToken
        } else if let cookie = request.cookies[ConsoleSessions.anonymousCSRFCookieName]?.value, cookie.count >= 32 {
            csrfToken = cookie
        } else {
            csrfToken = ConsoleTokens.make()
            newAnonymousToken = csrfToken
        }
        switch page.access {
        case .anyone: break
        case .signedIn, .role:
            guard let account = current?.account else {
                if request.method == .get { return ConsoleResponses.redirect(to: "/console/login?next=" + Self.percentEncoded(request.uri.description)) }
                throw ConsoleError(.unauthorized, "Your session has ended. Please sign in again.")
            }
            if case .role(let role) = page.access {
                if role != .operator && account.heiID == nil { throw ConsoleError.notFound("This page belongs to an institution's accounts.") }
                guard account.may(role) else { throw ConsoleError.forbidden }
            }
        }
        var form: [(String, String)] = []
        if request.method == .post {
            form = try await Self.readForm(request)
            guard let sent = form.first(where: { $0.0 == "_csrf" })?.1, ConsoleTokens.equal(sent, csrfToken), newAnonymousToken == nil else {
                throw ConsoleError(.forbidden, "This form has expired or did not come from this console. Go back, reload the page and try again.")
            }
        }
        let call = ConsoleCall(console: console, request: request, account: current?.account, csrfToken: csrfToken,
                               sessionTokenHash: current?.session.tokenHash, parameters: parameters,
                               query: request.uri.query.map { FormURLEncoding.decode($0) } ?? [], form: form, peerAddress: peerAddress)
        var response = try await page.handle(call)
        if let newAnonymousToken { response.setCookie(sessions.cookie(ConsoleSessions.anonymousCSRFCookieName, newAnonymousToken)) }
        return response
    }

    static func readForm(_ request: Request) async throws -> [(String, String)] {
        let type = request.headers[.contentType]?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard type == "application/x-www-form-urlencoded" else {
            throw ConsoleError(.unsupportedMediaType, "Forms are sent as application/x-www-form-urlencoded.")
        }
        let body: ByteBuffer
        do { body = try await request.body.collect(upTo: maxFormBytes) } catch {
            throw ConsoleError(.contentTooLarge, "The form is larger than \(maxFormBytes / 1024) KiB.")
        }
        return FormURLEncoding.decode(String(buffer: body))
    }

    /// What the person is told when an operation refuses or the store fails.
    static func consoleError(_ error: any Error) -> ConsoleError {
        switch error {
        case let error as any EWPError: ConsoleError(error.status, error.userMessage ?? error.developerMessage)
        case let error as ConsoleAccountRefusal: ConsoleError(.badRequest, error.sentence)
        case let error as StoreError where error.code == .invalidInput: ConsoleError(.badRequest, error.message)
        case is StoreError: ConsoleError(.serviceUnavailable, "The node's database cannot be used right now; try again in a moment.")
        default: ConsoleError(.internalServerError, "Something failed on the node: \(error)")
        }
    }

    private func errorPage(_ error: ConsoleError, request: Request) -> Response {
        let call = ConsoleCall(console: console, request: request, account: nil, csrfToken: "", sessionTokenHash: nil, parameters: [:],
                               query: [], form: [], peerAddress: peerAddress)
        return call.page(.error, title: error.status.reasonPhrase, ["message": error.message, "status": Int(error.status.code)], status: error.status)
    }

    static func percentEncoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~/"))) ?? "/console/"
    }
}
