import EWPConsole
import EWPCrypto
import EWPNodeTestSupport
import EWPStore
import Foundation
import Synchronization
import Testing

/// Signing in and out, sessions in the database, cookies, CSRF, the login rate limit and the set-password link.
@Suite("Console: authentication, sessions, CSRF")
struct ConsoleAuthTests {
    @Test("signing in sets an HttpOnly, SameSite=Lax, Secure session cookie scoped to /console; signing out ends the session in the database")
    func signInAndOut() async throws {
        let node = try await ConsoleTestNode()
        try await node.createMain(hei: "a.example", email: "main@a.example")
        let browser = node.browser()
        let answer = try await browser.signIn(email: "Main@A.example", password: ConsoleTestNode.password)
        #expect(answer.status == 303 && answer.location == "/console/")
        let cookie = try #require(answer.headers[values: .setCookie].first { $0.hasPrefix("ewp_console_session=") })
        #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Secure") && cookie.contains("Path=/console"))
        #expect(try await browser.get("/console/").status == 200)
        let token = try #require(browser.cookies["ewp_console_session"])
        let logout = try await browser.post("/console/logout")
        #expect(logout.status == 303 && logout.location == "/console/login")
        // The old cookie no longer opens anything, even replayed.
        let stale = try await node.browser(cookies: ["ewp_console_session": token]).get("/console/")
        #expect(stale.status == 303)
    }

    @Test("without https the cookie is not Secure")
    func plainHTTPCookie() async throws {
        let node = try await ConsoleTestNode(settings: ConsoleSettings(secureCookies: false, bcryptCost: 4))
        try await node.createMain(hei: "a.example", email: "main@a.example")
        let answer = try await node.browser().signIn(email: "main@a.example", password: ConsoleTestNode.password)
        let cookie = try #require(answer.headers[values: .setCookie].first { $0.hasPrefix("ewp_console_session=") })
        #expect(!cookie.contains("Secure"))
    }

    @Test("a wrong password, an unknown e-mail and a disabled account are refused alike (401) and start no session")
    func wrongCredentials() async throws {
        let node = try await ConsoleTestNode()
        try await node.createMain(hei: "a.example", email: "main@a.example")
        var staff = try await node.createStaff(hei: "a.example", email: "staff@a.example", roles: [.viewer])
        staff.disabled = true
        try await node.store.updateConsoleAccount(staff)
        for (email, password) in [("main@a.example", "wrong password here"), ("nobody@a.example", ConsoleTestNode.password),
                                  ("staff@a.example", ConsoleTestNode.password)] {
            let browser = node.browser()
            let answer = try await browser.signIn(email: email, password: password)
            #expect(answer.status == 401 && answer.text.contains("The e-mail or the password is wrong"))
            #expect(browser.cookies["ewp_console_session"] == nil)
        }
    }

    @Test("after 5 failures within the window an account is refused even with the right password (429), from any address; the window passing lets it in")
    func rateLimitPerAccount() async throws {
        let clock = TestClock()
        let node = try await ConsoleTestNode(now: clock.now)
        try await node.createMain(hei: "a.example", email: "main@a.example")
        for index in 0..<5 {
            let answer = try await node.browser(peerAddress: "10.0.0.\(index)").signIn(email: "main@a.example", password: "not the password")
            #expect(answer.status == 401)
        }
        let refused = try await node.browser(peerAddress: "10.0.1.1").signIn(email: "main@a.example", password: ConsoleTestNode.password)
        #expect(refused.status == 429 && refused.text.contains("Too many failed sign-ins"))
        clock.advance(by: 16 * 60)
        let later = try await node.browser(peerAddress: "10.0.1.1").signIn(email: "main@a.example", password: ConsoleTestNode.password)
        #expect(later.status == 303)
    }

    @Test("after 5 failures from one address, that address is refused for every account; another address is not")
    func rateLimitPerAddress() async throws {
        let node = try await ConsoleTestNode()
        try await node.createMain(hei: "a.example", email: "main@a.example")
        for index in 0..<5 {
            _ = try await node.browser(peerAddress: "192.0.2.7").signIn(email: "guess\(index)@a.example", password: "not the password")
        }
        #expect(try await node.browser(peerAddress: "192.0.2.7").signIn(email: "main@a.example", password: ConsoleTestNode.password).status == 429)
        #expect(try await node.browser(peerAddress: "192.0.2.8").signIn(email: "main@a.example", password: ConsoleTestNode.password).status == 303)
    }

    @Test("a session unused for longer than the timeout is over; one in use stays; a later sign-in removes the idle ones from the database")
    func sessionTimeout() async throws {
        let clock = TestClock()
        let node = try await ConsoleTestNode(now: clock.now, settings: ConsoleSettings(secureCookies: true, sessionTimeout: .seconds(600), bcryptCost: 4))
        try await node.createMain(hei: "a.example", email: "main@a.example")
        let forgotten = try await node.signedIn("main@a.example")
        let forgottenToken = try #require(forgotten.cookies["ewp_console_session"])
        let browser = try await node.signedIn("main@a.example")
        clock.advance(by: 500)
        #expect(try await browser.get("/console/").status == 200)
        clock.advance(by: 500)
        #expect(try await browser.get("/console/").status == 200)
        clock.advance(by: 601)
        let after = try await browser.get("/console/")
        #expect(after.status == 303 && after.location?.hasPrefix("/console/login") == true)
        _ = try await node.signedIn("main@a.example")
        #expect(try await node.store.consoleSession(tokenHash: SHA256Hash.hex(Array(forgottenToken.utf8))) == nil)
    }

    @Test("sessions live in the database: a second node on the same database knows the session")
    func sessionSurvivesRestart() async throws {
        let first = try await ConsoleTestNode()
        try await first.createMain(hei: "a.example", email: "main@a.example")
        let browser = try await first.signedIn("main@a.example")
        let token = try #require(browser.cookies["ewp_console_session"])
        let second = try await ConsoleTestNode(database: "sqlite:" + first.directory + "/node.sqlite")
        let home = try await second.browser(cookies: ["ewp_console_session": token]).get("/console/")
        #expect(home.status == 200 && home.text.contains("main@a.example"))
    }

    @Test("a POST without the CSRF token, or with another session's, is refused (403) and changes nothing")
    func csrf() async throws {
        let node = try await ConsoleTestNode()
        try await node.createMain(hei: "a.example", email: "main@a.example")
        let browser = try await node.signedIn("main@a.example")
        let other = try await node.signedIn("main@a.example")
        _ = try await other.get("/console/")
        let otherToken = try #require(try await other.get("/console/").csrfToken)
        _ = try await browser.get("/console/")
        let missing = try await browser.post("/console/logout", [("_csrf", "")])
        #expect(missing.status == 403)
        let foreign = try await browser.post("/console/logout", csrf: otherToken)
        #expect(foreign.status == 403)
        #expect(try await browser.get("/console/").status == 200)
        // The login form too: its token is the double-submit cookie's.
        let fresh = node.browser()
        let noCookie = try await fresh.post("/console/login", [("email", "main@a.example"), ("password", ConsoleTestNode.password)], csrf: "x")
        #expect(noCookie.status == 403)
    }

    @Test("the set-password link works once; a short password or two different ones are refused with the reason")
    func setPassword() async throws {
        let node = try await ConsoleTestNode()
        let created = try await node.runtime.console.accounts.createMain(heiID: .init("a.example"), email: "main@a.example", name: "M", position: "P")
        let browser = node.browser()
        let form = try await browser.get(created.setPasswordPath)
        #expect(form.status == 200 && form.text.contains(#"<label for="password">"#))
        let short = try await browser.post("/console/set-password", [("token", created.setPasswordToken), ("password", "short"), ("password-again", "short")])
        #expect(short.status == 400 && short.text.contains("at least 12 characters"))
        let differ = try await browser.post("/console/set-password", [("token", created.setPasswordToken), ("password", "a long password 1"),
                                                                        ("password-again", "a long password 2")])
        #expect(differ.status == 400 && differ.text.contains("differ"))
        let done = try await browser.post("/console/set-password", [("token", created.setPasswordToken), ("password", "a long password 1"),
                                                                      ("password-again", "a long password 1")])
        #expect(done.status == 200 && done.text.contains("Your password is set"))
        let again = try await browser.post("/console/set-password", [("token", created.setPasswordToken), ("password", "another long one"),
                                                                       ("password-again", "another long one")])
        #expect(again.status == 400 && again.text.contains("has been used"))
        #expect(try await node.browser().signIn(email: "main@a.example", password: "a long password 1").status == 303)
        let stored = try #require(try await node.store.consoleAccount(email: "main@a.example"))
        #expect(stored.passwordHash?.hasPrefix("$2") == true && stored.passwordHash?.contains("a long password") == false)
    }

    @Test("a second main account for the same HEI is refused; a main account for another HEI is not")
    func oneMainAccount() async throws {
        let node = try await ConsoleTestNode()
        try await node.createMain(hei: "a.example", email: "main@a.example")
        await #expect(throws: ConsoleAccountRefusal.self) {
            try await node.runtime.console.accounts.createMain(heiID: .init("A.EXAMPLE"), email: "other@a.example", name: "", position: "")
        }
        try await node.createMain(hei: "c.example", email: "main@c.example")
    }
}

/// A clock the test moves.
final class TestClock: Sendable {
    private let current = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
    var now: @Sendable () -> Date { { [self] in current.withLock { $0 } } }
    func advance(by seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
}
