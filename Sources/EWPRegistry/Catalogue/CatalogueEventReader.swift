import EWPXML

/// Reads a catalogue document (catalogue.xsd) in one pass over `XMLReader.stream`'s events (libxml2
/// SAX2 with EWPXML's hardening), without building a tree, into a `CatalogueBuilder`.
///
/// Rules (the Registry README's XPath reading, also implemented by the tests' tree oracle):
/// - `/catalogue/host`: `admin-email` (any namespace), `apis-implemented/*` (any element: an API entry),
///   `institutions-covered/hei-id`, `client-` / `server-credentials-in-use/rsa-public-key/@sha-256`.
/// - API entry: `@version`; `http-security` (any namespace) with `sec:client-auth-methods/cliauth:httpsig`
///   and `sec:server-auth-methods/srvauth:httpsig`; any child whose local name ends in `url` (first
///   non-empty wins) or starts with `max-` (an integer).
/// - `/catalogue/institutions/hei[@id]`: `name` (with `xml:lang`), `other-id[@type]`.
/// - `/catalogue/binaries/rsa-public-key[@sha-256]`: base64 text.
/// Texts are the elements' direct text; everything else is skipped.
struct CatalogueEventReader: XMLEventHandler {
    private enum TextTarget {
        case adminEmail, heiID, url(String), limit(String), name(lang: String?)
        case otherID(type: String), binary(keyID: String)
    }

    /// What an open element is to the reader. Payload-free, so the stack costs no reference counting;
    /// the one text leaf open at a time keeps its target in `textTarget`.
    private enum Kind {
        case catalogue, host, apisImplemented, apiEntry, httpSecurity, clientAuthMethods, serverAuthMethods
        case institutionsCovered, clientCredentials, serverCredentials, institutions, hei, binaries
        case text
        case skip
    }

    private static let reg = RegistryNamespaces.registry
    private static let sec = RegistryNamespaces.securityIntro
    private static let xmlNS = "http://www.w3.org/XML/1998/namespace"

    private(set) var builder = CatalogueBuilder()
    private(set) var problem: CatalogueError?
    private(set) var sawInstitutions = false

    private var stack: [Kind] = []
    private var buffer = ""
    private var textTarget = TextTarget.adminEmail

    // The host being read.
    private var emails: [String] = []
    private var heis: [String] = []
    private var apis: [APIEntry] = []
    private var clientKeys: [String] = []
    private var serverKeys: [String] = []

    // The API entry being read.
    private var entryNamespace = ""
    private var entryName = ""
    private var entryVersion = ""
    private var urls: [String: String] = [:]
    private var limits: [String: Int] = [:]
    private var clientHTTPSig = false
    private var serverHTTPSig = false

    // The institution being read.
    private var heiRawID = ""
    private var names: [Institution.Name] = []
    private var otherIDs: [Institution.OtherID] = []

    init() { stack.reserveCapacity(16) }

    static func read(_ bytes: [UInt8]) throws(CatalogueError) -> Catalogue {
        var reader = CatalogueEventReader()
        do {
            try XMLReader.stream(bytes, maxBytes: Catalogue.maxBytes, into: &reader)
        } catch {
            throw CatalogueError("catalogue is not acceptable XML: \(error)")
        }
        if let problem = reader.problem { throw problem }
        guard !reader.builder.hosts.isEmpty else { throw CatalogueError("catalogue has no <host>") }
        guard reader.sawInstitutions else { throw CatalogueError("catalogue has no <institutions>") }
        return reader.builder.build()
    }

    private static func attribute(_ attributes: [XAttribute], _ name: String, namespace: String = "") -> String? {
        attributes.first { $0.name == name && $0.namespace == namespace }?.value
    }

    mutating func startElement(namespace: String, name: String, attributes: [XAttribute]) {
        let reg = namespace == Self.reg
        var kind = Kind.skip
        switch stack.last {
        case nil:
            if reg && name == "catalogue" {
                kind = .catalogue
            } else {
                problem = problem ?? CatalogueError("root element is {\(namespace)}\(name), not {\(Self.reg)}catalogue")
                kind = .skip
            }
        case .catalogue?:
            if reg && name == "host" {
                emails = []; heis = []; apis = []; clientKeys = []; serverKeys = []
                kind = .host
            } else if reg && name == "institutions" {
                sawInstitutions = true
                kind = .institutions
            } else if reg && name == "binaries" {
                kind = .binaries
            } else {
                kind = .skip
            }
        case .host?:
            if name == "admin-email" { textTarget = .adminEmail; kind = .text }
            else if !reg { kind = .skip }
            else if name == "apis-implemented" { kind = .apisImplemented }
            else if name == "institutions-covered" { kind = .institutionsCovered }
            else if name == "client-credentials-in-use" { kind = .clientCredentials }
            else if name == "server-credentials-in-use" { kind = .serverCredentials }
            else { kind = .skip }
        case .apisImplemented?:
            entryNamespace = namespace
            entryName = name
            entryVersion = Self.attribute(attributes, "version") ?? ""
            urls = [:]; limits = [:]; clientHTTPSig = false; serverHTTPSig = false
            kind = .apiEntry
        case .apiEntry?:
            if name == "http-security" { clientHTTPSig = false; serverHTTPSig = false; kind = .httpSecurity }
            else if name.utf8.count >= 3, name.utf8.reversed().starts(with: "lru".utf8) { textTarget = .url(name); kind = .text }
            else if name.utf8.starts(with: "max-".utf8) { textTarget = .limit(name); kind = .text }
            else { kind = .skip }
        case .httpSecurity?:
            if namespace == Self.sec && name == "client-auth-methods" { clientHTTPSig = false; kind = .clientAuthMethods }
            else if namespace == Self.sec && name == "server-auth-methods" { serverHTTPSig = false; kind = .serverAuthMethods }
            else { kind = .skip }
        case .clientAuthMethods?:
            if namespace == RegistryNamespaces.clientAuthHTTPSig && name == "httpsig" { clientHTTPSig = true }
            kind = .skip
        case .serverAuthMethods?:
            if namespace == RegistryNamespaces.serverAuthHTTPSig && name == "httpsig" { serverHTTPSig = true }
            kind = .skip
        case .institutionsCovered?:
            if reg && name == "hei-id" { textTarget = .heiID; kind = .text }
        case .clientCredentials?, .serverCredentials?:
            if reg && name == "rsa-public-key", let sha = Self.attribute(attributes, "sha-256") {
                if case .clientCredentials? = stack.last { clientKeys.append(sha.trimmingWhitespace()) }
                else { serverKeys.append(sha.trimmingWhitespace()) }
            }
            kind = .skip
        case .institutions?:
            if reg && name == "hei", let id = Self.attribute(attributes, "id") {
                heiRawID = id; names = []; otherIDs = []
                kind = .hei
            } else {
                kind = .skip
            }
        case .hei?:
            if reg && name == "name" {
                textTarget = .name(lang: Self.attribute(attributes, "lang", namespace: Self.xmlNS)); kind = .text
            } else if reg && name == "other-id", let type = Self.attribute(attributes, "type") {
                textTarget = .otherID(type: type.trimmingWhitespace()); kind = .text
            } else {
                kind = .skip
            }
        case .binaries?:
            if reg && name == "rsa-public-key", let sha = Self.attribute(attributes, "sha-256") {
                textTarget = .binary(keyID: sha.trimmingWhitespace()); kind = .text
            } else {
                kind = .skip
            }
        case .text?, .skip?:
            kind = .skip
        }
        if kind == .text { buffer = "" }
        stack.append(kind)
    }

    mutating func text(_ s: String) {
        if stack.last == .text { buffer += s }
    }

    mutating func endElement(namespace: String, name: String) {
        guard let kind = stack.popLast() else { return }
        switch kind {
        case .host:
            builder.addHost(adminEmails: emails, heiIDs: heis, apis: apis, clientKeyIDs: clientKeys, serverKeyIDs: serverKeys)
        case .apiEntry:
            apis.append(APIEntry(namespace: entryNamespace, name: entryName, version: entryVersion, urls: urls, limits: limits,
                                 clientAuthHTTPSig: clientHTTPSig, serverAuthHTTPSig: serverHTTPSig,
                                 hostIndex: builder.nextHostIndex))
        case .hei:
            builder.addInstitution(id: heiRawID.trimmingWhitespace(), names: names, otherIDs: otherIDs)
        case .text:
            let text = buffer
            buffer = ""
            switch textTarget {
            case .adminEmail: emails.append(text.trimmingWhitespace())
            case .heiID: heis.append(text.trimmingWhitespace())
            case .url(let key):
                let url = text.trimmingWhitespace()
                if !url.isEmpty, urls[key] == nil { urls[key] = url }
            case .limit(let key):
                if let n = Int(text.trimmingWhitespace()) { limits[key] = n }
            case .name(let lang): names.append(.init(lang: lang, value: text.trimmingWhitespace()))
            case .otherID(let type): otherIDs.append(.init(type: type, value: text.trimmingWhitespace()))
            case .binary(let keyID): builder.addBinary(keyID: keyID, base64: text)
            }
        default:
            break
        }
    }
}
