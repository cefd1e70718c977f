import EWPStore
import Foundation
import Hummingbird

/// Sessions in the node's database (so they outlive a restart and work across several nodes on one
/// PostgreSQL): the cookie holds a random token, the store its SHA-256, the session's CSRF token and
/// when it was last used. A session unused for `sessionTimeout` is over.
struct ConsoleSessions: Sendable {
    static let cookieName = "ewp_console_session"
    /// The CSRF token of forms shown to someone not signed in (login, set password): the form
    /// must echo this cookie (a double-submit token).
    static let anonymousCSRFCookieName = "ewp_console_csrf"
    /// A session's last use is written at most this often.
    static let touchInterval: TimeInterval = 60

    let console: Console

    /// The live session and account of the request's cookie, if any.
    func current(_ request: Request) async throws -> (session: ConsoleSessionRecord, account: SignedInAccount)? {
        guard let token = request.cookies[Self.cookieName]?.value, !token.isEmpty else { return nil }
        let hash = ConsoleTokens.hash(token)
        guard let session = try await console.store.consoleSession(tokenHash: hash) else { return nil }
        let now = console.now
        if now.timeIntervalSince(session.lastSeenAt) > TimeInterval(console.settings.sessionTimeout.components.seconds) {
            try await console.store.deleteConsoleSession(tokenHash: hash)
            return nil
        }
        guard let record = try await console.store.consoleAccount(id: session.accountID), !record.disabled else {
            try await console.store.deleteConsoleSession(tokenHash: hash)
            return nil
        }
        if now.timeIntervalSince(session.lastSeenAt) > Self.touchInterval {
            try await console.store.touchConsoleSession(tokenHash: hash, at: now)
        }
        return (session, SignedInAccount(record))
    }

    /// Starts a session for `account`; the cookie to set.
    func start(accountID: String) async throws -> Cookie {
        let token = ConsoleTokens.make()
        let now = console.now
        try await console.store.createConsoleSession(ConsoleSessionRecord(tokenHash: ConsoleTokens.hash(token), accountID: accountID,
                                                                          csrfToken: ConsoleTokens.make(), createdAt: now, lastSeenAt: now))
        return cookie(Self.cookieName, token)
    }

    /// A cookie of the console: HttpOnly, SameSite=Lax, scoped to /console, Secure behind https.
    func cookie(_ name: String, _ value: String, maxAge: Int? = nil) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/console", secure: console.settings.secureCookies, httpOnly: true, sameSite: .lax)
    }

    /// Clears the cookie `name` in the browser.
    func expired(_ name: String) -> Cookie { cookie(name, "", maxAge: 0) }
}
