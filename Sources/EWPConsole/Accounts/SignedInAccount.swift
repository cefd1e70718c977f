import EWPCore
import EWPStore

/// The person behind a request: who they are, for which HEI they act, and what they may do. The
/// name, position and e-mail are what an LA signature of theirs carries.
public struct SignedInAccount: Sendable, Equatable {
    public let id: String
    /// The HEI the account acts for; nil for an operator account.
    public let heiID: HEIID?
    public let email: String
    public let name: String
    public let position: String
    public let roles: Set<ConsoleRole>

    public init(id: String, heiID: HEIID?, email: String, name: String, position: String, roles: Set<ConsoleRole>) {
        self.id = id
        self.heiID = heiID
        self.email = email
        self.name = name
        self.position = position
        self.roles = roles
    }

    init(_ record: ConsoleAccountRecord) {
        self.init(id: record.id, heiID: record.heiID.map(HEIID.init), email: record.email, name: record.name, position: record.position,
                  roles: Set(record.roles.compactMap(ConsoleRole.init(rawValue:))))
    }

    /// True when the account holds `role`; the main account holds every role of its HEI but
    /// `operator`, and an IIA approver, LA signer or nomination answerer may also view.
    public func may(_ role: ConsoleRole) -> Bool {
        if roles.contains(role) { return true }
        if role == .viewer && !roles.isDisjoint(with: [.iiaApprover, .laSigner, .nominationAnswerer]) { return true }
        return roles.contains(.main) && role != .operator
    }

    public var isMain: Bool { roles.contains(.main) }
    public var isOperator: Bool { roles.contains(.operator) }
}
