import EWPXML

/// The response documents of IIAs `get`, `index` and `stats` (their response XSDs).
public enum IIAsResponses {
    /// `iias-get-response` with these `iia` elements (possibly none: all ids unknown, IIAs API v7
    /// endpoints/get.md).
    public static func get(_ iias: [XElement]) -> XElement {
        XElement("iias-get-response", namespace: IIAsAPI.getResponseNamespace, children: iias)
    }

    public static func index(_ ids: [String]) -> XElement {
        let ns = IIAsAPI.indexResponseNamespace
        return XElement("iias-index-response", namespace: ns, children: ids.map { XElement("iia-id", namespace: ns, text: $0) })
    }

    public static func stats(_ stats: IIAStats) -> XElement {
        let ns = IIAsAPI.statsResponseNamespace
        return XElement("iias-stats-response", namespace: ns, children: [
            XElement("iia-fetchable", namespace: ns, text: String(stats.fetchable)),
            XElement("iia-local-unapproved-partner-approved", namespace: ns, text: String(stats.localUnapprovedPartnerApproved)),
            XElement("iia-local-approved-partner-unapproved", namespace: ns, text: String(stats.localApprovedPartnerUnapproved)),
            XElement("iia-both-approved", namespace: ns, text: String(stats.bothApproved)),
        ])
    }
}

/// The counts of IIAs `stats` (stats-response.xsd, IIAs API v7 endpoints/stats.md), over the served
/// HEI's live IIAs.
public struct IIAStats: Sendable, Equatable {
    /// IIAs a partner can fetch (every live one: each is visible to its partner).
    public var fetchable: Int
    /// The partner approved our current copy; we have not approved the partner's copy.
    public var localUnapprovedPartnerApproved: Int
    /// We approved the partner's copy; the partner has not approved our current copy.
    public var localApprovedPartnerUnapproved: Int
    public var bothApproved: Int

    public init(fetchable: Int, localUnapprovedPartnerApproved: Int, localApprovedPartnerUnapproved: Int, bothApproved: Int) {
        self.fetchable = fetchable
        self.localUnapprovedPartnerApproved = localUnapprovedPartnerApproved
        self.localApprovedPartnerUnapproved = localApprovedPartnerUnapproved
        self.bothApproved = bothApproved
    }

    /// From the sizes of the sets of live IIAs approved by the partner, by us, and by both.
    public init(fetchable: Int, partnerApproved: Int, localApproved: Int, both: Int) {
        self.init(fetchable: fetchable, localUnapprovedPartnerApproved: partnerApproved - both,
                  localApprovedPartnerUnapproved: localApproved - both, bothApproved: both)
    }
}
