/// A request to send through `CurlClient`.
public struct OutboundRequest: Sendable {
    public var method: String
    public var url: String
    public var headers: HeaderList
    public var body: [UInt8]
    /// Total time allowed for the transfer (waiting for a free connection slot, connect, send, wait,
    /// receive). Exceeding it fails with a `TransportError` of kind `.timeout`.
    public var timeout: Duration
    /// A larger response body aborts the transfer (kind `.responseTooLarge`); nil: the client's limit.
    public var maxResponseBytes: Int?

    public init(method: String = "GET", url: String, headers: HeaderList = [], body: [UInt8] = [], timeout: Duration = .seconds(30),
                maxResponseBytes: Int? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.maxResponseBytes = maxResponseBytes
    }
}
