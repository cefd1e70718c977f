import Foundation
import Hummingbird

/// Signing in and out, and setting a password with the one-time token of a new account.
enum SignInPages {
    static let all: [ConsolePage] = [
        ConsolePage(.get, "/console/login", .anyone) { call in
            if call.account != nil { return call.redirect(to: safeNext(call.query("next"))) }
            return call.page(.login, title: "Sign in", ["next": safeNext(call.query("next"))])
        },
        ConsolePage(.post, "/console/login", .anyone) { call in try await ConsoleLogin(call: call).signIn() },
        ConsolePage(.post, "/console/logout", .anyone) { call in
            if let hash = call.sessionTokenHash { try await call.console.store.deleteConsoleSession(tokenHash: hash) }
            var response = call.redirect(to: "/console/login")
            response.setCookie(ConsoleSessions(console: call.console).expired(ConsoleSessions.cookieName))
            return response
        },
        ConsolePage(.get, "/console/set-password", .anyone) { call in
            call.page(.setPassword, title: "Set your password", ["token": call.query("token") ?? "",
                                                                  "minimum": ConsoleAccounts.minimumPasswordLength])
        },
        ConsolePage(.post, "/console/set-password", .anyone) { call in
            let token = call.form("token") ?? ""
            let password = call.form("password") ?? ""
            func again(_ message: String) -> Response {
                call.page(.setPassword, title: "Set your password", ["token": token, "error": message,
                                                                      "minimum": ConsoleAccounts.minimumPasswordLength], status: .badRequest)
            }
            guard password == call.form("password-again") else { return again("The two passwords differ.") }
            do {
                guard try await call.console.accounts.setPassword(token: token, password: password) != nil else {
                    return again("This link has been used or is unknown. Ask your institution's main account (or the node's operator) for a new one.")
                }
            } catch let refusal as ConsoleAccountRefusal {
                return again(refusal.sentence)
            }
            return call.page(.login, title: "Sign in", ["next": "/console/", "notice": "Your password is set. Sign in with it now."])
        },
    ]

    /// `next` when it is a console path (never another site), else the home page.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/console/"), !next.hasPrefix("//"), !next.contains("\\") else { return "/console/" }
        return next
    }
}

extension ConsoleTemplate {
    static let login = ConsoleTemplate(name: "login", text: """
        {{#notice}}<p class="notice ok" role="status">{{notice}}</p>{{/notice}}
        {{#error}}<p class="notice error" role="alert">{{error}}</p>{{/error}}
        <form method="post" action="/console/login" class="stacked">
          <input type="hidden" name="_csrf" value="{{csrf}}">
          <input type="hidden" name="next" value="{{next}}">
          <label for="email">E-mail</label>
          <input type="email" id="email" name="email" autocomplete="username" required value="{{email}}">
          <label for="password">Password</label>
          <input type="password" id="password" name="password" autocomplete="current-password" required>
          <p><button type="submit">Sign in</button></p>
        </form>
        <p class="muted">No password yet? Use the link your institution's main account (or the node's operator) gave you.</p>
        """)

    static let setPassword = ConsoleTemplate(name: "set-password", text: """
        {{#error}}<p class="notice error" role="alert">{{error}}</p>{{/error}}
        <form method="post" action="/console/set-password" class="stacked">
          <input type="hidden" name="_csrf" value="{{csrf}}">
          <input type="hidden" name="token" value="{{token}}">
          <label for="password">New password (at least {{minimum}} characters)</label>
          <input type="password" id="password" name="password" autocomplete="new-password" minlength="{{minimum}}" required>
          <label for="password-again">The same password again</label>
          <input type="password" id="password-again" name="password-again" autocomplete="new-password" minlength="{{minimum}}" required>
          <p><button type="submit">Set the password</button></p>
        </form>
        """)
}
