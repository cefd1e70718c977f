import Foundation

/// Which URLs the node may call: partners' endpoints and the registry catalogue. Manifest URLs are
/// `ewp:HTTPS` in the Discovery XSD, and over plain http nothing but the (optional) HTTP signature
/// vouches for an answer, so every URL must be https. The one exception, for tests and local
/// development, is `EWP_ALLOW_HTTP=loopback`: `http://` to a loopback host (127.0.0.0/8, ::1,
/// localhost). Pure: the URL text alone decides (no name lookup).
public struct OutboundURLPolicy: Sendable, Equatable {
    /// True with `EWP_ALLOW_HTTP=loopback`.
    public let allowsLoopbackHTTP: Bool

    public static let httpsOnly = OutboundURLPolicy(allowsLoopbackHTTP: false)
    public static let loopbackHTTPAllowed = OutboundURLPolicy(allowsLoopbackHTTP: true)

    public init(allowsLoopbackHTTP: Bool) {
        self.allowsLoopbackHTTP = allowsLoopbackHTTP
    }

    /// Why `url` may not be called, or nil when it may.
    public func refusal(for url: String) -> String? {
        let lower = url.lowercased()
        if lower.hasPrefix("https://") { return nil }
        guard lower.hasPrefix("http://") else {
            return "\(Self.excerpt(url)) is not an https URL; partners and the registry are reached over https only"
        }
        guard allowsLoopbackHTTP else {
            return "\(Self.excerpt(url)) is plain http; partners and the registry are reached over https only "
                + "(EWP_ALLOW_HTTP=loopback allows http:// to loopback hosts, for tests and development)"
        }
        guard let host = Self.host(of: url), Self.isLoopback(host: host) else {
            return "\(Self.excerpt(url)) is plain http to a host that is not a loopback address; "
                + "EWP_ALLOW_HTTP=loopback allows http:// only to 127.0.0.0/8, ::1 and localhost"
        }
        return nil
    }

    /// True when the host of `url` is a loopback address (as `isLoopback(host:)` reads it).
    public static func namesLoopbackHost(_ url: String) -> Bool {
        host(of: url).map(isLoopback(host:)) ?? false
    }

    /// The host of an absolute URL, lowercased, without brackets (IPv6), port or user info.
    static func host(of url: String) -> String? {
        guard let schemeEnd = url.firstRange(of: "://") else { return nil }
        let rest = url[schemeEnd.upperBound...]
        var authority = rest[..<(rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex)]
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            return String(authority[authority.index(after: authority.startIndex)..<close]).lowercased()
        }
        let host = authority[..<(authority.firstIndex(of: ":") ?? authority.endIndex)]
        return host.isEmpty ? nil : host.lowercased()
    }

    /// `localhost`, a dotted-quad IPv4 address in 127.0.0.0/8, or the IPv6 loopback address `::1`
    /// in any of its spellings. Other spellings that some resolvers accept (`2130706433`, `0x7f.1`,
    /// IPv4-mapped IPv6) are not loopback here: the rule reads the URL as written.
    static func isLoopback(host: String) -> Bool {
        if host == "localhost" { return true }
        if let octets = ipv4Octets(host) { return octets[0] == 127 }
        return isIPv6Loopback(host)
    }

    private static func ipv4Octets(_ host: String) -> [Int]? {
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var octets: [Int] = []
        for part in parts {
            guard (1...3).contains(part.count), part.allSatisfy({ $0.isASCII && $0.isNumber }),
                  part.count == 1 || part.first != "0", let value = Int(part), value <= 255 else { return nil }
            octets.append(value)
        }
        return octets
    }

    /// `::1`, also written with zeros (`0:0:0:0:0:0:0:1`, `0::1`); no zone, no embedded IPv4.
    private static func isIPv6Loopback(_ host: String) -> Bool {
        guard host.contains(":"), host.allSatisfy({ $0 == ":" || $0.isHexDigit }) else { return false }
        let halves = host.components(separatedBy: "::")
        guard halves.count <= 2 else { return false }
        func groups(_ s: String) -> [Substring]? {
            if s.isEmpty { return [] }
            let g = s.split(separator: ":", omittingEmptySubsequences: false)
            return g.allSatisfy({ (1...4).contains($0.count) }) ? g : nil
        }
        guard let head = groups(halves[0]) else { return false }
        let tail = halves.count == 2 ? groups(halves[1]) : []
        guard let tail else { return false }
        let written = head + tail
        if halves.count == 1 { guard written.count == 8 else { return false } } else { guard written.count < 8 else { return false } }
        let values = written.map { Int($0, radix: 16) ?? -1 }
        let all = halves.count == 1 ? values : values.prefix(head.count) + Array(repeating: 0, count: 8 - written.count) + values.suffix(tail.count)
        return all == [0, 0, 0, 0, 0, 0, 0, 1]
    }

    /// At most 200 characters of a URL for messages (a catalogue may carry anything).
    private static func excerpt(_ url: String) -> String {
        url.count <= 200 ? url : String(url.prefix(200)) + "…"
    }
}
