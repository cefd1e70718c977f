import EWPRegistry

extension NodeOperations {
    /// The catalogue the node holds, summed up; nil before it holds any.
    public func registrySummary() -> RegistrySummary? {
        registry.snapshot().map { RegistrySummary($0, registryURL: registryURL, hosts: coveredKeys) }
    }

    /// Fetches the catalogue now (joining a fetch in flight); the last good copy stays when it fails.
    public func refreshRegistry() async throws -> RefreshOutcome {
        try await registry.refresh()
    }
}
