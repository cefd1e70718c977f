import Foundation

/// What health checks and metrics need, read in one lock.
public struct RegistryStatus: Sendable {
    public let url: String
    public let hasCatalogue: Bool
    public let source: CatalogueSource?
    public let fetchedAt: Date?
    public let expiresAt: Date?
    /// Seconds since the served catalogue was fetched or revalidated; nil before the first one.
    public let ageSeconds: Double?
    /// Past its expiry: still served (the registry may be down), but refreshes are failing.
    public let isStale: Bool
    /// Fetched longer ago than `RefreshPolicy.staleTolerance` (5 days): time to alert an operator.
    public let isBeyondStaleTolerance: Bool
    public let lastAttempt: Date?
    public let nextAttempt: Date
    public let consecutiveFailures: Int
    public let lastError: String?
    public let hostCount: Int
    public let heiCount: Int
    public let keyCount: Int
    public let clientKeyCount: Int
    public let serverKeyCount: Int
}
