// The IRO console in a real browser (headless Chromium) against a real `ewp-node serve` covering
// two HEIs, with a fake partner: accounts made with `ewp-node account`, the set-password link
// opened, a sign-in, the pages an office and an operator use, another HEI's object refused, and
// screenshots of each page at desktop and phone width (.build/browser-screenshots/console).
import EWPStore
import EWPTestSupport
import EWPXML
import Foundation
import Testing

private let nodeHEI = "node.test.example"
private let otherHEI = "other.test.example"
private let partnerHEI = "partner-b.test.example"

@Suite("The console in a real browser", .serialized,
       .enabled(if: Browser.chromium != nil || Browser.required, Comment(rawValue: Browser.skipComment)),
       .partnerNetwork(partners: [PartnerSpec(hei: partnerHEI)], heis: [nodeHEI, otherHEI], nodeEnvironment: fastNotificationEnvironment),
       .timeLimit(.minutes(5)))
struct BrowserConsoleProcessTests {
    /// `ewp-node account ARGS`; the set-password link it prints.
    func account(_ net: PartnerNetwork, _ arguments: [String]) async throws -> String {
        let result = try await runNodeCommand(net, ["account"] + arguments)
        #expect(result.status == 0, "\(result.output)")
        let link = result.output.split(whereSeparator: \.isWhitespace).first { $0.contains("/console/set-password?token=") }
        return String(try #require(link, "no set-password link in: \(result.output)"))
    }

    /// Opens the set-password link, sets the password, signs in; ends on the home page.
    func signInSteps(link: String, email: String, shot: String? = nil) -> [BrowserStep] {
        let password = "a long enough pass phrase"
        return [.goto(link), .expectText("Set your password")] + (shot.map { [.screenshot($0)] } ?? []) + [
            .fill("#password", password), .fill("#password-again", password), .click("button[type=submit]"),
            .expectText("Your password is set"),
            .fill("#email", email), .fill("#password", password), .click("button[type=submit]"),
            .expectURL("/console/"), .expectText("Welcome"),
        ]
    }

    /// Two received transcripts, one per covered HEI, as a pull from the partner stores them.
    func transcripts(_ net: PartnerNetwork) async throws {
        let store = try SQLiteStore(path: net.node(0).databasePath)
        let tor = try #require(try XMLReader.parse(Array(ToRDocuments.v2(["x"], issuer: partnerHEI).utf8)).children.first)
        let now = Date()
        try await store.savePartnerCopies([
            PartnerCopy(api: "imobility-tors", localHEI: nodeHEI, partnerHEI: partnerHEI, objectID: "tor-ours-1", document: XMLWriter.document(tor),
                        hash: nil, seenAt: now, changedAt: now),
            PartnerCopy(api: "imobility-tors", localHEI: otherHEI, partnerHEI: partnerHEI, objectID: "tor-theirs-1", document: XMLWriter.document(tor),
                        hash: nil, seenAt: now, changedAt: now),
        ])
    }

    @Test("an office: set the password, sign in, transcripts (list, search, detail), another HEI's is a 404; the main account creates a viewer, who is refused the other HEI's transcript and the accounts page")
    func office() async throws {
        let net = try requirePartnerNetwork()
        try await transcripts(net)
        let link = try await account(net, ["create-main", "--hei", nodeHEI, "--email", "main@\(nodeHEI)", "--name", "Maria Main", "--position", "Head of the IRO"])
        let base = net.node(0).baseURL
        let run = try await Browser.run(signInSteps(link: link, email: "main@\(nodeHEI)", shot: "set-password") + [
            .expectText("Maria Main"), .screenshot("home"),
            .click("a[href='/console/transcripts']"), .expectText("Jan Nowak"), .expectText("tor-ours-1"), .expectNoText("tor-theirs-1"),
            .screenshot("transcripts"),
            .fill("#q", "nowak"), .click("form.search button[type=submit]"), .expectURL("q=nowak"), .expectText("1 transcript(s)"),
            .click("a[href='/console/transcripts/\(partnerHEI)/tor-ours-1']"), .expectText("Transcript of tor-ours-1"), .expectText("Received (v2)"),
            .screenshot("transcript"),
            .goto(base + "/console/transcripts/\(partnerHEI)/tor-theirs-1"), .expectStatus(404), .expectNoText("Jan Nowak"),
            .screenshot("not-found"),
            // The main account creates a viewer; the viewer follows the one-time link the page shows.
            .goto(base + "/console/"), .click("a[href='/console/accounts']"), .expectText("Create a staff account"),
            .fill("#new-email", "staff@\(nodeHEI)"), .fill("#new-name", "Sam Staff"), .fill("#new-position", "IRO officer"),
            .click("#new-role-viewer", navigates: false),
            .click("form[action='/console/accounts'] button[type=submit]"), .expectText("Give this one-time link to staff@\(nodeHEI)"),
            .remember("div.notice code", as: "staffLink"), .screenshot("accounts"),
            .click("form[action='/console/logout'] button"), .expectURL("/console/login"),
        ] + signInSteps(link: base + "{{staffLink}}", email: "staff@\(nodeHEI)") + [
            .expectText("Sam Staff"), .expectText("Viewer"),
            .goto(base + "/console/transcripts/\(partnerHEI)/tor-theirs-1"), .expectStatus(404), .expectNoText("Jan Nowak"),
            .goto(base + "/console/transcripts/\(partnerHEI)/tor-ours-1"), .expectStatus(200), .expectText("Jan Nowak"),
            .goto(base + "/console/accounts"), .expectStatus(403),
        ], screenshots: "console", timeout: .seconds(180))
        #expect(run.failure == nil, "\(run.failure ?? "")")
    }

    @Test("the operator: the network page, a partner, drop a waiting notification (audited); an office page is a 404 for it")
    func operatorNetwork() async throws {
        let net = try requirePartnerNetwork()
        let store = try SQLiteStore(path: net.node(0).databasePath)
        let key = NotificationKey(api: "iia-cnr", localHEI: nodeHEI, partnerHEI: partnerHEI, objectID: "IIA-STUCK-1")
        // Far in the future: the running node must not send it before the operator looks.
        let later = Date().addingTimeInterval(86_400)
        try await store.enqueue(.outbox, [key], now: later, expiresAt: later.addingTimeInterval(3600))
        let id = try #require(try await store.queueRows(.outbox, filter: QueueFilter()).first { $0.key == key }?.id)
        let link = try await account(net, ["create-operator", "--email", "ops@\(nodeHEI)"])
        let base = net.node(0).baseURL
        let run = try await Browser.run(signInSteps(link: link, email: "ops@\(nodeHEI)") + [
            .click("a[href='/console/network']"), .expectText("Health"), .expectText(partnerHEI), .screenshot("network"),
            .click("a[href='/console/network/partners/\(partnerHEI)']"), .expectText("IIA-STUCK-1"), .expectText("What it publishes"),
            .expectText("No index sync with this partner yet"), .screenshot("network-partner"),
            .click("button[aria-label='Drop outbox row \(id)']"), .expectURL("/console/network/partners/\(partnerHEI)"), .expectText("dropped"),
            .goto(base + "/console/transcripts"), .expectStatus(404),
        ], screenshots: "console", timeout: .seconds(150))
        #expect(run.failure == nil, "\(run.failure ?? "")")
        #expect(try await store.queueRow(.outbox, id: id)?.state == .dropped)
        let audit = try await store.auditEntries(heiID: nil, limit: 5, offset: 0)
        #expect(audit.contains { $0.action == "drop notification" && $0.accountEmail == "ops@\(nodeHEI)" && $0.object == "outbox row \(id)" })
    }
}
