import EWPXML

extension IIAsApprovalAPI.Approval {
    /// Reads one `approval` element (a partner's answer, or one of our stored approvals): its
    /// `iia-id` and `iia-hash`, trimmed, the hash lowercased as it is compared; nil when either is
    /// missing or empty.
    public init?(_ element: XElement) {
        guard element.name == "approval",
              let id = PulledAnswer.text(element, "iia-id"), !id.isEmpty,
              let hash = PulledAnswer.text(element, "iia-hash"), !hash.isEmpty else { return nil }
        self.init(iiaID: id, iiaHash: hash.lowercased())
    }
}
