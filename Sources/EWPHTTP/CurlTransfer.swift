import CCurl

/// One request in flight on the driver thread: the easy handle and everything libcurl points into
/// (header list, error buffer) plus the bytes received so far. Confined to the driver thread.
final class CurlTransfer {
    let pending: PendingRequest
    let easy: UnsafeMutableRawPointer
    let maxResponseBytes: Int
    var requestHeaders: UnsafeMutablePointer<curl_slist>?
    let errorBuffer: UnsafeMutablePointer<CChar>

    private(set) var body: [UInt8] = []
    private var headerCollector = ResponseHeaderCollector()
    private(set) var exceededLimit = false
    /// How many times libcurl started sending this request (see `curlPrereqCallback`).
    private(set) var sends = 0

    init(pending: PendingRequest, easy: UnsafeMutableRawPointer, maxResponseBytes: Int) {
        self.pending = pending
        self.easy = easy
        self.maxResponseBytes = maxResponseBytes
        let size = Int(ewp_curl_error_size())
        errorBuffer = .allocate(capacity: size)
        errorBuffer.initialize(repeating: 0, count: size)
    }

    deinit {
        curl_slist_free_all(requestHeaders)
        errorBuffer.deallocate()
    }

    /// Body bytes from the write callback; false aborts the transfer (size cap).
    func receiveBody(_ chunk: UnsafeRawBufferPointer) -> Bool {
        guard body.count + chunk.count <= maxResponseBytes else {
            exceededLimit = true
            return false
        }
        body.append(contentsOf: chunk)
        return true
    }

    /// A header line from the header callback; false aborts the transfer (header size cap).
    func receiveHeaderLine(_ line: UnsafeRawBufferPointer) -> Bool {
        if headerCollector.consume(line) { return true }
        exceededLimit = true
        return false
    }

    /// Called before each send on a connection; false for a second send (libcurl's silent resend).
    func startSending() -> Bool {
        sends += 1
        return sends == 1
    }

    /// The outcome once libcurl reports the transfer done with `code`.
    func result(code: CURLcode) -> TransferResult {
        if exceededLimit || code == CURLE_FILESIZE_EXCEEDED {
            return .failure(TransportError(
                .responseTooLarge,
                message: "response exceeds the limit of \(maxResponseBytes) body bytes (or \(ResponseHeaderCollector.maxHeaderBytes) header bytes)"))
        }
        if sends > 1 {
            return .failure(TransportError(
                .connectionLost,
                message: "the reused connection closed before any answer; libcurl's resend of the same signed request was stopped"))
        }
        guard code == CURLE_OK else {
            let detail = errorBuffer.pointee != 0 ? String(cString: errorBuffer) : String(cString: curl_easy_strerror(code))
            return .failure(TransportError(curlCode: Int(code.rawValue), message: detail))
        }
        var status = 0
        _ = ewp_curl_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        return .success(InboundResponse(status: status, headers: headerCollector.headers, body: body))
    }
}
