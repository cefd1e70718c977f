import EWPXML

/// The response documents of OMobility LAs `get`, `index`, `update` and `stats` (their XSDs).
public enum OMobilityLAsResponses {
    /// `omobility-las-get-response` with these `la` elements (possibly none: every id unknown or hidden).
    public static func get(_ las: [XElement]) -> XElement {
        XElement("omobility-las-get-response", namespace: OMobilityLAsAPI.getResponseNamespace, children: las)
    }

    public static func index(_ ids: [String]) -> XElement {
        let ns = OMobilityLAsAPI.indexResponseNamespace
        return XElement("omobility-las-index-response", namespace: ns, children: ids.map { XElement("omobility-id", namespace: ns, text: $0) })
    }

    /// `omobility-las-update-response` with one `ewp:success-user-message`.
    public static func update(message: String) -> XElement {
        XElement("omobility-las-update-response", namespace: OMobilityLAsAPI.updateResponseNamespace, children: [
            XElement("success-user-message", namespace: EWPNamespace.commonTypes,
                     attributes: [XAttribute("lang", namespace: EWPNamespace.xml, value: "en")], text: message),
        ])
    }

    public static func stats(_ years: [LAYearStats]) -> XElement {
        let ns = OMobilityLAsAPI.statsResponseNamespace
        func leaf(_ name: String, _ value: Int) -> XElement { XElement(name, namespace: ns, text: String(value)) }
        return XElement("las-outgoing-stats-response", namespace: ns, children: years.map { year in
            XElement("academic-year-la-stats", namespace: ns, children: [
                XElement("receiving-academic-year-id", namespace: ns, text: year.receivingAcademicYear),
                leaf("la-outgoing-total", year.total),
                leaf("la-outgoing-not-modified-after-approval", year.notModifiedAfterApproval),
                leaf("la-outgoing-modified-after-approval", year.modifiedAfterApproval),
                leaf("la-outgoing-latest-version-approved", year.latestApproved),
                leaf("la-outgoing-latest-version-rejected", year.latestRejected),
                leaf("la-outgoing-latest-version-awaiting", year.latestAwaiting),
            ])
        })
    }
}

/// The counts of one receiving academic year in `stats` (stats-response.xsd, OMobility LAs API v1
/// endpoints/stats.md).
public struct LAYearStats: Sendable, Equatable {
    public var receivingAcademicYear: String
    public var total: Int
    public var notModifiedAfterApproval: Int
    public var modifiedAfterApproval: Int
    public var latestApproved: Int
    public var latestRejected: Int
    public var latestAwaiting: Int

    public init(receivingAcademicYear: String, total: Int, notModifiedAfterApproval: Int, modifiedAfterApproval: Int,
                latestApproved: Int, latestRejected: Int, latestAwaiting: Int) {
        self.receivingAcademicYear = receivingAcademicYear
        self.total = total
        self.notModifiedAfterApproval = notModifiedAfterApproval
        self.modifiedAfterApproval = modifiedAfterApproval
        self.latestApproved = latestApproved
        self.latestRejected = latestRejected
        self.latestAwaiting = latestAwaiting
    }
}
