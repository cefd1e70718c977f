import EWPAPIs
import EWPCrypto
import EWPSecurity
import EWPXML

/// One covered HEI served as its own EWP host (Discovery v6: one HEI per manifest, a key in one
/// host only): its URL prefix, key pairs, manifest and response signer. The HEI comes from the URL.
public struct CoveredHost: Sendable {
    public let heiID: String
    public let keys: HostKeys
    public let pathPrefix: String
    public let manifestURL: String
    public let echoURL: String
    public let manifestDocument: [UInt8]
    let responseSigner: ResponseSigner

    public init(heiID: String, keys: HostKeys, configuration: NodeConfiguration) {
        self.heiID = heiID
        self.keys = keys
        pathPrefix = "/hei/\(heiID)"
        manifestURL = configuration.publicBase + pathPrefix + "/manifest.xml"
        echoURL = configuration.publicBase + pathPrefix + "/echo"
        responseSigner = ResponseSigner(key: keys.server)

        let settings = configuration.manifest
        let institution = settings.institution(heiID)
        let names = institution?.names.map { HostDescription.Institution.Name(language: $0.lang, value: $0.value) } ?? []
        let description = HostDescription(
            adminEmails: configuration.adminEmails,
            adminProvider: settings.adminProvider,
            adminNotes: settings.adminNotes,
            institution: .init(heiID: heiID,
                               otherIDs: (institution?.otherIDs ?? []).map { .init(type: $0.type, value: $0.value) },
                               // The XSD needs at least one name; the SCHAC id is better than an invalid manifest.
                               names: names.isEmpty ? [.init(language: "en", value: heiID)] : names),
            clientKeys: [Base64.encode(keys.client.publicKey.derSPKI)],
            serverKeys: [Base64.encode(keys.server.publicKey.derSPKI)])
        let base = configuration.publicBase + pathPrefix
        let limits = settings.apiLimits
        manifestDocument = ManifestDocument.document(host: description, apiEntries: [
            ManifestDocument.discoveryEntry(manifestURL: manifestURL),
            EchoAPI.manifestEntry(url: echoURL),
            IIAsApprovalAPI.manifestEntry(url: base + "/iias-approval"),
            IIACNRAPI.manifestEntry(url: base + "/iia-cnr"),
            IIAApprovalCNRAPI.manifestEntry(url: base + "/iia-approval-cnr"),
            OMobilityLACNRAPI.manifestEntry(url: base + "/omobility-la-cnr"),
            IMobilityToRCNRAPI.manifestEntry(url: base + "/imobility-tor-cnr"),
            IMobilityToRCNRv2API.manifestEntry(url: base + "/imobility-tor-cnr-v2"),
            InstitutionsAPI.manifestEntry(url: base + "/institutions", maxHEIIDs: limits.institutionsHEIIDs),
            OUnitsAPI.manifestEntry(url: base + "/ounits", maxOUnitIDs: limits.ounitIDs, maxOUnitCodes: limits.ounitCodes),
            FactsheetAPI.manifestEntry(url: base + "/factsheet", maxHEIIDs: limits.factsheetHEIIDs),
            IIAsAPI.manifestEntry(getURL: base + "/iias/get", indexURL: base + "/iias/index", statsURL: base + "/iias/stats"),
            OMobilityLAsAPI.manifestEntry(getURL: base + "/omobility-las/get", indexURL: base + "/omobility-las/index",
                                          updateURL: base + "/omobility-las/update", statsURL: base + "/omobility-las/stats"),
            ToRsRoutes.manifestEntry(.v2, base: base),
            ToRsRoutes.manifestEntry(.v3, base: base),
        ])
    }

    /// The key ids partners use for us: our client key (requests) and server key (responses).
    public var clientKeyID: String { keys.client.publicKey.fingerprint }
    public var serverKeyID: String { keys.server.publicKey.fingerprint }
}
