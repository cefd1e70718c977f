import EWPCore
import EWPCrypto
import EWPStore
import EWPXML
import Foundation
import HummingbirdBcrypt
import Synchronization

/// Why an account change was refused, in words for the person (or the operator at the CLI).
public struct ConsoleAccountRefusal: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }

    /// The reason as a sentence for a page.
    var sentence: String { description.prefix(1).uppercased() + description.dropFirst() + "." }
}

/// Creating accounts, setting and checking passwords. Passwords are kept only as bcrypt hashes;
/// a new account gets a one-time token (kept as its SHA-256) with which its person sets a password.
public struct ConsoleAccounts: Sendable {
    let store: any ConsoleStore
    let now: @Sendable () -> Date
    let bcryptCost: UInt8

    /// bcrypt takes a quarter of a second by design: it runs on threads of its own, never on Swift's
    /// cooperative pool (two threads here, serving every request).
    private static let hashing = WorkerThreadPool(threads: 2, name: "ewp-bcrypt")

    public static let minimumPasswordLength = 12

    public init(store: any ConsoleStore, now: @escaping @Sendable () -> Date, bcryptCost: UInt8 = 12) {
        self.store = store
        self.now = now
        self.bcryptCost = bcryptCost
    }

    /// A new account and the one-time token with which its person sets a password.
    public struct Created: Sendable {
        public let account: ConsoleAccountRecord
        public let setPasswordToken: String
        /// The path (below the node's public URL) where the token is used.
        public var setPasswordPath: String { "/console/set-password?token=" + setPasswordToken }
    }

    /// The HEI's main account; refused when the HEI has one, or the e-mail is taken.
    public func createMain(heiID: HEIID, email: String, name: String, position: String) async throws -> Created {
        if try await store.consoleAccounts(heiID: heiID.value).contains(where: \.isMain) {
            throw ConsoleAccountRefusal("\(heiID) has a main account already; there is one per HEI")
        }
        return try await create(heiID: heiID, email: email, name: name, position: position, roles: [.main])
    }

    /// An operator account (the node itself, no HEI).
    public func createOperator(email: String, name: String) async throws -> Created {
        try await create(heiID: nil, email: email, name: name, position: "Node operator", roles: [.operator])
    }

    /// A staff account of `heiID` with `roles` (from `ConsoleRole.grantable`).
    public func createStaff(heiID: HEIID, email: String, name: String, position: String, roles: Set<ConsoleRole>) async throws -> Created {
        guard roles.isSubset(of: ConsoleRole.grantable) else { throw ConsoleAccountRefusal("a staff account may hold only the roles " + ConsoleRole.grantable.map(\.rawValue).joined(separator: ", ")) }
        return try await create(heiID: heiID, email: email, name: name, position: position, roles: roles)
    }

    private func create(heiID: HEIID?, email: String, name: String, position: String, roles: Set<ConsoleRole>) async throws -> Created {
        let email = email.trimmingCharacters(in: .whitespaces).lowercased()
        guard Self.looksLikeEmail(email) else { throw ConsoleAccountRefusal("\"\(email)\" is not an e-mail address") }
        if try await store.consoleAccount(email: email) != nil { throw ConsoleAccountRefusal("an account with the e-mail \(email) exists already") }
        let token = ConsoleTokens.make()
        let record = ConsoleAccountRecord(
            id: UUID().uuidString.lowercased(), heiID: heiID?.value, email: email,
            name: name.trimmingCharacters(in: .whitespaces).isEmpty ? email : name.trimmingCharacters(in: .whitespaces),
            position: position.trimmingCharacters(in: .whitespaces), roles: roles.sorted().map(\.rawValue), passwordHash: nil,
            setPasswordTokenHash: ConsoleTokens.hash(token), disabled: false, createdAt: now())
        do {
            try await store.createConsoleAccount(record)
        } catch let error as StoreError where error.code == .conflict {
            throw ConsoleAccountRefusal(record.isMain ? "\(heiID?.value ?? "") has a main account already; there is one per HEI"
                                                      : "an account with the e-mail \(email) exists already")
        }
        return Created(account: record, setPasswordToken: token)
    }

    /// Sets the password of the account whose one-time token this is; the token is used up, and
    /// the account's sessions end. The account, or nil when the token is unknown.
    public func setPassword(token: String, password: String) async throws -> ConsoleAccountRecord? {
        try Self.checkStrength(password)
        let hash = ConsoleTokens.hash(token)
        guard var account = try await accountHolding(tokenHash: hash) else { return nil }
        account.passwordHash = await Self.hashing.run { [bcryptCost] in Bcrypt.hash(password, cost: bcryptCost) }
        account.setPasswordTokenHash = nil
        try await store.updateConsoleAccount(account)
        try await store.deleteConsoleSessions(accountID: account.id)
        return account
    }

    /// A fresh one-time token for the account (the old password stays until the token is used).
    public func newSetPasswordToken(accountID: String) async throws -> String? {
        guard var account = try await store.consoleAccount(id: accountID) else { return nil }
        let token = ConsoleTokens.make()
        account.setPasswordTokenHash = ConsoleTokens.hash(token)
        try await store.updateConsoleAccount(account)
        return token
    }

    /// The enabled account whose e-mail and password these are.
    func verify(email: String, password: String) async throws -> ConsoleAccountRecord? {
        let account = try await store.consoleAccount(email: email.trimmingCharacters(in: .whitespaces))
        // An unknown e-mail costs the same bcrypt time as a wrong password, so timing tells nothing.
        let stored = account?.passwordHash
        let matches = await Self.hashing.run { [bcryptCost] in Bcrypt.verify(password, hash: stored ?? Self.decoyHash(cost: bcryptCost)) }
        guard matches, let account, account.passwordHash != nil, !account.disabled else { return nil }
        return account
    }

    func accountHolding(tokenHash: String) async throws -> ConsoleAccountRecord? {
        try await store.consoleAccount(setPasswordTokenHash: tokenHash)
    }

    static func checkStrength(_ password: String) throws(ConsoleAccountRefusal) {
        guard password.count >= minimumPasswordLength else {
            throw ConsoleAccountRefusal("the password must have at least \(minimumPasswordLength) characters")
        }
    }

    static func looksLikeEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !text.contains(where: { $0.isWhitespace || $0 == "," })
    }

    /// A bcrypt hash (of the cost passwords are hashed with) of a random password nobody knows,
    /// compared against when the e-mail is unknown.
    private static func decoyHash(cost: UInt8) -> String {
        decoys.withLock { decoys in
            if let hash = decoys[cost] { return hash }
            let hash = Bcrypt.hash(ConsoleTokens.make(), cost: cost)
            decoys[cost] = hash
            return hash
        }
    }

    private static let decoys = Mutex<[UInt8: String]>([:])
}

/// Random tokens for sessions, CSRF and set-password links: 32 bytes from the system's secure
/// generator, base64url without padding. The store keeps only their SHA-256 (hex).
enum ConsoleTokens {
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Base64.encode(bytes).replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func hash(_ token: String) -> String { SHA256Hash.hex(Array(token.utf8)) }

    /// Equal strings, compared in time that does not depend on where they differ.
    static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for (p, q) in zip(x, y) { difference |= p ^ q }
        return difference == 0
    }
}
