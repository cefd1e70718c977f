import EWPNotifications

/// The one list of APIs the node pulls from partners (after a CNR or an index-sync). A new pulled
/// API is a descriptor in its folder and one line here; the node passes this list to its engine.
public enum PulledAPIList {
    public static let all = PulledAPIs([IIAsPull(), IIAsApprovalPull(), OMobilityLAsPull(), IMobilityToRsPull(), OMobilitiesPull(), IMobilitiesPull()])
}

/// The one list of CNR APIs the node sends and receives. A new CNR API is a descriptor in its
/// folder and one line here; the node passes this list to its engine.
public enum CNRAPIList {
    public static let all = CNRAPIs([IIACNR(), IIAApprovalCNR(), OMobilityLACNR(), IMobilityToRCNR(), OMobilityCNR(), IMobilityCNR()])
}

extension PullSource {
    /// The sources index-sync can list (those with an `index` endpoint), in list order.
    public static var indexed: [PullSource] { PulledAPIList.all.indexed }
}

extension PullSource {
    /// The indexed source called `name` (what `sync --api` and the admin API's sync accept); nil for
    /// any other name.
    public init?(indexedName name: String) {
        guard let source = Self.indexed.first(where: { $0.rawValue == name }) else { return nil }
        self = source
    }
}

extension NotificationAPI {
    /// The queue keys of the CNR APIs the node knows, in list order.
    public static var listed: [NotificationAPI] { CNRAPIList.all.all.map(\.api) }

    /// The listed CNR API called `name` (what `cnr list --api` and the admin API's queue listing
    /// accept); nil for any other name.
    public init?(listedName name: String) {
        guard let api = Self.listed.first(where: { $0.rawValue == name }) else { return nil }
        self = api
    }
}
