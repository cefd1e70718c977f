import CCurl
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Process-wide libcurl set-up, done once before the first handle is created.
enum CurlGlobal {
    /// `curl_global_init` is not thread-safe itself; a `static let` runs it exactly once.
    /// With `CURLOPT_NOSIGNAL=1` libcurl no longer guards against SIGPIPE, so the process ignores it
    /// (a write to a socket the partner closed must give EPIPE, not kill the node).
    static let initialised: Bool = {
        signal(SIGPIPE, SIG_IGN)
        return ewp_curl_global_init_default() == CURLE_OK
    }()
}
