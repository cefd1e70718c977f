import EWPXML
@testable import EWPRegistry

/// An independent reading of a catalogue: libxml2 (the hardened XMLReader) builds the tree, and this
/// walks it with the Registry README's XPath rules. The streaming reader must agree with it.
enum TreeCatalogueOracle {
    static let ns = RegistryNamespaces.registry

    static func parse(_ bytes: [UInt8]) throws -> Catalogue {
        let root = try XMLReader.parse(bytes, maxBytes: Catalogue.maxBytes)
        guard root.name == "catalogue", root.namespace == ns else { throw CatalogueError("not a catalogue") }
        var b = CatalogueBuilder()
        for host in root.elements("host", namespace: ns) {
            let apis = host.element("apis-implemented", namespace: ns)?.children.map { entry($0, hostIndex: b.nextHostIndex) } ?? []
            b.addHost(adminEmails: host.children.filter { $0.name == "admin-email" }.map { $0.text.trimmingWhitespaceForTest() },
                      heiIDs: host.element("institutions-covered", namespace: ns)?.elements("hei-id", namespace: ns).map { $0.text.trimmingWhitespaceForTest() } ?? [],
                      apis: apis,
                      clientKeyIDs: keys(host.element("client-credentials-in-use", namespace: ns)),
                      serverKeyIDs: keys(host.element("server-credentials-in-use", namespace: ns)))
        }
        for hei in root.element("institutions", namespace: ns)?.elements("hei", namespace: ns) ?? [] {
            guard let id = hei.attribute("id") else { continue }
            b.addInstitution(
                id: id.trimmingWhitespaceForTest(),
                names: hei.elements("name", namespace: ns).map {
                    .init(lang: $0.attribute("lang", namespace: "http://www.w3.org/XML/1998/namespace"), value: $0.text.trimmingWhitespaceForTest())
                },
                otherIDs: hei.elements("other-id", namespace: ns).compactMap { o in
                    o.attribute("type").map { .init(type: $0.trimmingWhitespaceForTest(), value: o.text.trimmingWhitespaceForTest()) }
                })
        }
        for k in root.element("binaries", namespace: ns)?.elements("rsa-public-key", namespace: ns) ?? [] {
            if let sha = k.attribute("sha-256") { b.addBinary(keyID: sha.trimmingWhitespaceForTest(), base64: k.text) }
        }
        return b.build()
    }

    static func keys(_ list: XElement?) -> [String] {
        (list?.elements("rsa-public-key", namespace: ns) ?? []).compactMap { $0.attribute("sha-256")?.trimmingWhitespaceForTest() }
    }

    static func entry(_ api: XElement, hostIndex: Int) -> APIEntry {
        var urls: [String: String] = [:]
        var limits: [String: Int] = [:]
        var client = false
        var server = false
        for c in api.children {
            if c.name == "http-security" {
                for m in c.children where m.namespace == RegistryNamespaces.securityIntro {
                    if m.name == "client-auth-methods" {
                        client = m.children.contains { $0.name == "httpsig" && $0.namespace == RegistryNamespaces.clientAuthHTTPSig }
                    } else if m.name == "server-auth-methods" {
                        server = m.children.contains { $0.name == "httpsig" && $0.namespace == RegistryNamespaces.serverAuthHTTPSig }
                    }
                }
            } else if c.name.hasSuffix("url") {
                let u = c.text.trimmingWhitespaceForTest()
                if !u.isEmpty, urls[c.name] == nil { urls[c.name] = u }
            } else if c.name.hasPrefix("max-"), let n = Int(c.text.trimmingWhitespaceForTest()) {
                limits[c.name] = n
            }
        }
        return APIEntry(namespace: api.namespace, name: api.name, version: api.attribute("version") ?? "", urls: urls,
                        limits: limits, clientAuthHTTPSig: client, serverAuthHTTPSig: server, hostIndex: hostIndex)
    }
}

extension String {
    func trimmingWhitespaceForTest() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\n" || f == "\t" || f == "\r" || f == "\r\n" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\n" || l == "\t" || l == "\r" || l == "\r\n" { s = s.dropLast() }
        return String(s)
    }
}

/// Field-by-field equality of two catalogues (keys compared by their published text).
func sameCatalogue(_ a: Catalogue, _ b: Catalogue) -> Bool {
    a.hosts == b.hosts && a.apiEntries == b.apiEntries && a.institutions == b.institutions && a.hostsByHEI == b.hostsByHEI
        && a.clientKeyHEIs == b.clientKeyHEIs && a.serverKeyHosts == b.serverKeyHosts && a.hostsByURL.all == b.hostsByURL.all
        && a.heiCount == b.heiCount && a.keys.encodedForTests == b.keys.encodedForTests
}
