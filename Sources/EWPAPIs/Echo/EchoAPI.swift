import EWPCore
import EWPXML

/// Echo API v2 (ewp-specs-api-echo): answers with the caller's HEIs (from the Registry, via the
/// client key) and every `echo` value in request order, duplicates kept.
public enum EchoAPI {
    public static let version = "2.0.1"

    public static func manifestEntry(url: String) -> XElement {
        let ns = EWPNamespace.echoEntry
        return XElement("echo", namespace: ns,
                        attributes: [XAttribute("version", namespace: "", value: version)],
                        children: [HTTPSecurityOptions.element(inEntryNamespace: ns), XElement("url", namespace: ns, text: url)])
    }

    public static func response(requesterHEIs: [HEIID], parameters: RequestParameters) -> XElement {
        let ns = EWPNamespace.echoResponse
        let heis = requesterHEIs.map { XElement("hei-id", namespace: ns, text: $0.value) }
        let echoes = parameters.values("echo").map { XElement("echo", namespace: ns, text: $0) }
        return XElement("response", namespace: ns, children: heis + echoes)
    }
}

extension EchoAPI {
    public static let endpoint = ServedEndpoint("echo")
    public static let served = ServedAPI(endpoint, manifestEntry: manifestEntry(url:)) { call, _ in
        response(requesterHEIs: call.requesterHEIs, parameters: call.parameters)
    }
}
