import EWPXML

/// Incoming Mobilities v1 (ewp-specs-api-imobilities 1.0.0): the receiving HEI serves its answer to
/// each nomination the sending HEI made (pending, verified or rejected, a comment, the actual
/// arrival and departure dates), by the sending HEI's `omobility-id`.
/// Answers: `NominationAnswer`; storage: `OwnNominationAnswerStorage`; store queries: `IMobilitiesServer`.
public enum IMobilitiesAPI {
    public static let version = "1.0.0"
    /// Most `omobility_id` values one `get` accepts (published as `max-omobility-ids`).
    public static let maxOMobilityIDs = 100

    private static let base = "https://github.com/erasmus-without-paper/ewp-specs-api-imobilities/blob/stable-v1/"
    public static let entryNamespace = base + "manifest-entry.xsd"
    public static let getResponseNamespace = base + "endpoints/get-response.xsd"

    /// The manifest entry (manifest-entry.xsd): get-url, max-omobility-ids and `sends-notifications`
    /// (each change of an answer sends the IMobility CNR).
    public static func manifestEntry(getURL: String) -> XElement {
        let ns = entryNamespace
        return XElement("imobilities", namespace: ns, attributes: [XAttribute("version", value: version)], children: [
            HTTPSecurityOptions.element(inEntryNamespace: ns),
            XElement("get-url", namespace: ns, text: getURL),
            XElement("max-omobility-ids", namespace: ns, text: String(maxOMobilityIDs)),
            XElement("sends-notifications", namespace: ns),
        ])
    }

    public static func getResponse(answers: [XElement]) -> XElement {
        XElement("imobilities-get-response", namespace: getResponseNamespace, children: answers)
    }
}

extension IMobilitiesAPI {
    public static let get = ServedEndpoint("imobilities/get")

    public static let served = ServedAPI(endpoints: [get], manifestEntry: { urls, _ in manifestEntry(getURL: urls(get)) },
                                         handle: { call, services throws(APIRequestError) in
        try await IMobilitiesServer(store: services.store).get(servedHEI: call.servedHEI, requesterHEIs: call.requesterHEIs,
                                                               parameters: call.parameters)
    })
}
