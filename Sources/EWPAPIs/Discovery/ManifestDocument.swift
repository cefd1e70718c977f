import EWPXML

/// Discovery v6 `manifest.xml` (ewp-specs-api-discovery, manifest.xsd). Element order is significant.
public enum ManifestDocument {
    public static let discoveryVersion = "6.0.0"

    /// The self-reference entry: `url` is the manifest URL registered with the Registry.
    public static func discoveryEntry(manifestURL: String) -> XElement {
        let ns = EWPNamespace.discoveryEntry
        return XElement("discovery", namespace: ns,
                        attributes: [XAttribute("version", namespace: "", value: discoveryVersion)],
                        children: [XElement("url", namespace: ns, text: manifestURL)])
    }

    public static func element(host: HostDescription, apiEntries: [XElement]) -> XElement {
        let mf = EWPNamespace.discoveryManifest
        let ewp = EWPNamespace.commonTypes
        let r = EWPNamespace.registry

        var hostChildren: [XElement] = host.adminEmails.map { XElement("admin-email", namespace: ewp, text: $0) }
        hostChildren.append(XElement("admin-provider", namespace: ewp, text: host.adminProvider))
        if let notes = host.adminNotes, !notes.isEmpty {
            hostChildren.append(XElement("admin-notes", namespace: ewp, text: notes))
        }
        hostChildren.append(XElement("apis-implemented", namespace: r, children: apiEntries))

        let hei = host.institution
        var heiChildren = hei.otherIDs.map {
            XElement("other-id", namespace: r, attributes: [XAttribute("type", namespace: "", value: $0.type)], text: $0.value)
        }
        heiChildren += hei.names.map { name in
            XElement("name", namespace: r,
                     attributes: name.language.map { [XAttribute("lang", namespace: EWPNamespace.xml, value: $0)] } ?? [],
                     text: name.value)
        }
        hostChildren.append(XElement("institutions-covered", namespace: mf, children: [
            XElement("hei", namespace: r, attributes: [XAttribute("id", namespace: "", value: hei.heiID)], children: heiChildren),
        ]))
        hostChildren.append(XElement("client-credentials-in-use", namespace: mf,
                                     children: host.clientKeys.map { XElement("rsa-public-key", namespace: mf, text: $0) }))
        hostChildren.append(XElement("server-credentials-in-use", namespace: mf,
                                     children: host.serverKeys.map { XElement("rsa-public-key", namespace: mf, text: $0) }))

        return XElement("manifest", namespace: mf, children: [XElement("host", namespace: mf, children: hostChildren)])
    }

    public static func document(host: HostDescription, apiEntries: [XElement]) -> [UInt8] {
        XMLWriter.document(element(host: host, apiEntries: apiEntries), prefixes: EWPNamespace.conventionalPrefixes)
    }
}
