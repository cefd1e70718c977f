import HTTPTypes

/// A request to send through `CurlClient`. Headers are sent in order, repeats included, each with
/// its name as given (`rawName`).
public struct OutboundRequest: Sendable {
    public var method: String
    public var url: String
    public var headers: HTTPFields
    public var body: [UInt8]
    /// Total time allowed for the transfer (waiting for a free connection slot, connect, send, wait,
    /// receive). Exceeding it fails with a `TransportError` of kind `.timeout`.
    public var timeout: Duration
    /// A larger response body aborts the transfer (kind `.responseTooLarge`); nil: the client's limit.
    public var maxResponseBytes: Int?

    public init(method: String = "GET", url: String, headers: HTTPFields = [:], body: [UInt8] = [], timeout: Duration = .seconds(30),
                maxResponseBytes: Int? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.maxResponseBytes = maxResponseBytes
    }
}
