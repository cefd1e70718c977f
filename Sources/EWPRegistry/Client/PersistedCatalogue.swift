import Foundation
import EWPStore

/// The last good catalogue as kept in the store: the exact bytes plus etag/fetchedAt/expiresAt metadata.
/// A 304 only rewrites the small freshness record, not the (large) catalogue blob.
struct PersistedCatalogue: Sendable {
    static let catalogueKey = "registry.catalogue"
    static let freshnessKey = "registry.catalogue.freshness"

    var bytes: [UInt8]
    var url: String
    var etag: String?
    var fetchedAt: Date
    var expiresAt: Date

    static func metadata(url: String, etag: String?, fetchedAt: Date, expiresAt: Date) -> [String: String] {
        var m = ["url": url, "fetchedAt": String(fetchedAt.timeIntervalSince1970),
                 "expiresAt": String(expiresAt.timeIntervalSince1970)]
        if let etag { m["etag"] = etag }
        return m
    }

    func save(to store: any Store) async throws {
        try await store.saveBlob(key: Self.catalogueKey, value: bytes,
                                 metadata: Self.metadata(url: url, etag: etag, fetchedAt: fetchedAt, expiresAt: expiresAt))
    }

    static func saveFreshness(to store: any Store, url: String, etag: String?, fetchedAt: Date, expiresAt: Date) async throws {
        try await store.saveBlob(key: freshnessKey, value: [],
                                 metadata: metadata(url: url, etag: etag, fetchedAt: fetchedAt, expiresAt: expiresAt))
    }

    /// The copy saved for `url` (a copy of another registry is ignored), with the freshest dates known.
    static func load(from store: any Store, url: String) async throws -> PersistedCatalogue? {
        guard let blob = try await store.loadBlob(key: catalogueKey), blob.metadata["url"] == url,
              let fetched = blob.metadata["fetchedAt"].flatMap(Double.init),
              let expires = blob.metadata["expiresAt"].flatMap(Double.init) else { return nil }
        var copy = PersistedCatalogue(bytes: blob.value, url: url, etag: blob.metadata["etag"],
                                      fetchedAt: Date(timeIntervalSince1970: fetched),
                                      expiresAt: Date(timeIntervalSince1970: expires))
        if let fresh = try await store.loadBlob(key: freshnessKey), fresh.metadata["url"] == url,
           fresh.metadata["etag"] == copy.etag, copy.etag != nil,
           let f = fresh.metadata["fetchedAt"].flatMap(Double.init), let e = fresh.metadata["expiresAt"].flatMap(Double.init),
           f > fetched {
            copy.fetchedAt = Date(timeIntervalSince1970: f)
            copy.expiresAt = Date(timeIntervalSince1970: e)
        }
        return copy
    }
}
