extension NodeOperations {
    /// Transcripts of records, ours and partners'.
    public var torOverview: ToROverview { ToROverview(store: store) }
}
