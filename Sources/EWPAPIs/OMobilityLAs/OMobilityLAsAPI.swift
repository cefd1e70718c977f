import EWPModel
import EWPXML

/// OMobility LAs API v1 (ewp-specs-api-omobility-las): served by the sending HEI (the
/// LA master) for the receiving HEI: `get`, `index`, `update` (approve or comment on a changes
/// proposal) and `stats`. Parameters: `OMobilityLAsGetRequest`, `OMobilityLAsIndexRequest`,
/// `OMobilityLAsUpdateRequest`; access: `LAAccess`; storage: `OwnLAStorage`; endpoints over the
/// store: `OMobilityLAsServer`.
public enum OMobilityLAsAPI {
    public static let version = "1.2.0"
    /// Most `omobility_id` values one `get` accepts (published as `max-omobility-ids`).
    public static let maxOmobilityIDs = 100
    /// The EWP Stats Portal, which collects every node's `stats` (ewp-specs-architecture › EWP
    /// Statistics).
    public static let statsPortalHEI = "stats.erasmuswithoutpaper.eu"

    private static let base = "https://github.com/erasmus-without-paper/ewp-specs-api-omobility-las/blob/stable-v1/"
    public static let entryNamespace = base + "manifest-entry.xsd"
    public static let getResponseNamespace = LANamespace.getResponse
    public static let indexResponseNamespace = base + "endpoints/index-response.xsd"
    public static let updateRequestNamespace = base + "endpoints/update-request.xsd"
    public static let updateResponseNamespace = base + "endpoints/update-response.xsd"
    public static let statsResponseNamespace = base + "endpoints/stats-response.xsd"

    /// The manifest entry (manifest-entry.xsd): get-url, index-url, update-url, stats-url, max-omobility-ids.
    public static func manifestEntry(getURL: String, indexURL: String, updateURL: String, statsURL: String,
                                     maxOmobilityIDs: Int = maxOmobilityIDs) -> XElement {
        let ns = entryNamespace
        return XElement("omobility-las", namespace: ns, attributes: [XAttribute("version", value: version)], children: [
            HTTPSecurityOptions.element(inEntryNamespace: ns),
            XElement("get-url", namespace: ns, text: getURL),
            XElement("index-url", namespace: ns, text: indexURL),
            XElement("update-url", namespace: ns, text: updateURL),
            XElement("stats-url", namespace: ns, text: statsURL),
            XElement("max-omobility-ids", namespace: ns, text: String(maxOmobilityIDs)),
        ])
    }
}

extension OMobilityLAsAPI {
    public static let get = ServedEndpoint("omobility-las/get")
    public static let index = ServedEndpoint("omobility-las/index")
    /// POST only: the body is the XML update request, not a form.
    public static let update = ServedEndpoint("omobility-las/update", methods: [.post], input: .body)
    public static let stats = ServedEndpoint("omobility-las/stats", methods: [.get])
    public static let served = ServedAPI(endpoints: [get, index, update, stats], manifestEntry: { urls, _ in
        manifestEntry(getURL: urls(get), indexURL: urls(index), updateURL: urls(update), statsURL: urls(stats))
    }, handle: handle)

    static func handle(_ call: APICall, _ services: APIServices) async throws(APIRequestError) -> XElement {
        let server = OMobilityLAsServer(store: services.store, policy: services.notifications)
        switch call.endpoint {
        case get: return try await server.get(servedHEI: call.servedHEI, requesterHEIs: call.requesterHEIs, parameters: call.parameters)
        case index: return try await server.index(servedHEI: call.servedHEI, requesterHEIs: call.requesterHEIs, parameters: call.parameters)
        case update: return try await server.update(servedHEI: call.servedHEI, requesterHEIs: call.requesterHEIs, body: call.body, now: services.now())
        default: return try await server.stats(servedHEI: call.servedHEI, requesterHEIs: call.requesterHEIs)
        }
    }
}
