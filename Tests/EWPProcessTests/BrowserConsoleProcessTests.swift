// The IRO console in a real browser (headless Chromium) against a real `ewp-node serve` covering
// two HEIs, with a fake partner: accounts made with `ewp-node account`, the set-password link
// opened, a sign-in, the pages an office and an operator use, another HEI's object refused, and
// screenshots of each page at desktop and phone width (.build/browser-screenshots/console).
import EWPModel
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
        return try setPasswordLink(result.output)
    }

    /// The set-password link `ewp-node account` printed.
    func setPasswordLink(_ output: String) throws -> String {
        let link = output.split(whereSeparator: \.isWhitespace).first { $0.contains("/console/set-password?token=") }
        return String(try #require(link, "no set-password link in: \(output)"))
    }

    /// A set-password link for the main account of our HEI: made by `create-main`, or, when an
    /// earlier test made it, by `reset-password`.
    func mainLink(_ net: PartnerNetwork) async throws -> String {
        let email = "main@\(nodeHEI)"
        let created = try await runNodeCommand(net, ["account", "create-main", "--hei", nodeHEI, "--email", email, "--name", "Maria Main",
                                                     "--position", "Head of the IRO"])
        return try setPasswordLink(created.status == 0 ? created.output : try await runNodeCommand(net, ["account", "reset-password", "--email", email]).output)
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
        // A learning agreement of the partner for each covered HEI, and the partner's nomination to ours.
        for (id, receiving) in [("la-ours-1", nodeHEI), ("la-theirs-1", otherHEI)] {
            let text = LADocuments.la(id, sending: partnerHEI, receiving: receiving, stage: .changesProposed(proposalID: "prop-\(id)"))
                .replacingOccurrences(of: "<la>", with: "<la xmlns:trm=\"\(LADocuments.academicTerm)\">")
            let element = try #require(try XMLReader.parse(Array(LADocuments.response([text]).utf8)).children.first)
            try await store.savePartnerCopies([PartnerCopy(api: "omobility-las", localHEI: receiving, partnerHEI: partnerHEI, objectID: id,
                                                           document: XMLWriter.document(element), hash: nil, seenAt: now, changedAt: now)])
        }
        let mobility = try XMLReader.parse(Array(MobilityDocuments.getResponse([MobilityDocuments.mobility("la-ours-1", sending: partnerHEI,
                                                                                                           receiving: nodeHEI)]).utf8))
        try await store.savePartnerCopies([PartnerCopy(api: "omobilities", localHEI: nodeHEI, partnerHEI: partnerHEI, objectID: "la-ours-1",
                                                       document: XMLWriter.document(mobility.children[0]), hash: nil, seenAt: now, changedAt: now)])
    }

    @Test("an office: set the password, sign in, transcripts (list, search, detail), another HEI's is a 404; the main account creates a viewer, who is refused the other HEI's transcript and LA and the accounts page")
    func office() async throws {
        let net = try requirePartnerNetwork()
        try await transcripts(net)
        let link = try await mainLink(net)
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
            .goto(base + "/console/"), .click("a[href='/console/mobilities']"), .expectText("Mobilities and nominations"), .expectText("la-ours-1"), .screenshot("mobilities"),
            .click("a[href='/console/mobilities/la-ours-1']"), .expectText("Mobility la-ours-1"), .expectText("History of status changes"),
            .screenshot("mobility"),
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
            .goto(base + "/console/las/\(partnerHEI)/la-ours-1"), .expectStatus(200), .expectText("Chloe"),
            .goto(base + "/console/las/\(partnerHEI)/la-theirs-1"), .expectStatus(404), .expectNoText("Chloe"),
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

    @Test("IIAs and LAs: approve the partner's IIA; an LA proposal with a guideline error cannot be approved, one without is signed as the signed-in person; another HEI's LA is a 404")
    func iiasAndLAs() async throws {
        let net = try requirePartnerNetwork()
        let partner = net.partner(0)
        try await partner.reset()
        let store = try SQLiteStore(path: net.node(0).databasePath)
        let now = Date()
        // Our IIA, imported; the partner's, mapped to ours, published by the partner and pulled.
        let ours = "\(net.directory)/our-iias.xml"
        try Data(IIADocuments.response([IIADocuments.iia(hei: nodeHEI, id: "our-iia-1", partner: partnerHEI, partnerID: "p-iia-1")])).write(to: URL(fileURLWithPath: ours))
        let imported = try await runNodeCommand(net, ["import", ours])
        #expect(imported.status == 0, "\(imported.output)")
        let unhashed = IIADocuments.iia(hei: partnerHEI, id: "p-iia-1", partner: nodeHEI, partnerID: "our-iia-1")
            .replacingOccurrences(of: "<iia>", with: "<iia xmlns:c=\"\(IIADocuments.contactNamespace)\">")
        let parsed = try #require(try XMLReader.parse(IIADocuments.response([unhashed])).children.first { $0.name == "iia" })
        let theirs = unhashed.replacingOccurrences(of: String(repeating: "0", count: 64), with: try IIAHash.hash(parsed))
        try await partner.setObject(api: "iias", id: "p-iia-1", xml: theirs)
        let copy = try #require(try XMLReader.parse(IIADocuments.response([theirs])).children.first { $0.name == "iia" })
        // Two proposals of the partner for our HEI (one without provisions-url: a guideline error), one for the other HEI.
        func la(_ id: String, receiving: String, provisions: Bool) -> String {
            LADocuments.la(id, sending: partnerHEI, receiving: receiving, stage: .changesProposed(proposalID: "prop-\(id)"), provisions: provisions)
                .replacingOccurrences(of: "<la>", with: "<la xmlns:trm=\"\(LADocuments.academicTerm)\">")
        }
        var copies = [PartnerCopy(api: "iias", localHEI: nodeHEI, partnerHEI: partnerHEI, objectID: "p-iia-1", document: XMLWriter.document(copy),
                                  hash: try IIAHash.hash(copy), seenAt: now, changedAt: now)]
        for (id, receiving, provisions) in [("la-bad", nodeHEI, false), ("la-good", nodeHEI, true), ("la-other", otherHEI, true)] {
            let text = la(id, receiving: receiving, provisions: provisions)
            try await partner.setObject(api: "omobility-las", id: id, xml: text)
            let element = try #require(try XMLReader.parse(Array(LADocuments.response([text]).utf8)).children.first)
            copies.append(PartnerCopy(api: "omobility-las", localHEI: receiving, partnerHEI: partnerHEI, objectID: id,
                                      document: XMLWriter.document(element), hash: nil, seenAt: now, changedAt: now))
        }
        try await store.savePartnerCopies(copies)

        let base = net.node(0).baseURL
        let la = { (id: String) in base + "/console/las/\(partnerHEI)/\(id)" }
        let run = try await Browser.run(signInSteps(link: try await mainLink(net), email: "main@\(nodeHEI)") + [
            .click("a[href='/console/iias']"), .expectText("our-iia-1"), .expectText("Waiting for our approval"), .screenshot("iias"),
            .click("a[href='/console/iias/our-iia-1']"), .expectText("The partner's copy"), .screenshot("iia"),
            .click("form[action='/console/iias/our-iia-1/approve'] button"), .expectText("Approved. The partner is notified"),
            .click("a[href='/console/las']"), .expectText("la-bad"), .expectText("la-good"), .expectNoText("la-other"), .screenshot("las"),
            .goto(la("la-bad")), .expectText("Approval is blocked"), .expectText("LA-PROVISIONS-URL"), .expectNoText("Approve and sign"),
            .screenshot("la-blocked"),
            .goto(la("la-good")), .expectText("You sign as Maria Main"), .screenshot("la"),
            .click("form[action$='/approve'] button"), .expectText("Approved and signed. The sending university has accepted our signature"),
            .expectText("We approved proposal prop-la-good"), .expectNoText("Approve and sign"),
            .screenshot("la-approved"),
            .click("a[href='/console/las']"), .expectText("We approved proposal prop-la-good"),
            .goto(la("la-other")), .expectStatus(404), .expectNoText("Chloe"),
        ], screenshots: "console", timeout: .seconds(180))
        #expect(run.failure == nil, "\(run.failure ?? "")")
        let updates = try await partner.log(path: "/omobility-las/update")
        #expect(updates.count == 1, "one update, for la-good only: \(updates)")
        _ = try await partner.waitForLog("the IIA approval CNR") { $0.contains { $0.path == "/iia-approval-cnr" } }
        let audit = try await store.auditEntries(heiID: nodeHEI, limit: 10, offset: 0).map(\.action)
        #expect(audit.contains("iia.approve") && audit.contains("la.approve"), "\(audit)")
    }
}
