import EWPConsole
import EWPNodeTestSupport
import EWPStore
import Foundation
import Testing

/// The main account manages the staff accounts of its own HEI and reads its audit log; nobody
/// else may, and another HEI's account is a 404 for every action.
@Suite("Console: staff accounts and the audit log")
struct ConsoleAccountPagesTests {
    static func node() async throws -> ConsoleTestNode {
        let node = try await ConsoleTestNode()
        try await node.createMain(hei: "a.example", email: "main@a.example")
        try await node.createMain(hei: "c.example", email: "main@c.example")
        return node
    }

    @Test("the main account creates a staff account with roles and gets its one-time link; the person sets a password, signs in and holds the roles")
    func createStaff() async throws {
        let node = try await Self.node()
        let main = try await node.signedIn("main@a.example")
        let page = try await main.get("/console/accounts")
        #expect(page.status == 200 && page.text.contains(#"<label for="new-email">"#))
        let created = try await main.post("/console/accounts", [("email", "Signer@a.example"), ("name", "Sam Signer"), ("position", "LA coordinator"),
                                                                ("role", "la-signer"), ("role", "viewer"), ("role", "main")])
        #expect(created.status == 200 && created.text.contains("one-time link"))
        let path = try #require(created.text.range(of: "/console/set-password?token=").map { range in
            String(created.text[range.lowerBound...].prefix { $0 != "<" })
        })
        let account = try #require(try await node.store.consoleAccount(email: "signer@a.example"))
        #expect(account.heiID == "a.example" && account.roles == ["viewer", "la-signer"] && account.name == "Sam Signer")
        let person = node.browser()
        _ = try await person.get(path)
        let token = String(path.dropFirst("/console/set-password?token=".count))
        let set = try await person.post("/console/set-password", [("token", token), ("password", "signer password 1"), ("password-again", "signer password 1")])
        #expect(set.status == 200)
        #expect(try await person.signIn(email: "signer@a.example", password: "signer password 1").status == 303)
        let home = try await person.get("/console/")
        #expect(home.text.contains("LA signer") && home.text.contains("Viewer"))
        // A staff account may not manage accounts or read the audit log.
        #expect(try await person.get("/console/accounts").status == 403)
        #expect(try await person.get("/console/audit").status == 403)
        #expect(try await person.post("/console/accounts", [("email", "x@a.example"), ("name", "X")]).status == 403)
        let audit = try await main.get("/console/audit")
        #expect(audit.status == 200 && audit.text.contains("account.create") && audit.text.contains("signer@a.example"))
    }

    @Test("roles, disable, enable, new link and delete work on the HEI's own staff; disabling ends the person's sessions; each is audited")
    func manageStaff() async throws {
        let node = try await Self.node()
        let staff = try await node.createStaff(hei: "a.example", email: "staff@a.example", roles: [.viewer])
        let main = try await node.signedIn("main@a.example")
        let person = try await node.signedIn("staff@a.example")
        _ = try await main.get("/console/accounts")
        #expect(try await main.post("/console/accounts/\(staff.id)/roles", [("role", "iia-approver"), ("role", "operator")]).status == 303)
        #expect(try await node.store.consoleAccount(id: staff.id)?.roles == ["iia-approver"])
        #expect(try await main.post("/console/accounts/\(staff.id)/disable").status == 303)
        #expect(try await person.get("/console/").status == 303)
        #expect(try await node.browser().signIn(email: "staff@a.example", password: ConsoleTestNode.password).status == 401)
        #expect(try await main.post("/console/accounts/\(staff.id)/enable").status == 303)
        #expect(try await node.browser().signIn(email: "staff@a.example", password: ConsoleTestNode.password).status == 303)
        let link = try await main.post("/console/accounts/\(staff.id)/reset-password")
        #expect(link.status == 200 && link.text.contains("/console/set-password?token="))
        #expect(try await main.post("/console/accounts/\(staff.id)/delete").status == 303)
        #expect(try await node.store.consoleAccount(id: staff.id) == nil)
        let audit = try await main.get("/console/audit")
        for action in ["account.roles", "account.disable", "account.enable", "account.reset-password", "account.delete"] {
            #expect(audit.text.contains(action), "\(action)")
        }
        // Another HEI's main account sees none of it.
        let other = try await node.signedIn("main@c.example")
        let otherAudit = try await other.get("/console/audit")
        #expect(otherAudit.status == 200 && !otherAudit.text.contains("staff@a.example"))
    }

    @Test("every account action on another HEI's account is a 404 and changes nothing; the main account itself is not managed here")
    func otherHEI() async throws {
        let node = try await Self.node()
        let theirs = try await node.createStaff(hei: "c.example", email: "staff@c.example", roles: [.viewer])
        let main = try await node.signedIn("main@a.example")
        _ = try await main.get("/console/accounts")
        for action in ["roles", "disable", "enable", "reset-password", "delete"] {
            let answer = try await main.post("/console/accounts/\(theirs.id)/\(action)", [("role", "la-signer")])
            #expect(answer.status == 404, "\(action)")
        }
        #expect(try await node.store.consoleAccount(id: theirs.id) == theirs)
        #expect(!(try await main.get("/console/accounts")).text.contains("staff@c.example"))
        let own = try #require(try await node.store.consoleAccount(email: "main@a.example"))
        #expect(try await main.post("/console/accounts/\(own.id)/disable").status == 400)
    }

    @Test("an operator account has no HEI: the HEI's pages are 404 for it")
    func operatorAccount() async throws {
        let node = try await Self.node()
        try await node.createOperator(email: "ops@node.example")
        let ops = try await node.signedIn("ops@node.example")
        #expect(try await ops.get("/console/").status == 200)
        #expect(try await ops.get("/console/accounts").status == 404)
        #expect(try await ops.get("/console/audit").status == 404)
    }
}
