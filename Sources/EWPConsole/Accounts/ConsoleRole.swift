/// What a console account may do. `main` is the HEI's one main account (manages the staff accounts
/// of its HEI and reads the audit log; it may do everything the HEI's roles allow); `operator`
/// looks after the node itself (queues, registry, health) and sees no HEI's objects.
public enum ConsoleRole: String, Sendable, CaseIterable, Comparable {
    case main
    case viewer
    case iiaApprover = "iia-approver"
    case laSigner = "la-signer"
    case `operator`

    /// The roles a main account may grant to staff accounts of its HEI.
    public static let grantable: [ConsoleRole] = [.viewer, .iiaApprover, .laSigner]

    /// Words for a person.
    public var title: String {
        switch self {
        case .main: "Main account"
        case .viewer: "Viewer"
        case .iiaApprover: "IIA approver"
        case .laSigner: "LA signer"
        case .operator: "Node operator"
        }
    }

    public static func < (lhs: ConsoleRole, rhs: ConsoleRole) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
