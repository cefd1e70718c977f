/// The XML namespaces of the EWP documents this node reads and writes.
/// They are opaque strings that must match byte for byte (note `blob` vs `tree`).
public enum EWPNamespace {
    private static let github = "https://github.com/erasmus-without-paper/"

    public static let commonTypes = github + "ewp-specs-architecture/blob/stable-v1/common-types.xsd"
    public static let registry = github + "ewp-specs-api-registry/tree/stable-v1"
    public static let discoveryManifest = github + "ewp-specs-api-discovery/tree/stable-v6"
    public static let discoveryEntry = github + "ewp-specs-api-discovery/blob/stable-v6/manifest-entry.xsd"
    public static let echoEntry = github + "ewp-specs-api-echo/blob/stable-v2/manifest-entry.xsd"
    public static let echoResponse = github + "ewp-specs-api-echo/tree/stable-v2"

    public static let securityIntro = github + "ewp-specs-sec-intro/tree/stable-v2"
    public static let clientAuthHTTPSig = github + "ewp-specs-sec-cliauth-httpsig/tree/stable-v1"
    public static let serverAuthTLSCert = github + "ewp-specs-sec-srvauth-tlscert/tree/stable-v1"
    public static let serverAuthHTTPSig = github + "ewp-specs-sec-srvauth-httpsig/tree/stable-v1"

    public static let xml = "http://www.w3.org/XML/1998/namespace"

    /// Prefixes used when writing documents that mix these namespaces (the manifest).
    public static let conventionalPrefixes: [String: String] = [
        commonTypes: "ewp",
        registry: "r",
        securityIntro: "sec",
    ]
}
