import EWPAPIs
import EWPCore
import EWPCrypto
import EWPSecurity
import EWPXML

/// One covered HEI served as its own EWP host (Discovery v6: one HEI per manifest, a key in one
/// host only): its URL prefix, key pairs, manifest and response signer. The HEI comes from the URL.
public struct CoveredHost: Sendable {
    public let heiID: HEIID
    public let keys: HostKeys
    public let pathPrefix: String
    public let manifestURL: String
    public let echoURL: String
    public let manifestDocument: [UInt8]
    let responseSigner: ResponseSigner

    public init(heiID: HEIID, keys: HostKeys, configuration: NodeConfiguration) {
        self.heiID = heiID
        self.keys = keys
        pathPrefix = "/hei/\(heiID)"
        manifestURL = configuration.publicBase + pathPrefix + "/manifest.xml"
        let urls = EndpointURLs(base: configuration.publicBase + pathPrefix)
        echoURL = urls(EchoAPI.endpoint)
        responseSigner = ResponseSigner(key: keys.server)

        let settings = configuration.manifest
        let institution = settings.institution(heiID.value)
        let names = institution?.names.map { HostDescription.Institution.Name(language: $0.lang, value: $0.value) } ?? []
        let description = HostDescription(
            adminEmails: configuration.adminEmails,
            adminProvider: settings.adminProvider,
            adminNotes: settings.adminNotes,
            institution: .init(heiID: heiID.value,
                               otherIDs: (institution?.otherIDs ?? []).map { .init(type: $0.type, value: $0.value) },
                               // The XSD needs at least one name; the SCHAC id is better than an invalid manifest.
                               names: names.isEmpty ? [.init(language: "en", value: heiID.value)] : names),
            clientKeys: [Base64.encode(keys.client.publicKey.derSPKI)],
            serverKeys: [Base64.encode(keys.server.publicKey.derSPKI)])
        let limits = settings.apiLimits
        let declared = ManifestLimits(institutionsHEIIDs: limits.institutionsHEIIDs, factsheetHEIIDs: limits.factsheetHEIIDs,
                                      ounitIDs: limits.ounitIDs, ounitCodes: limits.ounitCodes)
        manifestDocument = ManifestDocument.document(host: description, apiEntries:
            [ManifestDocument.discoveryEntry(manifestURL: manifestURL)] + ServedAPIList.all.map { $0.manifestEntry(urls, declared) })
    }

    /// The key ids partners use for us: our client key (requests) and server key (responses).
    public var clientKeyID: String { keys.client.publicKey.fingerprint }
    public var serverKeyID: String { keys.server.publicKey.fingerprint }
}
