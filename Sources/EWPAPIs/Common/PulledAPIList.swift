import EWPNotifications

/// The one list of APIs the node pulls from partners (after a CNR or an index-sync). A new pulled
/// API is a descriptor in its folder and one line here; the node passes this list to its engine.
public enum PulledAPIList {
    public static let all = PulledAPIs([IIAsPull(), IIAsApprovalPull(), OMobilityLAsPull(), IMobilityToRsPull()])
}
