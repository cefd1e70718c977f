import EWPXML

/// The `http-security` element every API entry of our manifest carries: HTTP-signature client
/// authentication only (the Registry no longer accepts TLS client certificates, and anonymous
/// access is forbidden for the APIs we serve), and both TLS-certificate and HTTP-signature server
/// authentication (the validator warns when httpsig server auth is declared without tlscert).
/// Encryption aspects are left at their default, TLS.
public enum HTTPSecurityOptions {
    public static func element(inEntryNamespace entryNamespace: String) -> XElement {
        let sec = EWPNamespace.securityIntro
        return XElement("http-security", namespace: entryNamespace, children: [
            XElement("client-auth-methods", namespace: sec, children: [
                XElement("httpsig", namespace: EWPNamespace.clientAuthHTTPSig),
            ]),
            XElement("server-auth-methods", namespace: sec, children: [
                XElement("tlscert", namespace: EWPNamespace.serverAuthTLSCert),
                XElement("httpsig", namespace: EWPNamespace.serverAuthHTTPSig),
            ]),
        ])
    }
}
