import Foundation
import GRDB

/// The console tables (migration "v8-console"): accounts, sessions, failed logins, audit log.
/// Times are Unix seconds; roles a comma-separated list.
enum SQLiteConsole {
    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE console_accounts (
                id TEXT PRIMARY KEY,
                hei_id TEXT,
                hei_key TEXT,
                email TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                position TEXT NOT NULL,
                roles TEXT NOT NULL,
                is_main INTEGER NOT NULL,
                password_hash TEXT,
                set_password_token_hash TEXT,
                disabled INTEGER NOT NULL,
                created_at REAL NOT NULL
            );
            CREATE UNIQUE INDEX console_accounts_one_main ON console_accounts (hei_key) WHERE is_main = 1;
            CREATE INDEX console_accounts_by_hei ON console_accounts (hei_key, email);
            CREATE TABLE console_sessions (
                token_hash TEXT PRIMARY KEY,
                account_id TEXT NOT NULL REFERENCES console_accounts (id) ON DELETE CASCADE,
                csrf_token TEXT NOT NULL,
                created_at REAL NOT NULL,
                last_seen_at REAL NOT NULL
            );
            CREATE INDEX console_sessions_by_account ON console_sessions (account_id);
            CREATE TABLE console_login_failures (
                key TEXT NOT NULL,
                at REAL NOT NULL
            );
            CREATE INDEX console_login_failures_by_key ON console_login_failures (key, at);
            CREATE TABLE console_audit (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                at REAL NOT NULL,
                hei_key TEXT,
                hei_id TEXT,
                account_email TEXT NOT NULL,
                action TEXT NOT NULL,
                object TEXT NOT NULL,
                detail TEXT NOT NULL
            );
            CREATE INDEX console_audit_by_hei ON console_audit (hei_key, id);
            """)
    }

    static let accountColumns = "id, hei_id, email, name, position, roles, password_hash, set_password_token_hash, disabled, created_at"

    static func account(_ row: Row) throws -> ConsoleAccountRecord {
        let roles: String = try row.decode(forColumn: "roles")
        return ConsoleAccountRecord(
            id: try row.decode(forColumn: "id"), heiID: try row.decode(forColumn: "hei_id"), email: try row.decode(forColumn: "email"),
            name: try row.decode(forColumn: "name"), position: try row.decode(forColumn: "position"),
            roles: roles.split(separator: ",").map(String.init), passwordHash: try row.decode(forColumn: "password_hash"),
            setPasswordTokenHash: try row.decode(forColumn: "set_password_token_hash"), disabled: try row.decode(forColumn: "disabled"),
            createdAt: Date(timeIntervalSince1970: try row.decode(forColumn: "created_at")))
    }

    static func accounts(_ db: Database, _ tail: String, _ arguments: StatementArguments) throws -> [ConsoleAccountRecord] {
        try Row.fetchAll(db, sql: "SELECT \(accountColumns) FROM console_accounts \(tail)", arguments: arguments).map(account)
    }

    static func session(_ row: Row) throws -> ConsoleSessionRecord {
        ConsoleSessionRecord(tokenHash: try row.decode(forColumn: "token_hash"), accountID: try row.decode(forColumn: "account_id"),
                             csrfToken: try row.decode(forColumn: "csrf_token"),
                             createdAt: Date(timeIntervalSince1970: try row.decode(forColumn: "created_at")),
                             lastSeenAt: Date(timeIntervalSince1970: try row.decode(forColumn: "last_seen_at")))
    }
}

/// `ConsoleStore` on the console tables; the semantics are documented on the protocol.
extension SQLiteStore {
    public func createConsoleAccount(_ account: ConsoleAccountRecord) async throws {
        try account.validate()
        try await write("create console account \(account.email)") { db in
            try db.execute(sql: """
                INSERT INTO console_accounts (id, hei_id, hei_key, email, name, position, roles, is_main, password_hash,
                    set_password_token_hash, disabled, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [account.id, account.heiID, account.heiID?.lowercased(), account.email.lowercased(), account.name,
                                 account.position, account.roles.joined(separator: ","), account.isMain, account.passwordHash,
                                 account.setPasswordTokenHash, account.disabled, account.createdAt.timeIntervalSince1970])
        }
    }

    public func updateConsoleAccount(_ account: ConsoleAccountRecord) async throws -> Bool {
        try account.validate()
        return try await write("update console account \(account.email)") { db in
            try db.execute(sql: """
                UPDATE console_accounts SET hei_id = ?, hei_key = ?, email = ?, name = ?, position = ?, roles = ?, is_main = ?,
                    password_hash = ?, set_password_token_hash = ?, disabled = ? WHERE id = ?
                """, arguments: [account.heiID, account.heiID?.lowercased(), account.email.lowercased(), account.name, account.position,
                                 account.roles.joined(separator: ","), account.isMain, account.passwordHash, account.setPasswordTokenHash,
                                 account.disabled, account.id])
            return db.changesCount > 0
        }
    }

    public func deleteConsoleAccount(id: String) async throws -> Bool {
        try await write("delete console account \(id)") { db in
            try db.execute(sql: "DELETE FROM console_sessions WHERE account_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM console_accounts WHERE id = ?", arguments: [id])
            return db.changesCount > 0
        }
    }

    public func consoleAccount(id: String) async throws -> ConsoleAccountRecord? {
        try await read("read console account \(id)") { db in try SQLiteConsole.accounts(db, "WHERE id = ?", [id]).first }
    }

    public func consoleAccount(email: String) async throws -> ConsoleAccountRecord? {
        try await read("read console account \(email)") { db in
            try SQLiteConsole.accounts(db, "WHERE email = ?", [email.lowercased()]).first
        }
    }

    public func consoleAccount(setPasswordTokenHash: String) async throws -> ConsoleAccountRecord? {
        try await read("read console account by set-password token") { db in
            try SQLiteConsole.accounts(db, "WHERE set_password_token_hash = ?", [setPasswordTokenHash]).first
        }
    }

    public func consoleAccounts(heiID: String?) async throws -> [ConsoleAccountRecord] {
        try await read("list console accounts") { db in
            if let heiID { return try SQLiteConsole.accounts(db, "WHERE hei_key = ? ORDER BY email", [heiID.lowercased()]) }
            return try SQLiteConsole.accounts(db, "WHERE hei_key IS NULL ORDER BY email", [])
        }
    }

    public func createConsoleSession(_ session: ConsoleSessionRecord) async throws {
        try await write("create console session") { db in
            try db.execute(sql: """
                INSERT INTO console_sessions (token_hash, account_id, csrf_token, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)
                """, arguments: [session.tokenHash, session.accountID, session.csrfToken, session.createdAt.timeIntervalSince1970,
                                 session.lastSeenAt.timeIntervalSince1970])
        }
    }

    public func consoleSession(tokenHash: String) async throws -> ConsoleSessionRecord? {
        try await read("read console session") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM console_sessions WHERE token_hash = ?", arguments: [tokenHash]).map(SQLiteConsole.session)
        }
    }

    public func touchConsoleSession(tokenHash: String, at: Date) async throws {
        try await write("touch console session") { db in
            try db.execute(sql: "UPDATE console_sessions SET last_seen_at = ? WHERE token_hash = ?", arguments: [at.timeIntervalSince1970, tokenHash])
        }
    }

    public func deleteConsoleSession(tokenHash: String) async throws {
        try await write("delete console session") { db in
            try db.execute(sql: "DELETE FROM console_sessions WHERE token_hash = ?", arguments: [tokenHash])
        }
    }

    public func deleteConsoleSessions(accountID: String) async throws {
        try await write("delete console sessions of \(accountID)") { db in
            try db.execute(sql: "DELETE FROM console_sessions WHERE account_id = ?", arguments: [accountID])
        }
    }

    public func deleteConsoleSessions(lastSeenBefore cutoff: Date) async throws -> Int {
        try await write("delete idle console sessions") { db in
            try db.execute(sql: "DELETE FROM console_sessions WHERE last_seen_at < ?", arguments: [cutoff.timeIntervalSince1970])
            return db.changesCount
        }
    }

    public func recordLoginFailure(keys: [String], at: Date) async throws {
        try await write("record failed login") { db in
            for key in keys {
                try db.execute(sql: "INSERT INTO console_login_failures (key, at) VALUES (?, ?)", arguments: [key, at.timeIntervalSince1970])
            }
        }
    }

    public func loginFailures(key: String, since: Date) async throws -> Int {
        try await read("count failed logins") { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM console_login_failures WHERE key = ? AND at >= ?",
                             arguments: [key, since.timeIntervalSince1970]) ?? 0
        }
    }

    public func clearLoginFailures(key: String) async throws {
        try await write("clear failed logins") { db in
            try db.execute(sql: "DELETE FROM console_login_failures WHERE key = ?", arguments: [key])
        }
    }

    public func deleteLoginFailures(before cutoff: Date) async throws {
        try await write("delete old failed logins") { db in
            try db.execute(sql: "DELETE FROM console_login_failures WHERE at < ?", arguments: [cutoff.timeIntervalSince1970])
        }
    }

    public func appendAuditEntry(_ entry: ConsoleAuditEntry) async throws {
        try await write("append audit entry") { db in
            try db.execute(sql: """
                INSERT INTO console_audit (at, hei_key, hei_id, account_email, action, object, detail) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [entry.at.timeIntervalSince1970, entry.heiID?.lowercased(), entry.heiID, entry.accountEmail, entry.action,
                                 entry.object, entry.detail])
        }
    }

    public func auditEntries(heiID: String?, limit: Int, offset: Int) async throws -> [ConsoleAuditEntry] {
        try await read("list audit entries") { db in
            let condition = heiID == nil ? "hei_key IS NULL" : "hei_key = ?"
            var arguments: StatementArguments = heiID.map { [$0.lowercased()] } ?? []
            arguments += [limit, offset]
            return try Row.fetchAll(db, sql: """
                SELECT at, hei_id, account_email, action, object, detail FROM console_audit WHERE \(condition) ORDER BY id DESC LIMIT ? OFFSET ?
                """, arguments: arguments).map { row in
                ConsoleAuditEntry(at: Date(timeIntervalSince1970: try row.decode(forColumn: "at")), heiID: try row.decode(forColumn: "hei_id"),
                                  accountEmail: try row.decode(forColumn: "account_email"), action: try row.decode(forColumn: "action"),
                                  object: try row.decode(forColumn: "object"), detail: try row.decode(forColumn: "detail"))
            }
        }
    }
}
