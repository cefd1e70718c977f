import EWPXML

/// Outgoing Mobilities v2 (ewp-specs-api-omobilities 2.0.0): the sending HEI serves its students'
/// mobilities (nominations first, then live, recognized or cancelled) to the receiving HEIs.
/// Parameters: `OMobilitiesGetRequest`, `OMobilitiesIndexRequest`; access: `OMobilityAccess`;
/// storage: `OwnOMobilityStorage`; store queries: `OMobilitiesServer`.
public enum OMobilitiesAPI {
    /// The release implemented (the manifest entry's `version`).
    public static let version = "2.0.0"
    /// Most `omobility_id` values one `get` accepts (published as `max-omobility-ids`).
    public static let maxOMobilityIDs = 100

    private static let base = "https://github.com/erasmus-without-paper/ewp-specs-api-omobilities/blob/stable-v2/"
    public static let entryNamespace = base + "manifest-entry.xsd"
    public static let getResponseNamespace = base + "endpoints/get-response.xsd"
    public static let indexResponseNamespace = base + "endpoints/index-response.xsd"

    /// The manifest entry (manifest-entry.xsd): get-url, index-url, max-omobility-ids and
    /// `sends-notifications` (an import that changes a mobility sends the OMobility CNR).
    public static func manifestEntry(getURL: String, indexURL: String) -> XElement {
        let ns = entryNamespace
        return XElement("omobilities", namespace: ns, attributes: [XAttribute("version", value: version)], children: [
            HTTPSecurityOptions.element(inEntryNamespace: ns),
            XElement("get-url", namespace: ns, text: getURL),
            XElement("index-url", namespace: ns, text: indexURL),
            XElement("max-omobility-ids", namespace: ns, text: String(maxOMobilityIDs)),
            XElement("sends-notifications", namespace: ns),
        ])
    }

    /// `omobilities-get-response` with these `student-mobility` elements (none: every id unknown or hidden).
    public static func getResponse(mobilities: [XElement]) -> XElement {
        XElement("omobilities-get-response", namespace: getResponseNamespace, children: mobilities)
    }

    public static func indexResponse(omobilityIDs: [String]) -> XElement {
        let ns = indexResponseNamespace
        return XElement("omobilities-index-response", namespace: ns, children: omobilityIDs.map { XElement("omobility-id", namespace: ns, text: $0) })
    }
}

extension OMobilitiesAPI {
    public static let get = ServedEndpoint("omobilities/get")
    public static let index = ServedEndpoint("omobilities/index")

    public static let served = ServedAPI(endpoints: [get, index], manifestEntry: { urls, _ in
        manifestEntry(getURL: urls(get), indexURL: urls(index))
    }, handle: { call, services throws(APIRequestError) in
        let server = OMobilitiesServer(store: services.store)
        if call.endpoint == get {
            return try await server.get(servedHEI: call.servedHEI, requesterHEIs: call.requesterHEIs, parameters: call.parameters)
        }
        return try await server.index(servedHEI: call.servedHEI, requesterHEIs: call.requesterHEIs, parameters: call.parameters)
    })
}
