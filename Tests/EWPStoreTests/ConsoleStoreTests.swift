import EWPStore
import Foundation
import Testing

/// The console's accounts, sessions, failed logins and audit log, on both engines.
@Suite("Console store: accounts, sessions, failed logins, audit log")
struct ConsoleStoreTests {
    static func account(_ id: String, hei: String?, email: String, roles: [String]) -> ConsoleAccountRecord {
        ConsoleAccountRecord(id: id, heiID: hei, email: email, name: "Name \(id)", position: "IRO", roles: roles, passwordHash: "$2b$04$x",
                             setPasswordTokenHash: "tok-\(id)", disabled: false, createdAt: Date(timeIntervalSince1970: 1_000))
    }

    @Test("accounts round-trip; e-mails are found in any case; a HEI's accounts are listed whatever the HEI id's case", arguments: StoreEngine.all)
    func accounts(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let store = fixture.store
        let main = Self.account("1", hei: "A.example", email: "main@a.example", roles: ["main"])
        try await store.createConsoleAccount(main)
        try await store.createConsoleAccount(Self.account("2", hei: "a.example", email: "staff@a.example", roles: ["viewer", "la-signer"]))
        try await store.createConsoleAccount(Self.account("3", hei: "c.example", email: "main@c.example", roles: ["main"]))
        try await store.createConsoleAccount(Self.account("4", hei: nil, email: "ops@node.example", roles: ["operator"]))
        #expect(try await store.consoleAccount(id: "1") == main)
        #expect(try await store.consoleAccount(email: "MAIN@a.example")?.id == "1")
        #expect(try await store.consoleAccount(setPasswordTokenHash: "tok-2")?.email == "staff@a.example")
        #expect(try await store.consoleAccounts(heiID: "a.EXAMPLE").map(\.id) == ["1", "2"])
        #expect(try await store.consoleAccounts(heiID: "a.example")[1].roles == ["viewer", "la-signer"])
        #expect(try await store.consoleAccounts(heiID: nil).map(\.id) == ["4"])
        var changed = main
        changed.disabled = true
        changed.passwordHash = nil
        changed.setPasswordTokenHash = nil
        #expect(try await store.updateConsoleAccount(changed))
        #expect(try await store.consoleAccount(id: "1") == changed)
        #expect(try await store.updateConsoleAccount(Self.account("9", hei: "a.example", email: "x@a.example", roles: [])) == false)
        #expect(try await store.deleteConsoleAccount(id: "2"))
        #expect(try await store.deleteConsoleAccount(id: "2") == false)
        #expect(try await store.consoleAccounts(heiID: "a.example").map(\.id) == ["1"])
    }

    @Test("a second main account for the same HEI (any case) and a taken e-mail are conflicts; other HEIs and staff are not", arguments: StoreEngine.all)
    func oneMainPerHEI(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let store = fixture.store
        try await store.createConsoleAccount(Self.account("1", hei: "a.example", email: "main@a.example", roles: ["main"]))
        let second = await #expect(throws: StoreError.self) {
            try await store.createConsoleAccount(Self.account("2", hei: "A.Example", email: "other@a.example", roles: ["main"]))
        }
        #expect(second?.code == .conflict)
        let taken = await #expect(throws: StoreError.self) {
            try await store.createConsoleAccount(Self.account("3", hei: "c.example", email: "Main@A.example", roles: ["viewer"]))
        }
        #expect(taken?.code == .conflict)
        try await store.createConsoleAccount(Self.account("4", hei: "c.example", email: "main@c.example", roles: ["main"]))
        try await store.createConsoleAccount(Self.account("5", hei: "a.example", email: "staff@a.example", roles: ["viewer"]))
        #expect(try await store.consoleAccounts(heiID: "a.example").count == 2)
    }

    @Test("sessions: created, read, touched, ended one by one, per account, and when idle; deleting the account ends them", arguments: StoreEngine.all)
    func sessions(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let store = fixture.store
        try await store.createConsoleAccount(Self.account("1", hei: "a.example", email: "main@a.example", roles: ["main"]))
        try await store.createConsoleAccount(Self.account("2", hei: "a.example", email: "staff@a.example", roles: ["viewer"]))
        let t = Date(timeIntervalSince1970: 5_000)
        let first = ConsoleSessionRecord(tokenHash: "h1", accountID: "1", csrfToken: "c1", createdAt: t, lastSeenAt: t)
        try await store.createConsoleSession(first)
        try await store.createConsoleSession(ConsoleSessionRecord(tokenHash: "h2", accountID: "1", csrfToken: "c2", createdAt: t, lastSeenAt: t))
        try await store.createConsoleSession(ConsoleSessionRecord(tokenHash: "h3", accountID: "2", csrfToken: "c3", createdAt: t, lastSeenAt: t))
        #expect(try await store.consoleSession(tokenHash: "h1") == first)
        try await store.touchConsoleSession(tokenHash: "h1", at: t.addingTimeInterval(100))
        #expect(try await store.consoleSession(tokenHash: "h1")?.lastSeenAt == t.addingTimeInterval(100))
        #expect(try await store.deleteConsoleSessions(lastSeenBefore: t.addingTimeInterval(50)) == 2)
        #expect(try await store.consoleSession(tokenHash: "h2") == nil)
        #expect(try await store.consoleSession(tokenHash: "h1") != nil)
        try await store.createConsoleSession(ConsoleSessionRecord(tokenHash: "h4", accountID: "2", csrfToken: "c4", createdAt: t, lastSeenAt: t))
        try await store.deleteConsoleSessions(accountID: "1")
        #expect(try await store.consoleSession(tokenHash: "h1") == nil)
        #expect(try await store.deleteConsoleAccount(id: "2"))
        #expect(try await store.consoleSession(tokenHash: "h4") == nil)
        try await store.deleteConsoleSession(tokenHash: "nothing")
    }

    @Test("failed logins are counted per key within the window, cleared per key, and old ones deleted", arguments: StoreEngine.all)
    func loginFailures(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let store = fixture.store
        let t = Date(timeIntervalSince1970: 10_000)
        try await store.recordLoginFailure(keys: ["account:a", "address:1.2.3.4"], at: t)
        try await store.recordLoginFailure(keys: ["account:a", "address:1.2.3.4"], at: t.addingTimeInterval(60))
        try await store.recordLoginFailure(keys: ["account:b", "address:1.2.3.4"], at: t.addingTimeInterval(120))
        #expect(try await store.loginFailures(key: "account:a", since: t) == 2)
        #expect(try await store.loginFailures(key: "account:a", since: t.addingTimeInterval(30)) == 1)
        #expect(try await store.loginFailures(key: "address:1.2.3.4", since: t) == 3)
        try await store.clearLoginFailures(key: "account:a")
        #expect(try await store.loginFailures(key: "account:a", since: t) == 0)
        #expect(try await store.loginFailures(key: "address:1.2.3.4", since: t) == 3)
        try await store.deleteLoginFailures(before: t.addingTimeInterval(100))
        #expect(try await store.loginFailures(key: "address:1.2.3.4", since: .distantPast) == 1)
        #expect(try await store.loginFailures(key: "account:b", since: .distantPast) == 1)
    }

    @Test("the audit log lists one HEI's entries (any case), newest first, paged; operators' entries apart", arguments: StoreEngine.all)
    func audit(engine: StoreEngine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.remove() }
        let store = fixture.store
        for index in 0..<5 {
            try await store.appendAuditEntry(ConsoleAuditEntry(at: Date(timeIntervalSince1970: Double(index)), heiID: "a.example",
                                                               accountEmail: "x@a.example", action: "iia.approve", object: "iia-\(index)", detail: ""))
        }
        try await store.appendAuditEntry(ConsoleAuditEntry(at: Date(timeIntervalSince1970: 9), heiID: "c.example", accountEmail: "y@c.example",
                                                           action: "la.approve", object: "m-1", detail: "d"))
        try await store.appendAuditEntry(ConsoleAuditEntry(at: Date(timeIntervalSince1970: 9), heiID: nil, accountEmail: "ops@x",
                                                           action: "cnr.retry", object: "7", detail: ""))
        #expect(try await store.auditEntries(heiID: "A.example", limit: 2, offset: 0).map(\.object) == ["iia-4", "iia-3"])
        #expect(try await store.auditEntries(heiID: "a.example", limit: 10, offset: 3).map(\.object) == ["iia-1", "iia-0"])
        #expect(try await store.auditEntries(heiID: "c.example", limit: 10, offset: 0)
                == [ConsoleAuditEntry(at: Date(timeIntervalSince1970: 9), heiID: "c.example", accountEmail: "y@c.example", action: "la.approve",
                                      object: "m-1", detail: "d")])
        #expect(try await store.auditEntries(heiID: nil, limit: 10, offset: 0).map(\.action) == ["cnr.retry"])
    }
}
