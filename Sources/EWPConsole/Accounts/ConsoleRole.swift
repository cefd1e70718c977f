/// What a console account may do. `main` is the HEI's one main account (manages the staff accounts
/// of its HEI and reads the audit log; it may do everything the HEI's roles allow); `operator`
/// looks after the node itself (queues, registry, health) and sees no HEI's objects.
public enum ConsoleRole: String, Sendable, CaseIterable, Comparable {
    case main
    case viewer
    case iiaApprover = "iia-approver"
    case laSigner = "la-signer"
    /// Verifies or rejects partners' nominations to its HEI and records the students' arrival and departure.
    case nominationAnswerer = "nomination-answerer"
    case `operator`

    /// The roles a main account may grant to staff accounts of its HEI.
    public static let grantable: [ConsoleRole] = [.viewer, .iiaApprover, .laSigner, .nominationAnswerer]

    /// Words for a person.
    public var title: String {
        switch self {
        case .main: "Main account"
        case .viewer: "Viewer"
        case .iiaApprover: "IIA approver"
        case .laSigner: "LA signer"
        case .nominationAnswerer: "Nomination answerer"
        case .operator: "Node operator"
        }
    }

    public static func < (lhs: ConsoleRole, rhs: ConsoleRole) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
