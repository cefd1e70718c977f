extension NodeOperations {
    /// Learning agreements, ours and partners', with their states and findings.
    public var laOverview: LAOverview { LAOverview(store: store) }
}
