import EWPXML

/// One major version of IMobility ToRs (ewp-specs-api-imobility-tors). The receiving HEI serves the
/// transcripts of records it issued to the students' sending HEIs. v2 (2.0.0) carries EMREX ELMO v1
/// and names the HEIs in its parameters; v3 (3.0.0, whose schemas come from the Registry Service)
/// carries ELMO v2 and a `receiving-academic-year-id`, and takes the HEIs from the caller's
/// signature. Both are served side by side: separate manifest entries, URLs and stored documents.
public enum ToRsVersion: Int, Sendable, CaseIterable, CustomStringConvertible {
    case v2 = 2
    case v3 = 3

    /// The release implemented (the manifest entry's `version`).
    public var release: String { "\(rawValue).0.0" }

    private var base: String { "https://github.com/erasmus-without-paper/ewp-specs-api-imobility-tors/blob/stable-v\(rawValue)/" }
    public var entryNamespace: String { base + "manifest-entry.xsd" }
    public var getResponseNamespace: String { base + "endpoints/get-response.xsd" }
    public var indexResponseNamespace: String { base + "endpoints/index-response.xsd" }
    /// The EMREX ELMO namespace of the transcripts inside (v1 in ToRs v2, v2 in ToRs v3).
    public var elmoNamespace: String { "https://github.com/emrex-eu/elmo-schemas/tree/v\(rawValue - 1)" }

    /// The own-object kind our transcripts of this version are stored under (`OwnToRStorage`).
    public var storageKind: String { self == .v2 ? "imobility-tor" : "imobility-tor-v3" }

    /// The version whose `imobility-tors-get-response` has this namespace.
    public init?(getResponseNamespace namespace: String) {
        guard let version = Self.allCases.first(where: { $0.getResponseNamespace == namespace }) else { return nil }
        self = version
    }

    public var description: String { "IMobility ToRs v\(rawValue)" }
}

/// The manifest entries and response documents of IMobility ToRs. Parameters: `ToRsGetRequest`,
/// `ToRsIndexRequest`; access: `ToRAccess`; storage: `OwnToRStorage`; store queries: `ToRsServer`.
public enum IMobilityToRsAPI {
    /// Most `omobility_id` values one `get` accepts (published as `max-omobility-ids`).
    public static let maxOMobilityIDs = 100

    /// The manifest entry (manifest-entry.xsd of the version): get-url, index-url,
    /// max-omobility-ids, and in v2 `sends-notifications` (we send ToR CNRs; v3 dropped the element).
    public static func manifestEntry(_ version: ToRsVersion, getURL: String, indexURL: String) -> XElement {
        let ns = version.entryNamespace
        var children = [
            HTTPSecurityOptions.element(inEntryNamespace: ns),
            XElement("get-url", namespace: ns, text: getURL),
            XElement("index-url", namespace: ns, text: indexURL),
            XElement("max-omobility-ids", namespace: ns, text: String(maxOMobilityIDs)),
        ]
        if version == .v2 { children.append(XElement("sends-notifications", namespace: ns)) }
        return XElement("imobility-tors", namespace: ns, attributes: [XAttribute("version", value: version.release)], children: children)
    }

    /// `imobility-tors-get-response` with these `tor` elements (none: every id unknown or hidden).
    public static func getResponse(_ version: ToRsVersion, tors: [XElement]) -> XElement {
        XElement("imobility-tors-get-response", namespace: version.getResponseNamespace, children: tors)
    }

    public static func indexResponse(_ version: ToRsVersion, omobilityIDs: [String]) -> XElement {
        let ns = version.indexResponseNamespace
        return XElement("imobility-tors-index-response", namespace: ns,
                        children: omobilityIDs.map { XElement("omobility-id", namespace: ns, text: $0) })
    }
}

extension IMobilityToRsAPI {
    /// Where a version lives below the HEI base: v2 at `imobility-tors/`, v3 at `imobility-tors-v3/`.
    public static func path(_ version: ToRsVersion) -> String { version == .v2 ? "imobility-tors" : "imobility-tors-v3" }
    public static func get(_ version: ToRsVersion) -> ServedEndpoint { ServedEndpoint(path(version) + "/get") }
    public static func index(_ version: ToRsVersion) -> ServedEndpoint { ServedEndpoint(path(version) + "/index") }

    public static func served(_ version: ToRsVersion) -> ServedAPI {
        ServedAPI(endpoints: [get(version), index(version)], manifestEntry: { urls, _ in
            manifestEntry(version, getURL: urls(get(version)), indexURL: urls(index(version)))
        }, handle: { call, services throws(APIRequestError) in
            let server = ToRsServer(store: services.store)
            if call.endpoint == get(version) {
                return try await server.get(version, servedHEI: call.servedHEI, requesterHEIs: call.requesterHEIs, parameters: call.parameters)
            }
            return try await server.index(version, servedHEI: call.servedHEI, requesterHEIs: call.requesterHEIs, parameters: call.parameters)
        })
    }
}
