import EWPModel
import EWPXML

/// IIAs API v7 (ewp-specs-api-iias): `get`, `index` and `stats` of one covered HEI's own IIAs.
/// Parameters: `IIAsGetRequest`, `IIAsIndexRequest`; access: `IIAAccess`; store: `IIAsServer`.
public enum IIAsAPI {
    public static let version = "7.0.0"
    /// Most `iia_id` values one `get` accepts (published as `max-iia-ids`).
    public static let maxIIAIDs = 100
    /// The EWP Stats Portal, which collects every node's `stats` (ewp-specs-architecture › EWP
    /// Statistics).
    public static let statsPortalHEI = "stats.erasmuswithoutpaper.eu"

    private static let base = "https://github.com/erasmus-without-paper/ewp-specs-api-iias/blob/stable-v7/"
    public static let entryNamespace = base + "manifest-entry.xsd"
    public static let getResponseNamespace = IIA.namespace
    public static let indexResponseNamespace = base + "endpoints/index-response.xsd"
    public static let statsResponseNamespace = base + "endpoints/stats-response.xsd"

    /// The manifest entry (manifest-entry.xsd): get-url, max-iia-ids, index-url, stats-url.
    public static func manifestEntry(getURL: String, indexURL: String, statsURL: String) -> XElement {
        let ns = entryNamespace
        return XElement("iias", namespace: ns, attributes: [XAttribute("version", value: version)], children: [
            HTTPSecurityOptions.element(inEntryNamespace: ns),
            XElement("get-url", namespace: ns, text: getURL),
            XElement("max-iia-ids", namespace: ns, text: String(maxIIAIDs)),
            XElement("index-url", namespace: ns, text: indexURL),
            XElement("stats-url", namespace: ns, text: statsURL),
        ])
    }
}

extension IIAsAPI {
    public static let get = ServedEndpoint("iias/get")
    public static let index = ServedEndpoint("iias/index")
    public static let stats = ServedEndpoint("iias/stats", methods: [.get])
    public static let served = ServedAPI(endpoints: [get, index, stats], manifestEntry: { urls, _ in
        manifestEntry(getURL: urls(get), indexURL: urls(index), statsURL: urls(stats))
    }, handle: handle)

    static func handle(_ call: APICall, _ services: APIServices) async throws(APIRequestError) -> XElement {
        let server = IIAsServer(store: services.store, approvals: StoredIIAApprovals(store: services.store))
        switch call.endpoint {
        case get: return try await server.get(servedHEI: call.servedHEI, requesterHEIs: call.requesterHEIs, parameters: call.parameters)
        case index: return try await server.index(servedHEI: call.servedHEI, requesterHEIs: call.requesterHEIs, parameters: call.parameters)
        default: return try await server.stats(servedHEI: call.servedHEI, requesterHEIs: call.requesterHEIs)
        }
    }
}
