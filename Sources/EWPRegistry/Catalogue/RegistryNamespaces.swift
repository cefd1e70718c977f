/// Namespaces the catalogue parser needs (ewp-specs-api-registry catalogue.xsd; ewp-specs-sec-intro v2).
public enum RegistryNamespaces {
    public static let registry = "https://github.com/erasmus-without-paper/ewp-specs-api-registry/tree/stable-v1"
    public static let securityIntro = "https://github.com/erasmus-without-paper/ewp-specs-sec-intro/tree/stable-v2"
    public static let clientAuthHTTPSig = "https://github.com/erasmus-without-paper/ewp-specs-sec-cliauth-httpsig/tree/stable-v1"
    public static let serverAuthHTTPSig = "https://github.com/erasmus-without-paper/ewp-specs-sec-srvauth-httpsig/tree/stable-v1"
}
