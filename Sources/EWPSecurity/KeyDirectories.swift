import EWPCrypto

/// Where the authenticator finds partners' client keys (the Registry catalogue implements it).
public protocol ClientKeyDirectory: Sendable {
    /// Only keys listed in some host's `client-credentials-in-use`.
    func clientKey(keyId: String) -> RSAPublicKey?
    /// The HEIs covered by the hosts that use this client key (0..n).
    func heis(coveredByClientKey keyId: String) -> [String]
    /// True if the key is known only as a server key (lets the 403 say so).
    func isServerKey(keyId: String) -> Bool
}

/// Where the response verifier finds partners' server keys.
public protocol ServerKeyDirectory: Sendable {
    /// A key from `server-credentials-in-use` of the same `<host>` whose `apis-implemented` lists
    /// `url`; keys of other hosts claiming the same URL must not be returned.
    func serverKey(keyId: String, forEndpointURL url: String) -> RSAPublicKey?
}
