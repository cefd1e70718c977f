import EWPStore
import Foundation
import Hummingbird

/// A login attempt: refused while the account or the address has had `loginFailureLimit` failures
/// within `loginWindow`; a failure is counted under both; a success clears the account's count and
/// starts a session.
struct ConsoleLogin {
    let call: ConsoleCall

    func signIn() async throws -> Response {
        let console = call.console
        let email = (call.form("email") ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let next = SignInPages.safeNext(call.form("next"))
        let keys = ["account:" + email, "address:" + call.peerAddress]
        let since = console.now.addingTimeInterval(-TimeInterval(console.settings.loginWindow.components.seconds))
        for key in keys where try await console.store.loginFailures(key: key, since: since) >= console.settings.loginFailureLimit {
            return refuse(email: email, next: next, status: .tooManyRequests,
                          "Too many failed sign-ins. Wait \(console.settings.loginWindow.components.seconds / 60) minutes and try again.")
        }
        guard let account = try await console.accounts.verify(email: email, password: call.form("password") ?? "") else {
            try await console.store.recordLoginFailure(keys: keys, at: console.now)
            return refuse(email: email, next: next, status: .unauthorized, "The e-mail or the password is wrong, or the account is disabled.")
        }
        try await console.store.clearLoginFailures(key: keys[0])
        // Sessions nobody came back to, and failures older than the window, are removed here, so
        // neither table grows without end.
        try await console.store.deleteConsoleSessions(lastSeenBefore: console.now.addingTimeInterval(
            -TimeInterval(console.settings.sessionTimeout.components.seconds)))
        try await console.store.deleteLoginFailures(before: since)
        var response = call.redirect(to: next)
        response.setCookie(try await ConsoleSessions(console: console).start(accountID: account.id))
        response.setCookie(ConsoleSessions(console: console).expired(ConsoleSessions.anonymousCSRFCookieName))
        return response
    }

    private func refuse(email: String, next: String, status: HTTPResponse.Status, _ message: String) -> Response {
        call.page(.login, title: "Sign in", ["email": email, "next": next, "error": message], status: status)
    }
}
