/// One API implementation found in some host's `apis-implemented` (a copied manifest entry).
public struct APIEntry: Sendable, Hashable {
    /// Namespace of the manifest entry element, e.g. `…ewp-specs-api-iias/blob/stable-v7/manifest-entry.xsd`.
    public let namespace: String
    /// Local name of the manifest entry element, e.g. `iias`.
    public let name: String
    /// The `version` attribute as published, e.g. `7.0.0` ("" when absent).
    public let version: String
    /// Child local name → URL (`url`, `get-url`, `index-url`, ...), trimmed.
    public let urls: [String: String]
    /// Child local name → integer (`max-iia-ids`, ...).
    public let limits: [String: Int]
    /// `http-security/client-auth-methods` lists cliauth `httpsig` (default when absent: tlscert only → false).
    public let clientAuthHTTPSig: Bool
    /// `http-security/server-auth-methods` lists srvauth `httpsig` (default when absent: tlscert only → false).
    public let serverAuthHTTPSig: Bool
    /// Index of the `<host>` (document order) whose `apis-implemented` holds this entry.
    public let hostIndex: Int

    public init(namespace: String, name: String, version: String, urls: [String: String], limits: [String: Int],
                clientAuthHTTPSig: Bool, serverAuthHTTPSig: Bool, hostIndex: Int) {
        self.namespace = namespace
        self.name = name
        self.version = version
        self.urls = urls
        self.limits = limits
        self.clientAuthHTTPSig = clientAuthHTTPSig
        self.serverAuthHTTPSig = serverAuthHTTPSig
        self.hostIndex = hostIndex
    }

    /// Parsed `version` (numeric components; non-numeric parts count as 0); nil when absent or not numeric.
    public var semanticVersion: APIVersion? { APIVersion(version) }
}
