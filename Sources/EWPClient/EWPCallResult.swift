import EWPSecurity
import EWPXML
import HTTPTypes

/// A verified partner response.
public struct EWPCallResult: Sendable {
    public let status: Int
    /// Only the response headers the server signed (srvauth-httpsig: ignore unsigned headers).
    public let headers: HTTPFields
    /// The exact body bytes received.
    public let body: [UInt8]
    /// The parsed document (nil only for an empty body).
    public let root: XElement?

    public init(status: Int, headers: HTTPFields, body: [UInt8], root: XElement?) {
        self.status = status
        self.headers = headers
        self.body = body
        self.root = root
    }
}
