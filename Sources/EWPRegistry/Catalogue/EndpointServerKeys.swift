import EWPCrypto
import EWPSecurity

/// Server keys acceptable for responses from the URLs of one `<host>` (the one whose API entry the
/// caller picked). Pass this to the outbound client when the URL came from `Catalogue.endpoint(...)`.
public struct EndpointServerKeys: ServerKeyDirectory {
    public let catalogue: Catalogue
    public let hostIndex: Int

    public func serverKey(keyId: String, forEndpointURL url: String) -> RSAPublicKey? {
        guard catalogue.hostIndexes(declaringURL: url).contains(hostIndex) else { return nil }
        return catalogue.serverKey(keyId: keyId, hostIndex: hostIndex)
    }
}
