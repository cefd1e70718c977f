import EWPStore

/// The approval state of one of our IIAs (IIAs API v7 endpoints/stats.md; IIAs Approval API v2).
public struct IIAApprovalState: Sendable, Equatable {
    /// The partner approved our copy as it is now (its approval names our current iia-hash).
    public var partnerApproved: Bool
    /// We approved the partner's copy as it is now (our approval names its current iia-hash).
    public var localApproved: Bool

    public init(partnerApproved: Bool = false, localApproved: Bool = false) {
        self.partnerApproved = partnerApproved
        self.localApproved = localApproved
    }

    public var mutuallyApproved: Bool { partnerApproved && localApproved }
}

/// Where approval states come from (the IIAs Approval records; `StoredIIAApprovals` in IIAsApproval).
/// `stats` counts with it; the import uses it to snapshot and to refuse deleting approved IIAs.
public protocol IIAApprovalLookup: Sendable {
    /// The state of each of `iias` (live own IIAs of `heiID`), by objectID; an IIA left out has no approval.
    func states(heiID: String, iias: [OwnObject]) async throws -> [String: IIAApprovalState]
}
