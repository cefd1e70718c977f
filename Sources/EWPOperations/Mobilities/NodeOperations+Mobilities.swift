extension NodeOperations {
    /// Mobilities joined by omobility-id: nomination, status on both sides, LA, transcripts, history, flags.
    public var mobilityOverview: MobilityOverview { MobilityOverview(store: store) }
}
