/// Reads one manifest entry copied into `apis-implemented` (any namespace; ApiEntry-like shape).
enum APIEntryReader {
    static func entry(_ s: inout XMLScanner, _ ns: CatalogueReader.Namespaces, hostIndex: Int) throws(CatalogueError) -> APIEntry {
        let namespace = s.namespaceURI
        let name = s.localNameString
        let version = try s.attribute("version") ?? ""
        var urls: [String: String] = [:]
        var limits: [String: Int] = [:]
        var clientHTTPSig = false
        var serverHTTPSig = false
        while try s.nextChild() {
            if s.hasLocalName("http-security") {
                (clientHTTPSig, serverHTTPSig) = try security(&s, ns)
            } else if s.localNameHasSuffix("url") {
                let key = s.localNameString
                let url = try s.text().trimmingWhitespace()
                if !url.isEmpty, urls[key] == nil { urls[key] = url }
            } else if s.localNameHasPrefix("max-") {
                let key = s.localNameString
                if let n = Int(try s.text().trimmingWhitespace()) { limits[key] = n }
            } else {
                try s.skip()
            }
        }
        return APIEntry(namespace: namespace, name: name, version: version, urls: urls, limits: limits,
                        clientAuthHTTPSig: clientHTTPSig, serverAuthHTTPSig: serverHTTPSig, hostIndex: hostIndex)
    }

    /// `sec:HttpSecurityOptions`: an absent `client-auth-methods` means tlscert (self-signed allowed), an
    /// absent `server-auth-methods` means tlscert — neither is httpsig (ewp-specs-sec-intro v2).
    static func security(_ s: inout XMLScanner, _ ns: CatalogueReader.Namespaces) throws(CatalogueError) -> (client: Bool, server: Bool) {
        var client = false
        var server = false
        while try s.nextChild() {
            if s.isElement("client-auth-methods", namespace: ns.security) {
                client = try containsChild(&s, "httpsig", namespace: ns.clientHTTPSig)
            } else if s.isElement("server-auth-methods", namespace: ns.security) {
                server = try containsChild(&s, "httpsig", namespace: ns.serverHTTPSig)
            } else {
                try s.skip()
            }
        }
        return (client, server)
    }

    static func containsChild(_ s: inout XMLScanner, _ local: String, namespace: Int) throws(CatalogueError) -> Bool {
        var found = false
        while try s.nextChild() {
            if s.isElement(local, namespace: namespace) { found = true }
            try s.skip()
        }
        return found
    }
}
