import HTTPTypes

/// A request as received (or about to be sent): what HTTP signatures cover.
public struct SignableMessage: Sendable {
    public var method: String
    /// path[?query] exactly as on the wire.
    public var target: String
    public var headers: HTTPFields
    /// The exact body bytes (after any content coding, as on the wire).
    public var body: [UInt8]

    public init(method: String, target: String, headers: HTTPFields, body: [UInt8]) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
    }
}
