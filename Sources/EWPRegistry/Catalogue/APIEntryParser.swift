import EWPXML

/// Reads one manifest entry copied into `apis-implemented` (any namespace; ApiEntry-like shape).
enum APIEntryParser {
    static func entry(_ api: XElement, hostIndex: Int) -> APIEntry {
        var urls: [String: String] = [:]
        var limits: [String: Int] = [:]
        var clientHTTPSig = false
        var serverHTTPSig = false
        for c in api.children {
            let name = c.name
            if name == "http-security" {
                (clientHTTPSig, serverHTTPSig) = security(c)
            } else if name.hasSuffix("url") {
                let u = c.text.trimmingWhitespace()
                if !u.isEmpty, urls[name] == nil { urls[name] = u }
            } else if name.hasPrefix("max-"), let n = Int(c.text.trimmingWhitespace()) {
                limits[name] = n
            }
        }
        return APIEntry(namespace: api.namespace, name: api.name, version: api.attribute("version") ?? "",
                        urls: urls, limits: limits, clientAuthHTTPSig: clientHTTPSig,
                        serverAuthHTTPSig: serverHTTPSig, hostIndex: hostIndex)
    }

    /// `sec:HttpSecurityOptions`: an absent `client-auth-methods` means tlscert (self-signed allowed),
    /// an absent `server-auth-methods` means tlscert — neither is httpsig (ewp-specs-sec-intro v2).
    static func security(_ options: XElement) -> (client: Bool, server: Bool) {
        let sec = RegistryNamespaces.securityIntro
        var client = false
        var server = false
        for c in options.children where c.namespace == sec {
            if c.name == "client-auth-methods" {
                client = c.children.contains { $0.name == "httpsig" && $0.namespace == RegistryNamespaces.clientAuthHTTPSig }
            } else if c.name == "server-auth-methods" {
                server = c.children.contains { $0.name == "httpsig" && $0.namespace == RegistryNamespaces.serverAuthHTTPSig }
            }
        }
        return (client, server)
    }
}
