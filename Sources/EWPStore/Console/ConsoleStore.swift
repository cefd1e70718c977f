import Foundation

/// A person's account of the IRO console. `heiID` is the HEI the account acts for (nil for an
/// operator account, which sees the node itself and no HEI's objects). `roles` holds role names
/// ("main", "viewer", "iia-approver", "la-signer", "nomination-answerer", "operator"); the store keeps them as given.
public struct ConsoleAccountRecord: Sendable, Equatable {
    public var id: String
    public var heiID: String?
    public var email: String
    public var name: String
    public var position: String
    public var roles: [String]
    /// bcrypt hash of the password; nil until the person sets one with the one-time token.
    public var passwordHash: String?
    /// SHA-256 (hex) of the one-time set-password token, while one is outstanding.
    public var setPasswordTokenHash: String?
    public var disabled: Bool
    public var createdAt: Date

    public init(id: String, heiID: String?, email: String, name: String, position: String, roles: [String],
                passwordHash: String?, setPasswordTokenHash: String?, disabled: Bool, createdAt: Date) {
        self.id = id
        self.heiID = heiID
        self.email = email
        self.name = name
        self.position = position
        self.roles = roles
        self.passwordHash = passwordHash
        self.setPasswordTokenHash = setPasswordTokenHash
        self.disabled = disabled
        self.createdAt = createdAt
    }

    /// True for the HEI's one main account.
    public var isMain: Bool { roles.contains("main") }

    public func validate() throws {
        try StoreError.requireNonEmpty(["id": id, "email": email], in: "console account")
        if let heiID, heiID.isEmpty { throw StoreError(.invalidInput, "console account \(email) has an empty HEI id") }
        if roles.contains(where: { $0.isEmpty || $0.contains(",") }) {
            throw StoreError(.invalidInput, "console account \(email) has a role that is empty or holds a comma")
        }
    }
}

/// A signed-in session: the store keeps only the SHA-256 of the cookie's token, never the token.
public struct ConsoleSessionRecord: Sendable, Equatable {
    public var tokenHash: String
    public var accountID: String
    public var csrfToken: String
    public var createdAt: Date
    public var lastSeenAt: Date

    public init(tokenHash: String, accountID: String, csrfToken: String, createdAt: Date, lastSeenAt: Date) {
        self.tokenHash = tokenHash
        self.accountID = accountID
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
    }
}

/// One line of the audit log: who (`accountEmail`, for `heiID`) did `action` on `object`, and when.
public struct ConsoleAuditEntry: Sendable, Equatable {
    public var at: Date
    public var heiID: String?
    public var accountEmail: String
    public var action: String
    public var object: String
    public var detail: String

    public init(at: Date, heiID: String?, accountEmail: String, action: String, object: String, detail: String) {
        self.at = at
        self.heiID = heiID
        self.accountEmail = accountEmail
        self.action = action
        self.object = object
        self.detail = detail
    }
}

/// The IRO console's own storage: accounts, sessions, failed logins and the audit log.
/// E-mails are kept and looked up lower-cased. At most one account per HEI holds the "main" role:
/// a second one is refused with `StoreError.conflict`, and so is a second account with an e-mail
/// already taken.
public protocol ConsoleStore: Sendable {
    func createConsoleAccount(_ account: ConsoleAccountRecord) async throws
    /// Replaces every field but `id` and `createdAt`; false when no such account.
    @discardableResult
    func updateConsoleAccount(_ account: ConsoleAccountRecord) async throws -> Bool
    /// Deletes the account and its sessions; false when no such account.
    @discardableResult
    func deleteConsoleAccount(id: String) async throws -> Bool
    func consoleAccount(id: String) async throws -> ConsoleAccountRecord?
    func consoleAccount(email: String) async throws -> ConsoleAccountRecord?
    /// The account whose outstanding set-password token hashes to `setPasswordTokenHash`.
    func consoleAccount(setPasswordTokenHash: String) async throws -> ConsoleAccountRecord?
    /// The accounts of `heiID` (compared case-insensitively), by e-mail; operator accounts when nil.
    func consoleAccounts(heiID: String?) async throws -> [ConsoleAccountRecord]

    func createConsoleSession(_ session: ConsoleSessionRecord) async throws
    func consoleSession(tokenHash: String) async throws -> ConsoleSessionRecord?
    func touchConsoleSession(tokenHash: String, at: Date) async throws
    func deleteConsoleSession(tokenHash: String) async throws
    /// Ends every session of the account (disabled, deleted, password changed).
    func deleteConsoleSessions(accountID: String) async throws
    /// Removes sessions last seen before `cutoff`; the number removed.
    @discardableResult
    func deleteConsoleSessions(lastSeenBefore cutoff: Date) async throws -> Int

    /// Records one failed login under each of `keys` (e.g. the account and the address).
    func recordLoginFailure(keys: [String], at: Date) async throws
    /// The failed logins under `key` at or after `since`.
    func loginFailures(key: String, since: Date) async throws -> Int
    /// Forgets the failed logins under `key` (after a successful login).
    func clearLoginFailures(key: String) async throws
    /// Forgets every failed login before `cutoff` (older than any window asks about).
    func deleteLoginFailures(before cutoff: Date) async throws

    func appendAuditEntry(_ entry: ConsoleAuditEntry) async throws
    /// The audit entries of `heiID` (nil: the operators' entries), newest first.
    func auditEntries(heiID: String?, limit: Int, offset: Int) async throws -> [ConsoleAuditEntry]
}
