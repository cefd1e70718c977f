import EWPStore
import Foundation
import PostgresNIO

/// `ConsoleStore` on the console tables (migration "v7-console"); the semantics are documented on
/// the protocol.
extension PostgresStore {
    private static let accountColumns = "id, hei_id, email, name, position, roles, password_hash, set_password_token_hash, disabled, created_at"

    private static func account(_ row: PostgresRandomAccessRow) throws -> ConsoleAccountRecord {
        ConsoleAccountRecord(
            id: try row.string("id"), heiID: try row.optionalString("hei_id"), email: try row.string("email"), name: try row.string("name"),
            position: try row.string("position"), roles: try row.string("roles").split(separator: ",").map(String.init),
            passwordHash: try row.optionalString("password_hash"), setPasswordTokenHash: try row.optionalString("set_password_token_hash"),
            disabled: try row["disabled"].decode(Bool.self), createdAt: try row.date("created_at"))
    }

    private static func session(_ row: PostgresRandomAccessRow) throws -> ConsoleSessionRecord {
        ConsoleSessionRecord(tokenHash: try row.string("token_hash"), accountID: try row.string("account_id"),
                             csrfToken: try row.string("csrf_token"), createdAt: try row.date("created_at"), lastSeenAt: try row.date("last_seen_at"))
    }

    private func accounts(_ what: String, _ tail: String, _ values: [SQLValue]) async throws -> [ConsoleAccountRecord] {
        try await read(what) { connection in
            try await self.rows(connection, "SELECT \(Self.accountColumns) FROM console_accounts \(tail)", values).map(Self.account)
        }
    }

    public func createConsoleAccount(_ account: ConsoleAccountRecord) async throws {
        try account.validate()
        try await write("create console account \(account.email)") { connection in
            _ = try await self.rows(connection, """
                INSERT INTO console_accounts (id, hei_id, hei_key, email, name, position, roles, is_main, password_hash,
                    set_password_token_hash, disabled, created_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
                """, [account.id, account.heiID, account.heiID?.lowercased(), account.email.lowercased(), account.name, account.position,
                      account.roles.joined(separator: ","), account.isMain, account.passwordHash, account.setPasswordTokenHash,
                      account.disabled, account.createdAt.timeIntervalSince1970])
        }
    }

    public func updateConsoleAccount(_ account: ConsoleAccountRecord) async throws -> Bool {
        try account.validate()
        return try await write("update console account \(account.email)") { connection in
            try await self.rows(connection, """
                UPDATE console_accounts SET hei_id = $1, hei_key = $2, email = $3, name = $4, position = $5, roles = $6, is_main = $7,
                    password_hash = $8, set_password_token_hash = $9, disabled = $10 WHERE id = $11 RETURNING id
                """, [account.heiID, account.heiID?.lowercased(), account.email.lowercased(), account.name, account.position,
                      account.roles.joined(separator: ","), account.isMain, account.passwordHash, account.setPasswordTokenHash,
                      account.disabled, account.id]).count > 0
        }
    }

    public func deleteConsoleAccount(id: String) async throws -> Bool {
        try await write("delete console account \(id)") { connection in
            _ = try await self.rows(connection, "DELETE FROM console_sessions WHERE account_id = $1", [id])
            return try await self.rows(connection, "DELETE FROM console_accounts WHERE id = $1 RETURNING id", [id]).count > 0
        }
    }

    public func consoleAccount(id: String) async throws -> ConsoleAccountRecord? {
        try await accounts("read console account \(id)", "WHERE id = $1", [id]).first
    }

    public func consoleAccount(email: String) async throws -> ConsoleAccountRecord? {
        try await accounts("read console account \(email)", "WHERE email = $1", [email.lowercased()]).first
    }

    public func consoleAccount(setPasswordTokenHash: String) async throws -> ConsoleAccountRecord? {
        try await accounts("read console account by set-password token", "WHERE set_password_token_hash = $1", [setPasswordTokenHash]).first
    }

    public func consoleAccounts(heiID: String?) async throws -> [ConsoleAccountRecord] {
        if let heiID { return try await accounts("list console accounts", "WHERE hei_key = $1 ORDER BY email", [heiID.lowercased()]) }
        return try await accounts("list console accounts", "WHERE hei_key IS NULL ORDER BY email", [])
    }

    public func createConsoleSession(_ session: ConsoleSessionRecord) async throws {
        try await write("create console session") { connection in
            _ = try await self.rows(connection, """
                INSERT INTO console_sessions (token_hash, account_id, csrf_token, created_at, last_seen_at) VALUES ($1, $2, $3, $4, $5)
                """, [session.tokenHash, session.accountID, session.csrfToken, session.createdAt.timeIntervalSince1970,
                      session.lastSeenAt.timeIntervalSince1970])
        }
    }

    public func consoleSession(tokenHash: String) async throws -> ConsoleSessionRecord? {
        try await read("read console session") { connection in
            try await self.rows(connection, """
                SELECT token_hash, account_id, csrf_token, created_at, last_seen_at FROM console_sessions WHERE token_hash = $1
                """, [tokenHash]).first.map(Self.session)
        }
    }

    public func touchConsoleSession(tokenHash: String, at: Date) async throws {
        try await write("touch console session") { connection in
            _ = try await self.rows(connection, "UPDATE console_sessions SET last_seen_at = $1 WHERE token_hash = $2", [at.timeIntervalSince1970, tokenHash])
        }
    }

    public func deleteConsoleSession(tokenHash: String) async throws {
        try await write("delete console session") { connection in
            _ = try await self.rows(connection, "DELETE FROM console_sessions WHERE token_hash = $1", [tokenHash])
        }
    }

    public func deleteConsoleSessions(accountID: String) async throws {
        try await write("delete console sessions of \(accountID)") { connection in
            _ = try await self.rows(connection, "DELETE FROM console_sessions WHERE account_id = $1", [accountID])
        }
    }

    public func deleteConsoleSessions(lastSeenBefore cutoff: Date) async throws -> Int {
        try await write("delete idle console sessions") { connection in
            try await self.rows(connection, "DELETE FROM console_sessions WHERE last_seen_at < $1 RETURNING token_hash",
                                [cutoff.timeIntervalSince1970]).count
        }
    }

    public func recordLoginFailure(keys: [String], at: Date) async throws {
        try await write("record failed login") { connection in
            for key in keys {
                _ = try await self.rows(connection, "INSERT INTO console_login_failures (key, at) VALUES ($1, $2)", [key, at.timeIntervalSince1970])
            }
        }
    }

    public func loginFailures(key: String, since: Date) async throws -> Int {
        try await read("count failed logins") { connection in
            let rows = try await self.rows(connection, "SELECT COUNT(*) AS failures FROM console_login_failures WHERE key = $1 AND at >= $2",
                                           [key, since.timeIntervalSince1970])
            return Int(try rows.first?["failures"].decode(Int64.self) ?? 0)
        }
    }

    public func clearLoginFailures(key: String) async throws {
        try await write("clear failed logins") { connection in
            _ = try await self.rows(connection, "DELETE FROM console_login_failures WHERE key = $1", [key])
        }
    }

    public func deleteLoginFailures(before cutoff: Date) async throws {
        try await write("delete old failed logins") { connection in
            _ = try await self.rows(connection, "DELETE FROM console_login_failures WHERE at < $1", [cutoff.timeIntervalSince1970])
        }
    }

    public func appendAuditEntry(_ entry: ConsoleAuditEntry) async throws {
        try await write("append audit entry") { connection in
            _ = try await self.rows(connection, """
                INSERT INTO console_audit (at, hei_key, hei_id, account_email, action, object, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)
                """, [entry.at.timeIntervalSince1970, entry.heiID?.lowercased(), entry.heiID, entry.accountEmail, entry.action,
                      entry.object, entry.detail])
        }
    }

    public func auditEntries(heiID: String?, limit: Int, offset: Int) async throws -> [ConsoleAuditEntry] {
        try await read("list audit entries") { connection in
            let rows: [PostgresRandomAccessRow]
            let columns = "at, hei_id, account_email, action, object, detail"
            if let heiID {
                rows = try await self.rows(connection, "SELECT \(columns) FROM console_audit WHERE hei_key = $1 ORDER BY id DESC LIMIT $2 OFFSET $3",
                                           [heiID.lowercased(), limit, offset])
            } else {
                rows = try await self.rows(connection, "SELECT \(columns) FROM console_audit WHERE hei_key IS NULL ORDER BY id DESC LIMIT $1 OFFSET $2",
                                           [limit, offset])
            }
            return try rows.map { row in
                ConsoleAuditEntry(at: try row.date("at"), heiID: try row.optionalString("hei_id"), accountEmail: try row.string("account_email"),
                                  action: try row.string("action"), object: try row.string("object"), detail: try row.string("detail"))
            }
        }
    }
}
