extension Catalogue {
    /// Reads and indexes a catalogue document in one streaming pass over libxml2 SAX events (no tree). Throws `CatalogueError`
    /// for malformed XML or a document that is not a registry catalogue. XSD validation is the caller's
    /// (RegistryClient validates before parsing).
    public static func parse(_ bytes: [UInt8]) throws -> Catalogue {
        try CatalogueEventReader.read(bytes)
    }
}

/// Accumulates hosts, institutions and binaries, then builds the indexes.
struct CatalogueBuilder {
    var hosts: [CatalogueHost] = []
    var apiEntries: [APIEntry] = []
    var institutions: [String: Institution] = [:]
    var binaries: [String: String] = [:]

    /// Index the next host will get (API entries carry it).
    var nextHostIndex: Int { hosts.count }

    /// `heiIDs` and key ids as read; de-duplicated here (HEIs case-insensitively, keys lowercase).
    mutating func addHost(adminEmails: [String], heiIDs: [String], apis: [APIEntry], clientKeyIDs: [String], serverKeyIDs: [String]) {
        var seen = Set<String>()
        let heis = heiIDs.filter { !$0.isEmpty && seen.insert($0.asciiLowercased()).inserted }
        let start = apiEntries.count
        apiEntries.append(contentsOf: apis)
        hosts.append(CatalogueHost(adminEmails: adminEmails, heiIDs: heis, apiEntryRange: start..<apiEntries.count,
                                   clientKeyIDs: Self.uniqueKeyIDs(clientKeyIDs), serverKeyIDs: Self.uniqueKeyIDs(serverKeyIDs)))
    }

    static func uniqueKeyIDs(_ ids: [String]) -> [String] {
        var out: [String] = []
        for raw in ids {
            let id = raw.asciiLowercased()
            if !id.isEmpty, !out.contains(id) { out.append(id) }
        }
        return out
    }

    /// A duplicate `<hei>` is merged into the first (its id spelling wins).
    mutating func addInstitution(id: String, names: [Institution.Name], otherIDs: [Institution.OtherID]) {
        guard !id.isEmpty else { return }
        let key = id.asciiLowercased()
        if let earlier = institutions[key] {
            let mergedNames = earlier.names + names.filter { !earlier.names.contains($0) }
            let mergedIDs = earlier.otherIDs + otherIDs.filter { !earlier.otherIDs.contains($0) }
            institutions[key] = Institution(id: earlier.id, names: mergedNames, otherIDs: mergedIDs)
        } else {
            institutions[key] = Institution(id: id, names: names, otherIDs: otherIDs)
        }
    }

    mutating func addBinary(keyID: String, base64: String) {
        binaries[keyID.asciiLowercased()] = base64
    }

    func build() -> Catalogue {
        var hostsByHEI: [String: [Int]] = [:]
        var clientKeyHEIs: [String: [String]] = [:]
        var serverKeyHosts: [String: [Int]] = [:]
        hostsByHEI.reserveCapacity(hosts.count * 2)
        var allHEIs = Set(institutions.keys)
        for (h, host) in hosts.enumerated() {
            for hei in host.heiIDs {
                let key = hei.asciiLowercased()
                allHEIs.insert(key)
                hostsByHEI[key, default: []].append(h)
            }
            for k in host.clientKeyIDs {
                if let earlier = clientKeyHEIs[k] {   // one key on several hosts: union, de-duplicated
                    var seen = Set(earlier.map { $0.asciiLowercased() })
                    clientKeyHEIs[k] = earlier + host.heiIDs.filter { seen.insert($0.asciiLowercased()).inserted }
                } else {
                    clientKeyHEIs[k] = host.heiIDs
                }
            }
            for k in host.serverKeyIDs { serverKeyHosts[k, default: []].append(h) }
        }
        return Catalogue(hosts: hosts, apiEntries: apiEntries, institutions: institutions, hostsByHEI: hostsByHEI,
                         clientKeyHEIs: clientKeyHEIs, serverKeyHosts: serverKeyHosts,
                         hostsByURL: URLIndex(hosts: hosts, apiEntries: apiEntries),
                         keys: KeyVault(encoded: binaries), heiCount: allHEIs.count)
    }
}
