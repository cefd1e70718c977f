import EWPConsole
import EWPNodeTestSupport
import Foundation
import Testing

/// The console's frame through the node's responder: `/console/` is reached, the stylesheet is the
/// node's own, pages need a session, and the layout carries the HEI, the account and the navigation.
@Suite("Console: layout, stylesheet, home page")
struct ConsoleSkeletonTests {
    @Test("the home page needs a session: a browser without one is sent to the login page, which keeps where it wanted to go")
    func homeNeedsSession() async throws {
        let node = try await ConsoleTestNode()
        let browser = node.browser()
        let home = try await browser.get("/console/")
        #expect(home.status == 303 && home.location == "/console/login?next=/console/")
        let bare = try await browser.get("/console")
        #expect(bare.status == 303 && bare.location == "/console/")
        let login = try await browser.get("/console/login?next=/console/")
        #expect(login.status == 200)
        #expect(login.text.contains(#"<label for="email">"#) && login.text.contains(#"<label for="password">"#))
        #expect(login.headers[.contentSecurityPolicy]?.contains("script-src 'none'") == true)
        #expect(login.headers[.cacheControl] == "no-store")
    }

    @Test("the stylesheet is served by the node; an unknown console path is a 404 page, another method a 405")
    func stylesheetAndUnknown() async throws {
        let node = try await ConsoleTestNode()
        let browser = node.browser()
        let css = try await browser.get("/console/static/console.css")
        #expect(css.status == 200 && css.headers[.contentType] == "text/css; charset=utf-8" && css.text.contains("@media (max-width: 40rem)"))
        let missing = try await browser.get("/console/nothing-here")
        #expect(missing.status == 404 && missing.text.contains("<h1>") && missing.headers[.contentType] == "text/html; charset=utf-8")
        let wrongMethod = try await browser.post("/console/static/console.css")
        #expect(wrongMethod.status == 405)
    }

    @Test("signed in, the home page names the account, its HEI and roles, with the navigation and a sign-out form carrying the CSRF token")
    func signedInHome() async throws {
        let node = try await ConsoleTestNode()
        try await node.createMain(hei: "a.example", email: "main@a.example", name: "Ada Main")
        let browser = try await node.signedIn("main@a.example")
        let home = try await browser.get("/console/")
        #expect(home.status == 200)
        #expect(home.text.contains(#"<html lang="en">"#) && home.text.contains(#"<meta name="viewport""#))
        #expect(home.text.contains("Ada Main") && home.text.contains("main@a.example") && home.text.contains("a.example"))
        #expect(home.text.contains(#"<nav aria-label="Main">"#) && home.text.contains(#"aria-current="page""#))
        #expect(home.text.contains(#"<main id="main""#) && home.text.contains("<h1>Home</h1>"))
        let token = try #require(home.csrfToken)
        #expect(token.count >= 32)
        #expect(home.text.contains(#"action="/console/logout""#))
    }
}
