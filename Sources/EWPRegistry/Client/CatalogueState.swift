import Foundation

/// The catalogue being served, with when it was fetched (or last revalidated) and until when it is fresh.
public struct CatalogueState: Sendable {
    public let catalogue: Catalogue
    public let fetchedAt: Date
    public let expiresAt: Date
    public let etag: String?
    /// Where the served copy came from.
    public let source: CatalogueSource

    public init(catalogue: Catalogue, fetchedAt: Date, expiresAt: Date, etag: String?, source: CatalogueSource = .registry) {
        self.catalogue = catalogue
        self.fetchedAt = fetchedAt
        self.expiresAt = expiresAt
        self.etag = etag
        self.source = source
    }

    /// Seconds since the copy was fetched or revalidated.
    public func age(now: Date = Date()) -> TimeInterval { max(0, now.timeIntervalSince(fetchedAt)) }
}

public enum CatalogueSource: String, Sendable {
    /// Fetched (or revalidated) from the registry by this process.
    case registry
    /// The last good copy loaded from the store at start; no fetch has succeeded yet.
    case persisted
}

/// Result of one fetch.
public enum RefreshOutcome: Sendable, Equatable {
    /// A new catalogue was validated, parsed and installed.
    case updated
    /// 304: the served catalogue was revalidated and its lifetime extended (no re-parse).
    case notModified
    /// Nothing changed; the previous catalogue (if any) stays. The reason is also in `status().lastError`.
    case failed(String)
}
