import EWPCore
import EWPCrypto

/// An immutable, indexed Registry catalogue (ewp-specs-api-registry v1, catalogue.xsd).
/// Build it with `Catalogue.parse(_:)`; every lookup below is a dictionary probe plus a short scan.
/// keyIds are compared lowercase; HEI ids case-insensitively (SCHAC ids are domain names).
public struct Catalogue: Sendable {
    /// Largest catalogue document accepted (the real one is a few MiB; a 5,000-HEI one ~21 MiB); the same
    /// as CurlClient's default response limit.
    public static let maxBytes = 64 * 1024 * 1024

    public let hosts: [CatalogueHost]
    public let apiEntries: [APIEntry]
    let institutions: [String: Institution]          // lowercase hei id → record
    let hostsByHEI: [String: [Int]]                  // lowercase hei id → host indexes (covering)
    let clientKeyHEIs: [String: [String]]            // client keyId → covered HEIs (de-duplicated)
    let serverKeyHosts: [String: [Int]]              // server keyId → host indexes
    let hostsByURL: URLIndex                         // any *url of an API entry → host indexes (lazy)
    let keys: KeyVault

    /// Number of `<host>` elements.
    public var hostCount: Int { hosts.count }
    /// Number of distinct HEI ids, from `institutions` and from every host's `institutions-covered`.
    public let heiCount: Int
    /// Number of RSA public keys in `<binaries>`.
    public var keyCount: Int { keys.count }
    /// Number of distinct keyIds in some `client-credentials-in-use`.
    public var clientKeyCount: Int { clientKeyHEIs.count }
    /// Number of distinct keyIds in some `server-credentials-in-use`.
    public var serverKeyCount: Int { serverKeyHosts.count }
    /// Number of keys decoded so far (keys are decoded on first use).
    public var decodedKeyCount: Int { keys.decodedCount }

    // MARK: Endpoints (Registry API question 1)

    /// All entries of an API for a HEI, over every host covering it, in document order.
    public func entries(hei: HEIID, apiNamespace: String, apiName: String) -> [APIEntry] {
        guard let hostIndexes = hostsByHEI[Self.key(hei)] else { return [] }
        var out: [APIEntry] = []
        for h in hostIndexes {
            for i in hosts[h].apiEntryRange where apiEntries[i].name == apiName && apiEntries[i].namespace == apiNamespace {
                out.append(apiEntries[i])
            }
        }
        return out
    }

    /// The entry with the highest `version` whose major version is `majorVersion` (entries are unordered,
    /// a HEI may be covered by several hosts, an API may appear several times). Ties keep document order.
    public func endpoint(hei: HEIID, apiNamespace: String, apiName: String, majorVersion: Int) -> APIEntry? {
        var best: (APIEntry, APIVersion)?
        for e in entries(hei: hei, apiNamespace: apiNamespace, apiName: apiName) {
            guard let v = e.semanticVersion, v.major == majorVersion else { continue }
            if best == nil || best!.1 < v { best = (e, v) }
        }
        return best?.0
    }

    // MARK: Institutions

    /// The HEI's name (English preferred, else the first published), nil for an unknown HEI.
    public func heiName(_ heiId: HEIID) -> String? { institution(heiId)?.name() }

    public func institution(_ heiId: HEIID) -> Institution? {
        institutions[Self.key(heiId)]
    }

    /// SCHAC ids of the HEIs carrying `other-id[@type=type] = value` (e.g. "pic", "erasmus").
    /// A linear scan: meant for imports and admin tools, not per-request paths.
    public func heiIDs(otherIDType type: String, value: String) -> [String] {
        let v = value.trimmingWhitespace()
        let types: Set<String> = (type == "erasmus-charter" || type == "euc") ? ["erasmus-charter", "euc"] : [type]
        return institutions.values
            .filter { $0.otherIDs.contains { types.contains($0.type) && $0.value == v } }
            .map(\.id).sorted()
    }

    /// Indexes of the hosts covering a HEI.
    public func hostIndexes(coveringHEI heiId: HEIID) -> [Int] {
        hostsByHEI[Self.key(heiId)] ?? []
    }

    /// The form the parser keys `institutions` and `hostsByHEI` by (ASCII-lowercased; a lookup also ignores
    /// surrounding whitespace). For SCHAC ids, ASCII domain names, this is HEIID's own comparison.
    static func key(_ heiId: HEIID) -> String { heiId.value.trimmingWhitespace().asciiLowercased() }

    // MARK: Keys (Registry API questions 3, 4, 5)

    /// The `<binaries>` key with this fingerprint, whatever it is used for (nil when absent, undecodable,
    /// or its content does not hash to the published `sha-256`).
    public func publicKey(keyId: String) -> RSAPublicKey? { keys.key(keyId.asciiLowercased()) }

    /// Why a published key was rejected (nil when it is fine or absent).
    public func keyProblem(keyId: String) -> String? {
        if case .invalid(let why) = keys.decoded(keyId.asciiLowercased()) { return why }
        return nil
    }

    /// The key, if it is in `server-credentials-in-use` of host `hostIndex` and in `<binaries>`.
    public func serverKey(keyId: String, hostIndex: Int) -> RSAPublicKey? {
        let id = keyId.asciiLowercased()
        guard hosts.indices.contains(hostIndex), hosts[hostIndex].serverKeyIDs.contains(id) else { return nil }
        return keys.key(id)
    }

    /// Host indexes whose `apis-implemented` declares this URL (any `*url` child).
    public func hostIndexes(declaringURL url: String) -> [Int] {
        hostsByURL.hostIndexes(declaring: url.trimmingWhitespace())
    }

    /// A server-key directory bound to one API entry (Registry question 5 relative to that entry): only
    /// keys of the entry's own host are accepted, and only for URLs that host declares.
    public func serverKeys(for entry: APIEntry) -> EndpointServerKeys {
        EndpointServerKeys(catalogue: self, hostIndex: entry.hostIndex)
    }
}
