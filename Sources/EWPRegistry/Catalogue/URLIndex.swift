import Synchronization

/// URL → indexes of the hosts whose `apis-implemented` declares it. Only outbound calls need it (server-key
/// checks), so it is built on first use rather than at parse time (~80,000 URLs in a 5,000-HEI catalogue),
/// once, thread-safely, and shared by every copy of the catalogue.
final class URLIndex: Sendable {
    private let hosts: [CatalogueHost]
    private let apiEntries: [APIEntry]
    private let built = Mutex<[String: [Int]]?>(nil)

    init(hosts: [CatalogueHost], apiEntries: [APIEntry]) {
        self.hosts = hosts
        self.apiEntries = apiEntries
    }

    func hostIndexes(declaring url: String) -> [Int] {
        built.withLock { index in
            if index == nil { index = Self.build(hosts, apiEntries) }
            return index![url] ?? []
        }
    }

    var all: [String: [Int]] { built.withLock { $0 ?? Self.build(hosts, apiEntries) } }

    private static func build(_ hosts: [CatalogueHost], _ apiEntries: [APIEntry]) -> [String: [Int]] {
        var byURL: [String: [Int]] = [:]
        byURL.reserveCapacity(apiEntries.count * 3)
        for (h, host) in hosts.enumerated() {
            for i in host.apiEntryRange {
                for url in apiEntries[i].urls.values where byURL[url]?.last != h {
                    byURL[url, default: []].append(h)
                }
            }
        }
        return byURL
    }
}
