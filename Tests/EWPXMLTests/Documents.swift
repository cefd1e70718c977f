import EWPXML

/// Documents built the way the node builds them (XElement → XMLWriter), plus the spec's examples
/// that exist only as text (ewp-specs-architecture › Error handling; the draft-cavage test key's
/// vectors).
enum Documents {
    static let prefixes = [NS.ewp: "ewp", NS.sec: "sec", NS.registry: "r"]

    static let publicKey = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAkQojIPtX+BYGGC2f1zXrU3ijq5oApW6YA+mSiB3p5pEQRUuvIHKbSKRXQaW/5hORYpWU1GzU2Wq99vykjX9b8GQlM+0xbFP0cILIhjz23R0Q53mKcf2xAzQt2b3f56QOnjUaKbXsuB+ejTLAtQ4DyKYSodCzUFkuUZUw+TK7G9ySMbcVHqrG8qDCw3/7CXkN0Wf9HpSnYP5fwd426fayu6RXGeX5vUuX5BJkjsxoL8Smn7TB31LSFn3LbQLzG4UuxGaGgHWZCMSC35dX2d3z4zcpZxgyN8LNWXCf4g95b20Ljsbnvk1dIUTJtRJJ29zbWXcgXgVl69UKQx8NxXIx6wIDAQAB"

    static func httpSecurity(_ ns: String) -> XElement {
        XElement("http-security", namespace: ns, children: [
            XElement("client-auth-methods", namespace: NS.sec, children: [XElement("httpsig", namespace: NS.cliHttpsig)]),
            XElement("server-auth-methods", namespace: NS.sec, children: [
                XElement("tlscert", namespace: NS.srvTlscert), XElement("httpsig", namespace: NS.srvHttpsig),
            ]),
        ])
    }

    /// A CNR manifest entry as the node builds it (EWPAPIs ChangeNotificationRules.manifestEntry).
    static func cnrEntry(_ api: CNR, url: String) -> XElement {
        var children = [httpSecurity(api.entryNamespace), XElement("url", namespace: api.entryNamespace, text: url)]
        if api.hasMaxIDs { children.append(XElement("max-omobility-ids", namespace: api.entryNamespace, text: "100")) }
        return XElement(api.rawValue, namespace: api.entryNamespace, attributes: [XAttribute("version", value: api.version)], children: children)
    }

    /// The empty response of a CNR endpoint.
    static func cnrResponse(_ api: CNR) -> XElement {
        XElement(api.rawValue + "-response", namespace: api.responseNamespace)
    }

    /// A manifest with a Discovery, an Echo and the CNR entries, http-security, one HEI and
    /// both key lists (the entries the node publishes).
    static func manifest(echoURL: String? = "https://ewp.example.org/echo") -> XElement {
        var echoChildren = [XElement("admin-email", namespace: NS.ewp, text: "ewp-dev@example.org"), httpSecurity(NS.echoEntry)]
        if let echoURL { echoChildren.append(XElement("url", namespace: NS.echoEntry, text: echoURL)) }
        return XElement("manifest", namespace: NS.manifest, children: [
            XElement("host", namespace: NS.manifest, children: [
                XElement("admin-email", namespace: NS.ewp, text: "ewp-admin@example.org"),
                XElement("admin-provider", namespace: NS.ewp, text: "Example University (ewp-node)"),
                XElement("admin-notes", namespace: NS.ewp, text: "Notes & <things>\nsecond line"),
                XElement("apis-implemented", namespace: NS.registry, children: [
                    XElement("discovery", namespace: NS.discoveryEntry, attributes: [XAttribute("version", value: "6.0.0")],
                             children: [XElement("url", namespace: NS.discoveryEntry, text: "https://ewp.example.org/manifest.xml")]),
                    XElement("echo", namespace: NS.echoEntry, attributes: [XAttribute("version", value: "2.0.1")],
                             children: echoChildren),
                ] + CNR.allCases.map { cnrEntry($0, url: "https://ewp.example.org/" + $0.rawValue) }),
                XElement("institutions-covered", namespace: NS.manifest, children: [
                    XElement("hei", namespace: NS.registry, attributes: [XAttribute("id", value: "example.org")], children: [
                        XElement("other-id", namespace: NS.registry, attributes: [XAttribute("type", value: "pic")], text: "999999999"),
                        XElement("name", namespace: NS.registry,
                                 attributes: [XAttribute("lang", namespace: NS.xml, value: "en")], text: "Example University"),
                        XElement("name", namespace: NS.registry,
                                 attributes: [XAttribute("lang", namespace: NS.xml, value: "pl")], text: "Uniwersytet Przykładowy"),
                    ]),
                ]),
                XElement("client-credentials-in-use", namespace: NS.manifest, children: [
                    XElement("rsa-public-key", namespace: NS.manifest, text: publicKey),
                ]),
                XElement("server-credentials-in-use", namespace: NS.manifest, children: [
                    XElement("rsa-public-key", namespace: NS.manifest, text: publicKey),
                ]),
            ]),
        ])
    }

    static func echoResponse(heis: [String] = ["uw.edu.pl"], echoes: [String] = ["a", "b", "a", "<&>"]) -> XElement {
        XElement("response", namespace: NS.echo,
                 children: heis.map { XElement("hei-id", namespace: NS.echo, text: $0) }
                     + echoes.map { XElement("echo", namespace: NS.echo, text: $0) })
    }

    static func errorResponse() -> XElement {
        XElement("error-response", namespace: NS.ewp, children: [
            XElement("developer-message", namespace: NS.ewp, text: "Missing required parameter: iia_id\nsee the spec"),
            XElement("user-message", namespace: NS.ewp, attributes: [XAttribute("lang", namespace: NS.xml, value: "en")],
                     text: "Something went wrong."),
            XElement("user-message", namespace: NS.ewp, attributes: [XAttribute("lang", namespace: NS.xml, value: "pl")],
                     text: "Coś poszło nie tak."),
        ])
    }

    /// A Registry catalogue with `heis` institutions, one host each (keys, entries, names).
    static func catalogue(heis: Int) -> XElement {
        let fingerprint = String(repeating: "0123456789abcdef", count: 4)
        var hosts: [XElement] = []
        var institutions: [XElement] = []
        var binaries: [XElement] = []
        for i in 0..<heis {
            let hei = "hei\(i).example.org"
            let fp = String(fingerprint.dropLast(String(i).count)) + String(i)
            hosts.append(XElement("host", namespace: NS.registry, children: [
                XElement("admin-email", namespace: NS.ewp, text: "admin@\(hei)"),
                XElement("admin-provider", namespace: NS.ewp, text: "Provider \(i)"),
                XElement("apis-implemented", namespace: NS.registry, children: [
                    XElement("echo", namespace: NS.echoEntry, attributes: [XAttribute("version", value: "2.0.1")],
                             children: [httpSecurity(NS.echoEntry), XElement("url", namespace: NS.echoEntry, text: "https://\(hei)/echo")]),
                    XElement("discovery", namespace: NS.discoveryEntry, attributes: [XAttribute("version", value: "6.0.0")],
                             children: [XElement("url", namespace: NS.discoveryEntry, text: "https://\(hei)/manifest.xml")]),
                ]),
                XElement("institutions-covered", namespace: NS.registry, children: [XElement("hei-id", namespace: NS.registry, text: hei)]),
                XElement("client-credentials-in-use", namespace: NS.registry, children: [
                    XElement("rsa-public-key", namespace: NS.registry, attributes: [XAttribute("sha-256", value: fp)]),
                ]),
                XElement("server-credentials-in-use", namespace: NS.registry, children: [
                    XElement("rsa-public-key", namespace: NS.registry, attributes: [XAttribute("sha-256", value: fp)]),
                ]),
            ]))
            institutions.append(XElement("hei", namespace: NS.registry, attributes: [XAttribute("id", value: hei)], children: [
                XElement("other-id", namespace: NS.registry, attributes: [XAttribute("type", value: "erasmus")], text: "X CITY\(i)"),
                XElement("name", namespace: NS.registry, attributes: [XAttribute("lang", namespace: NS.xml, value: "en")],
                         text: "University number \(i)"),
            ]))
            binaries.append(XElement("rsa-public-key", namespace: NS.registry, attributes: [XAttribute("sha-256", value: fp)],
                                     text: publicKey))
        }
        return XElement("catalogue", namespace: NS.registry, children: hosts + [
            XElement("institutions", namespace: NS.registry, children: institutions),
            XElement("binaries", namespace: NS.registry, children: binaries),
        ])
    }

    /// The Echo response of our EWP-shaped test vector (signed with the draft-cavage test key),
    /// exact bytes.
    static let digestEchoResponse = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<response xmlns=\"https://github.com/erasmus-without-paper/ewp-specs-api-echo/tree/stable-v2\">"
        + "<hei-id>uw.edu.pl</hei-id><echo>a</echo><echo>b</echo></response>"

    /// ewp-specs-architecture README › Error handling.
    static let digestErrorResponse = """
        <error-response xmlns="https://github.com/erasmus-without-paper/ewp-specs-architecture/blob/stable-v1/common-types.xsd">
          <developer-message>Missing required parameter: iia_id</developer-message>
        </error-response>
        """
}

/// The CNR APIs the node serves (element name = raw value), with the versions it declares.
enum CNR: String, CaseIterable {
    case iia = "iia-cnr", iiaApproval = "iia-approval-cnr", omobilityLA = "omobility-la-cnr", imobilityToR = "imobility-tor-cnr"
    case omobility = "omobility-cnr", imobility = "imobility-cnr"

    var branch: String {
        switch self {
        case .iia: "stable-v3"
        case .iiaApproval: "stable-v2"
        case .omobilityLA, .imobilityToR, .omobility, .imobility: "stable-v1"
        }
    }
    var version: String {
        switch self {
        case .iia: "3.0.0"
        case .iiaApproval: "2.0.0"
        case .omobilityLA: "1.1.0"
        case .imobilityToR, .omobility, .imobility: "1.0.0"
        }
    }
    /// The mobility CNRs (LA, ToR, OMobility, IMobility) repeat omobility_id and declare how many they accept.
    var hasMaxIDs: Bool { self != .iia && self != .iiaApproval }
    var entryNamespace: String { "https://github.com/erasmus-without-paper/ewp-specs-api-\(rawValue)/blob/\(branch)/manifest-entry.xsd" }
    var responseNamespace: String { "https://github.com/erasmus-without-paper/ewp-specs-api-\(rawValue)/tree/\(branch)" }
}
