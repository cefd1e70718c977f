/// One `<host>` of the catalogue, reduced to what lookups need.
public struct CatalogueHost: Sendable, Hashable {
    /// `ewp:admin-email` values, trimmed.
    public let adminEmails: [String]
    /// `institutions-covered/hei-id` values, trimmed, de-duplicated case-insensitively (first spelling kept).
    public let heiIDs: [String]
    /// Indexes into `Catalogue.apiEntries` of this host's `apis-implemented` entries.
    public let apiEntryRange: Range<Int>
    /// `client-credentials-in-use/rsa-public-key/@sha-256`, lowercase, de-duplicated.
    public let clientKeyIDs: [String]
    /// `server-credentials-in-use/rsa-public-key/@sha-256`, lowercase, de-duplicated.
    public let serverKeyIDs: [String]
}
