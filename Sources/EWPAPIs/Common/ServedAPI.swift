import EWPXML

/// One endpoint an API serves below a covered HEI's base URL (`<public URL>/hei/<hei-id>/`).
/// The path is written here only: the router, the manifest and the URLs all read it.
public struct ServedEndpoint: Sendable, Hashable {
    public enum Method: String, Sendable, Hashable { case get = "GET", post = "POST" }
    /// What the handler reads: form parameters (the query string of a GET, the form body of a
    /// POST), or the raw request body (the XML an `update` endpoint is POSTed).
    public enum Input: Sendable, Hashable { case parameters, body }

    /// Relative to the HEI base, e.g. `iias/get`.
    public let path: String
    /// The methods answered; any other gets 405 (an `error-response`).
    public let methods: [Method]
    /// The endpoint's name in metrics and logs.
    public let label: String
    public let input: Input

    public init(_ path: String, methods: [Method] = [.get, .post], label: String? = nil, input: Input = .parameters) {
        self.path = path
        self.methods = methods
        self.label = label ?? path.replacingOccurrences(of: "/", with: "-")
        self.input = input
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

/// An API as this node serves it: its endpoints, its manifest entry and its handler. The one list
/// of these (`ServedAPIList.all`) is what the router, the manifest and the URLs read.
public struct ServedAPI: Sendable {
    /// Answers one authenticated call to one of the API's endpoints (`call.endpoint`), or refuses
    /// it; the node signs the answer and turns a refusal into an `error-response`.
    public typealias Handler = @Sendable (APICall, APIServices) async throws(APIRequestError) -> XElement

    public let endpoints: [ServedEndpoint]
    public let manifestEntry: @Sendable (EndpointURLs, ManifestLimits) -> XElement
    public let handle: Handler

    public init(endpoints: [ServedEndpoint], manifestEntry: @escaping @Sendable (EndpointURLs, ManifestLimits) -> XElement,
                handle: @escaping Handler) {
        self.endpoints = endpoints
        self.manifestEntry = manifestEntry
        self.handle = handle
    }

    /// An API with one endpoint whose manifest entry names its URL only.
    public init(_ endpoint: ServedEndpoint, manifestEntry: @escaping @Sendable (_ url: String) -> XElement, handle: @escaping Handler) {
        self.init(endpoints: [endpoint], manifestEntry: { urls, _ in manifestEntry(urls(endpoint)) }, handle: handle)
    }
}
