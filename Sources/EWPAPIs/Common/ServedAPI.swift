import EWPXML

/// One endpoint an API serves below a covered HEI's base URL (`<public URL>/hei/<hei-id>/`).
/// The path is written here only: the router, the manifest and the URLs all read it.
public struct ServedEndpoint: Sendable, Hashable {
    public enum Method: String, Sendable, Hashable { case get = "GET", post = "POST" }

    /// Relative to the HEI base, e.g. `iias/get`.
    public let path: String
    /// The methods answered; any other gets 405 (an `error-response`).
    public let methods: [Method]
    /// The endpoint's name in metrics and logs.
    public let label: String

    public init(_ path: String, methods: [Method] = [.get, .post], label: String? = nil) {
        self.path = path
        self.methods = methods
        self.label = label ?? path.replacingOccurrences(of: "/", with: "-")
    }
}

/// The limits our manifest declares for the APIs that take lists (the operator's configuration).
public struct ManifestLimits: Sendable {
    public var institutionsHEIIDs: Int
    public var factsheetHEIIDs: Int
    public var ounitIDs: Int
    public var ounitCodes: Int

    public init(institutionsHEIIDs: Int, factsheetHEIIDs: Int, ounitIDs: Int, ounitCodes: Int) {
        self.institutionsHEIIDs = institutionsHEIIDs
        self.factsheetHEIIDs = factsheetHEIIDs
        self.ounitIDs = ounitIDs
        self.ounitCodes = ounitCodes
    }
}

/// The absolute URL of an endpoint of one covered HEI.
public struct EndpointURLs: Sendable {
    /// `<public URL>/hei/<hei-id>`.
    public let base: String

    public init(base: String) { self.base = base }

    public func callAsFunction(_ endpoint: ServedEndpoint) -> String { base + "/" + endpoint.path }
}

/// An API as this node serves it: its endpoints and its manifest entry. The node's list of these
/// (`NodeAPIs.all` in EWPNode) is what the router, the manifest and the URLs read.
public struct ServedAPI: Sendable {
    public let endpoints: [ServedEndpoint]
    public let manifestEntry: @Sendable (EndpointURLs, ManifestLimits) -> XElement

    public init(endpoints: [ServedEndpoint], manifestEntry: @escaping @Sendable (EndpointURLs, ManifestLimits) -> XElement) {
        self.endpoints = endpoints
        self.manifestEntry = manifestEntry
    }

    /// An API with one endpoint whose manifest entry names its URL only.
    public init(_ endpoint: ServedEndpoint, manifestEntry: @escaping @Sendable (_ url: String) -> XElement) {
        self.init(endpoints: [endpoint]) { urls, _ in manifestEntry(urls(endpoint)) }
    }
}
