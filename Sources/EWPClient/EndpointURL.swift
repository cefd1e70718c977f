/// The parts of an absolute http(s) URL that HTTP signatures need.
struct EndpointURL: Equatable {
    /// `host[:port]` as the Host header (a default port is dropped, as curl would send it).
    let host: String
    /// `path[?query]` exactly as sent (the `(request-target)`); "/" when the URL has no path.
    let target: String

    init?(_ url: String) {
        let lower = url.lowercased()
        let scheme: String
        if lower.hasPrefix("https://") { scheme = "https" } else if lower.hasPrefix("http://") { scheme = "http" } else { return nil }
        var rest = Substring(url.dropFirst(scheme.count + 3))
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        guard !authority.isEmpty, !authority.contains(where: { $0 == " " || $0.isNewline }) else { return nil }
        var host = String(authority).lowercased()
        let defaultPort = scheme == "https" ? ":443" : ":80"
        if host.hasSuffix(defaultPort) { host.removeLast(defaultPort.count) }
        var target = String(rest[authorityEnd...])
        if target.hasPrefix("?") || target.isEmpty { target = "/" + target }
        guard !target.contains(where: { $0 == " " || $0.isNewline }) else { return nil }
        self.host = host
        self.target = target
    }

    /// `url` with `query` appended (`?` or `&`), for GET parameters.
    static func appending(query: String, to url: String) -> String {
        guard !query.isEmpty else { return url }
        var base = url
        if let hash = base.firstIndex(of: "#") { base = String(base[..<hash]) }
        return base + (base.contains("?") ? "&" : "?") + query
    }
}
