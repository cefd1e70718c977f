import Foundation
import EWPSecurity
import HTTPTypes

/// The caching headers of a catalogue response (200 or 304) that the refresh policy looks at.
public struct CacheDirectives: Sendable, Equatable {
    /// `Cache-Control: max-age=N` (seconds), if given and well-formed.
    public var maxAge: TimeInterval?
    /// `Expires` (RFC 1123), if given and parseable.
    public var expires: Date?
    /// The response's `Date`, used to turn `Expires` into a lifetime without trusting our clock skew.
    public var date: Date?

    public init(maxAge: TimeInterval? = nil, expires: Date? = nil, date: Date? = nil) {
        self.maxAge = maxAge
        self.expires = expires
        self.date = date
    }

    /// Reads `Cache-Control` (all instances; `max-age` wins over `Expires`, RFC 9111 §5.3), `Expires`, `Date`.
    /// `no-cache` / `no-store` / `max-age=0` yield a zero lifetime (the policy's floor then applies).
    public init(headers: HTTPFields) {
        for field in headers {
            let value = field.value
            switch field.name.canonicalName {
            case "cache-control":
                for directive in value.split(separator: ",") {
                    let d = directive.trimmingWhitespace().lowercased()
                    if d == "no-cache" || d == "no-store" {
                        maxAge = 0
                    } else if d.hasPrefix("max-age=") {
                        var v = d.dropFirst("max-age=".count)
                        if v.hasPrefix("\""), v.hasSuffix("\""), v.count >= 2 { v = v.dropFirst().dropLast() }
                        if let n = Int(v), n >= 0, maxAge == nil { maxAge = TimeInterval(n) }
                    }
                }
            case "expires":
                // An invalid Expires (e.g. "0") means "already expired" (RFC 9111 §5.3).
                expires = HTTPDate.parse(value.trimmingWhitespace()) ?? Date(timeIntervalSince1970: 0)
            case "date":
                date = HTTPDate.parse(value.trimmingWhitespace())
            default:
                continue
            }
        }
    }

    /// The server's freshness lifetime in seconds, nil when it said nothing.
    public func serverLifetime(receivedAt: Date) -> TimeInterval? {
        if let maxAge { return maxAge }
        if let expires { return max(0, expires.timeIntervalSince(date ?? receivedAt)) }
        return nil
    }
}
