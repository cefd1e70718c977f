/// How the partner's server proves who it is (the `server-auth-methods` of its manifest entry).
public enum ServerAuthentication: Sendable, Equatable {
    /// srvauth-httpsig: ask for a signed response and verify it (the default; RECOMMENDED by EWP).
    case httpSignature
    /// srvauth-tlscert only: trust the TLS certificate check, do not ask for or verify a signature.
    case tlsCertificate
}
