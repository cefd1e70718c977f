/// A partner API we pull objects from after a CNR or an index-sync. The raw value keys its partner
/// copies and index-sync states; how to call it and read its answers is its `PulledAPI` descriptor.
public enum PullSource: String, Sendable, CaseIterable {
    case iias
    case iiasApproval = "iias-approval"
    case omobilityLAs = "omobility-las"
    case imobilityToRs = "imobility-tors"

    /// The CNR API whose notifications make us pull from this source (the inbound queue's key).
    public var notification: NotificationAPI {
        switch self {
        case .iias: .iia
        case .iiasApproval: .iiaApproval
        case .omobilityLAs: .omobilityLA
        case .imobilityToRs: .imobilityToR
        }
    }

    /// The sources that have an `index` endpoint, so index-sync can list them.
    public static let indexed: [PullSource] = [.iias, .omobilityLAs, .imobilityToRs]
}
