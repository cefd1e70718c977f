import EWPXML

extension Catalogue {
    /// Parses (hardened XMLReader) and indexes a catalogue document. Throws `XMLProblem` for bad XML and
    /// `CatalogueError` for a document that is not a registry catalogue. XSD validation is the caller's
    /// (RegistryClient validates before parsing).
    public static func parse(_ bytes: [UInt8]) throws -> Catalogue {
        let root = try XMLReader.parse(bytes, maxBytes: maxBytes)
        return try Catalogue(root: root)
    }

    /// Indexes an already parsed `<catalogue>` element.
    public init(root: XElement) throws(CatalogueError) {
        let ns = RegistryNamespaces.registry
        guard root.name == "catalogue", root.namespace == ns else {
            throw CatalogueError("root element is {\(root.namespace)}\(root.name), not {\(ns)}catalogue")
        }
        var builder = CatalogueBuilder()
        var sawInstitutions = false
        for child in root.children where child.namespace == ns {
            switch child.name {
            case "host": builder.addHost(child)
            case "institutions": sawInstitutions = true; builder.addInstitutions(child)
            case "binaries": builder.addBinaries(child)
            default: continue
            }
        }
        guard !builder.hosts.isEmpty else { throw CatalogueError("catalogue has no <host>") }
        guard sawInstitutions else { throw CatalogueError("catalogue has no <institutions>") }
        self = builder.build()
    }
}

/// Accumulates hosts, institutions and binaries in one pass, then builds the indexes.
struct CatalogueBuilder {
    var hosts: [CatalogueHost] = []
    var apiEntries: [APIEntry] = []
    var institutions: [String: Institution] = [:]
    var binaries: [String: String] = [:]

    mutating func addHost(_ host: XElement) {
        let ns = RegistryNamespaces.registry
        let hostIndex = hosts.count
        let apiStart = apiEntries.count
        var emails: [String] = []
        var heis: [String] = []
        var seenHEIs = Set<String>()
        var clientKeys: [String] = []
        var serverKeys: [String] = []
        for part in host.children {
            if part.name == "admin-email" {
                emails.append(part.text.trimmingWhitespace())
                continue
            }
            guard part.namespace == ns else { continue }
            switch part.name {
            case "apis-implemented":
                for api in part.children { apiEntries.append(APIEntryParser.entry(api, hostIndex: hostIndex)) }
            case "institutions-covered":
                for h in part.children where h.name == "hei-id" && h.namespace == ns {
                    let id = h.text.trimmingWhitespace()
                    if !id.isEmpty, seenHEIs.insert(id.asciiLowercased()).inserted { heis.append(id) }
                }
            case "client-credentials-in-use":
                Self.collectKeyIDs(part, into: &clientKeys)
            case "server-credentials-in-use":
                Self.collectKeyIDs(part, into: &serverKeys)
            default:
                continue
            }
        }
        hosts.append(CatalogueHost(adminEmails: emails, heiIDs: heis, apiEntryRange: apiStart..<apiEntries.count,
                                   clientKeyIDs: clientKeys, serverKeyIDs: serverKeys))
    }

    static func collectKeyIDs(_ credentials: XElement, into ids: inout [String]) {
        for k in credentials.children where k.name == "rsa-public-key" && k.namespace == RegistryNamespaces.registry {
            guard let sha = k.attribute("sha-256") else { continue }
            let id = sha.trimmingWhitespace().asciiLowercased()
            if !id.isEmpty, !ids.contains(id) { ids.append(id) }
        }
    }

    mutating func addInstitutions(_ list: XElement) {
        let ns = RegistryNamespaces.registry
        for hei in list.children where hei.name == "hei" && hei.namespace == ns {
            guard let rawID = hei.attribute("id") else { continue }
            let id = rawID.trimmingWhitespace()
            guard !id.isEmpty else { continue }
            var names: [Institution.Name] = []
            var others: [Institution.OtherID] = []
            for c in hei.children where c.namespace == ns {
                if c.name == "name" {
                    let lang = c.attribute("lang", namespace: "http://www.w3.org/XML/1998/namespace")
                    names.append(.init(lang: lang, value: c.text.trimmingWhitespace()))
                } else if c.name == "other-id", let type = c.attribute("type") {
                    others.append(.init(type: type.trimmingWhitespace(), value: c.text.trimmingWhitespace()))
                }
            }
            let key = id.asciiLowercased()
            if let earlier = institutions[key] {   // duplicate <hei>: merge, first id spelling wins
                let mergedNames = earlier.names + names.filter { !earlier.names.contains($0) }
                let mergedIDs = earlier.otherIDs + others.filter { !earlier.otherIDs.contains($0) }
                institutions[key] = Institution(id: earlier.id, names: mergedNames, otherIDs: mergedIDs)
            } else {
                institutions[key] = Institution(id: id, names: names, otherIDs: others)
            }
        }
    }

    mutating func addBinaries(_ list: XElement) {
        for k in list.children where k.name == "rsa-public-key" && k.namespace == RegistryNamespaces.registry {
            guard let sha = k.attribute("sha-256") else { continue }
            binaries[sha.trimmingWhitespace().asciiLowercased()] = k.text
        }
    }

    func build() -> Catalogue {
        var hostsByHEI: [String: [Int]] = [:]
        var clientKeyHEIs: [String: [String]] = [:]
        var serverKeyHosts: [String: [Int]] = [:]
        var hostsByURL: [String: [Int]] = [:]
        hostsByHEI.reserveCapacity(hosts.count * 2)
        hostsByURL.reserveCapacity(apiEntries.count * 2)
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
            for i in host.apiEntryRange {
                for url in apiEntries[i].urls.values {
                    var list = hostsByURL[url, default: []]
                    if list.last != h { list.append(h) }
                    hostsByURL[url] = list
                }
            }
        }
        return Catalogue(hosts: hosts, apiEntries: apiEntries, institutions: institutions, hostsByHEI: hostsByHEI,
                         clientKeyHEIs: clientKeyHEIs, serverKeyHosts: serverKeyHosts, hostsByURL: hostsByURL,
                         keys: KeyVault(encoded: binaries), heiCount: allHEIs.count)
    }
}
