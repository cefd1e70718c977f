/// Streams a catalogue document (catalogue.xsd) into a `CatalogueBuilder`.
enum CatalogueReader {
    struct Namespaces {
        let registry: Int
        let security: Int
        let clientHTTPSig: Int
        let serverHTTPSig: Int
        init(_ s: inout XMLScanner) {
            registry = s.id(of: RegistryNamespaces.registry)
            security = s.id(of: RegistryNamespaces.securityIntro)
            clientHTTPSig = s.id(of: RegistryNamespaces.clientAuthHTTPSig)
            serverHTTPSig = s.id(of: RegistryNamespaces.serverAuthHTTPSig)
        }
    }

    static func read(_ bytes: [UInt8]) throws(CatalogueError) -> Catalogue {
        var s = try XMLScanner(bytes, maxBytes: Catalogue.maxBytes)
        let ns = Namespaces(&s)
        guard s.isElement("catalogue", namespace: ns.registry) else {
            throw CatalogueError("root element is {\(s.namespaceURI)}\(s.localNameString), not {\(RegistryNamespaces.registry)}catalogue")
        }
        var builder = CatalogueBuilder()
        var sawInstitutions = false
        while try s.nextChild() {
            if s.isElement("host", namespace: ns.registry) {
                try host(&s, ns, &builder)
            } else if s.isElement("institutions", namespace: ns.registry) {
                sawInstitutions = true
                try institutions(&s, ns, &builder)
            } else if s.isElement("binaries", namespace: ns.registry) {
                try binaries(&s, ns, &builder)
            } else {
                try s.skip()
            }
        }
        try s.finish()
        guard !builder.hosts.isEmpty else { throw CatalogueError("catalogue has no <host>") }
        guard sawInstitutions else { throw CatalogueError("catalogue has no <institutions>") }
        return builder.build()
    }

    static func host(_ s: inout XMLScanner, _ ns: Namespaces, _ builder: inout CatalogueBuilder) throws(CatalogueError) {
        var emails: [String] = []
        var heis: [String] = []
        var apis: [APIEntry] = []
        var clientKeys: [String] = []
        var serverKeys: [String] = []
        while try s.nextChild() {
            if s.hasLocalName("admin-email") {
                emails.append(try s.text().trimmingWhitespace())
            } else if s.namespace != ns.registry {
                try s.skip()
            } else if s.hasLocalName("apis-implemented") {
                while try s.nextChild() { apis.append(try APIEntryReader.entry(&s, ns, hostIndex: builder.nextHostIndex)) }
            } else if s.hasLocalName("institutions-covered") {
                while try s.nextChild() {
                    if s.isElement("hei-id", namespace: ns.registry) { heis.append(try s.text().trimmingWhitespace()) } else { try s.skip() }
                }
            } else if s.hasLocalName("client-credentials-in-use") {
                try keyIDs(&s, ns, into: &clientKeys)
            } else if s.hasLocalName("server-credentials-in-use") {
                try keyIDs(&s, ns, into: &serverKeys)
            } else {
                try s.skip()
            }
        }
        builder.addHost(adminEmails: emails, heiIDs: heis, apis: apis, clientKeyIDs: clientKeys, serverKeyIDs: serverKeys)
    }

    /// `rsa-public-key/@sha-256` of a credentials list (TLS `certificate`s are legacy and ignored).
    static func keyIDs(_ s: inout XMLScanner, _ ns: Namespaces, into ids: inout [String]) throws(CatalogueError) {
        while try s.nextChild() {
            if s.isElement("rsa-public-key", namespace: ns.registry), let sha = try s.attribute("sha-256") {
                ids.append(sha.trimmingWhitespace())
            }
            try s.skip()
        }
    }

    static func institutions(_ s: inout XMLScanner, _ ns: Namespaces, _ builder: inout CatalogueBuilder) throws(CatalogueError) {
        while try s.nextChild() {
            guard s.isElement("hei", namespace: ns.registry), let rawID = try s.attribute("id") else {
                try s.skip()
                continue
            }
            var names: [Institution.Name] = []
            var others: [Institution.OtherID] = []
            while try s.nextChild() {
                if s.isElement("name", namespace: ns.registry) {
                    let lang = try s.attribute("lang", namespace: s.xmlNamespaceID)
                    names.append(.init(lang: lang, value: try s.text().trimmingWhitespace()))
                } else if s.isElement("other-id", namespace: ns.registry), let type = try s.attribute("type") {
                    others.append(.init(type: type.trimmingWhitespace(), value: try s.text().trimmingWhitespace()))
                } else {
                    try s.skip()
                }
            }
            builder.addInstitution(id: rawID.trimmingWhitespace(), names: names, otherIDs: others)
        }
    }

    static func binaries(_ s: inout XMLScanner, _ ns: Namespaces, _ builder: inout CatalogueBuilder) throws(CatalogueError) {
        while try s.nextChild() {
            if s.isElement("rsa-public-key", namespace: ns.registry), let sha = try s.attribute("sha-256") {
                builder.addBinary(keyID: sha.trimmingWhitespace(), base64: try s.text())
            } else {
                try s.skip()
            }
        }
    }
}
