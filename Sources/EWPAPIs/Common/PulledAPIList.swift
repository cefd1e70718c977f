import EWPNotifications

/// The one list of APIs the node pulls from partners (after a CNR or an index-sync). A new pulled
/// API is a descriptor in its folder and one line here; the node passes this list to its engine.
public enum PulledAPIList {
    public static let all = PulledAPIs([IIAsPull(), IIAsApprovalPull(), OMobilityLAsPull(), IMobilityToRsPull()])
}

/// The one list of CNR APIs the node sends and receives. A new CNR API is a descriptor in its
/// folder and one line here; the node passes this list to its engine.
public enum CNRAPIList {
    public static let all = CNRAPIs([IIACNR(), IIAApprovalCNR(), OMobilityLACNR(), IMobilityToRCNR()])
}

extension PullSource {
    /// The sources index-sync can list (those with an `index` endpoint), in list order.
    public static var indexed: [PullSource] { PulledAPIList.all.indexed }
}
