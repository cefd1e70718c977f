import CCurl

/// Client-wide settings applied to every transfer.
struct CurlSettings: Sendable {
    var connectTimeout: Duration
    var caBundlePath: String?
    var maxResponseBytes: Int
}

/// Translates an `OutboundRequest` into libcurl options on a fresh (or freshly reset) easy handle.
enum CurlEasyOptions {
    static func apply(to transfer: CurlTransfer, settings: CurlSettings) throws(TransportError) {
        let easy = transfer.easy
        let request = transfer.pending.request
        let method = request.method.uppercased()
        guard !method.isEmpty, method.utf8.allSatisfy(isTokenByte) else {
            throw invalid("invalid HTTP method \"\(request.method)\"")
        }

        var failed: CURLcode = CURLE_OK
        func check(_ rc: CURLcode) { if rc != CURLE_OK, failed == CURLE_OK { failed = rc } }

        check(ewp_curl_easy_setopt_string(easy, CURLOPT_URL, request.url))
        check(ewp_curl_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1))
        check(ewp_curl_easy_setopt_string(easy, CURLOPT_PROTOCOLS_STR, "http,https"))
        check(ewp_curl_easy_setopt_string(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https"))
        check(ewp_curl_easy_setopt_long(easy, CURLOPT_FOLLOWLOCATION, 0))
        check(ewp_curl_easy_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, milliseconds(settings.connectTimeout)))
        check(ewp_curl_easy_setopt_long(easy, CURLOPT_TIMEOUT_MS, milliseconds(request.timeout)))
        if let ca = settings.caBundlePath {
            check(ewp_curl_easy_setopt_string(easy, CURLOPT_CAINFO, ca))
        }
        check(ewp_curl_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, transfer.errorBuffer))
        if method != "HEAD" {   // a HEAD response's Content-Length announces no body
            check(ewp_curl_easy_setopt_off_t(easy, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(transfer.maxResponseBytes)))
        }

        let me = Unmanaged.passUnretained(transfer).toOpaque()
        check(ewp_curl_easy_setopt_pointer(easy, CURLOPT_PRIVATE, me))
        check(ewp_curl_easy_setopt_write(easy, CURLOPT_WRITEFUNCTION, curlWriteCallback))
        check(ewp_curl_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, me))
        check(ewp_curl_easy_setopt_write(easy, CURLOPT_HEADERFUNCTION, curlHeaderCallback))
        check(ewp_curl_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, me))
        // libcurl 7.88 has no option to stop its silent resend on a dead reused connection
        // (CURLOPT_FORBID_RETRY_ON_REUSE came in 8.16): the pre-request callback refuses it instead.
        check(ewp_curl_easy_setopt_prereq(easy, CURLOPT_PREREQFUNCTION, curlPrereqCallback))
        check(ewp_curl_easy_setopt_pointer(easy, CURLOPT_PREREQDATA, me))

        let sendsBody = ["POST", "PUT", "PATCH"].contains(method) || !request.body.isEmpty
        switch method {
        case "GET" where request.body.isEmpty:
            check(ewp_curl_easy_setopt_long(easy, CURLOPT_HTTPGET, 1))
        case "HEAD" where request.body.isEmpty:
            check(ewp_curl_easy_setopt_long(easy, CURLOPT_NOBODY, 1))
        case "POST":
            break
        default:
            check(ewp_curl_easy_setopt_string(easy, CURLOPT_CUSTOMREQUEST, method))
        }
        if sendsBody {
            check(ewp_curl_easy_setopt_long(easy, CURLOPT_POST, 1))
            check(ewp_curl_easy_setopt_off_t(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body.count)))
            // COPYPOSTFIELDS copies now, so the bytes need not outlive this call.
            if request.body.isEmpty {
                check(ewp_curl_easy_setopt_string(easy, CURLOPT_COPYPOSTFIELDS, ""))
            } else {
                request.body.withUnsafeBytes { bytes in
                    check(ewp_curl_easy_setopt_pointer(easy, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress)))
                }
            }
        }

        var lines: [String] = []
        // HTTPFields holds only token names and values without CR, LF or NUL: no header injection.
        for header in request.headers {
            let name = header.name.rawName
            // libcurl sends "Name;" as a header with an empty value ("Name:" would remove it).
            lines.append(header.value.isEmpty ? name + ";" : name + ": " + header.value)
        }
        if sendsBody, request.headers[.expect] == nil {
            lines.append("Expect:")   // no 100-continue round trip
        }
        for line in lines {
            guard let next = curl_slist_append(transfer.requestHeaders, line) else {
                throw invalid("out of memory building the header list")
            }
            transfer.requestHeaders = next
        }
        if let list = transfer.requestHeaders {
            check(ewp_curl_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, list))
        }

        if failed != CURLE_OK {
            throw TransportError(curlCode: Int(failed.rawValue), message: "cannot set up the request: " + String(cString: curl_easy_strerror(failed)))
        }
    }

    static func milliseconds(_ d: Duration) -> Int {
        let (seconds, attoseconds) = d.components
        let ms = seconds.multipliedReportingOverflow(by: 1000)
        if ms.overflow { return Int.max }
        return max(1, Int(ms.partialValue + attoseconds / 1_000_000_000_000_000))
    }

    /// RFC 9110 token characters.
    static func isTokenByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "!#$%&'*+-.^_`|~".utf8.contains(b)
        }
    }

    private static func invalid(_ message: String) -> TransportError {
        TransportError(.invalidRequest, message: message)
    }
}
