/// Builds small catalogue documents for tests, one host at a time.
struct CatalogueFixture {
    static let registryNS = "https://github.com/erasmus-without-paper/ewp-specs-api-registry/tree/stable-v1"
    static let echoNS = "https://github.com/erasmus-without-paper/ewp-specs-api-echo/blob/stable-v2/manifest-entry.xsd"
    static let iiasNS7 = "https://github.com/erasmus-without-paper/ewp-specs-api-iias/blob/stable-v7/manifest-entry.xsd"
    static let iiasNS6 = "https://github.com/erasmus-without-paper/ewp-specs-api-iias/blob/stable-v6/manifest-entry.xsd"

    struct Host {
        var heis: [String] = []
        var apis: [String] = []
        var clientKeys: [String] = []
        var serverKeys: [String] = []
    }

    var hosts: [Host] = []
    var institutions: [(id: String, names: [(lang: String?, value: String)])] = []
    var binaries: [(id: String, base64: String)] = []

    /// An API entry; `clientHTTPSig`/`serverHTTPSig` nil leaves that `*-auth-methods` out; `security: false`
    /// leaves out the whole `http-security`.
    static func api(_ name: String, ns: String, version: String?, urls: [(String, String)], limits: [(String, Int)] = [],
                    security: Bool = true, clientHTTPSig: Bool? = true, serverHTTPSig: Bool? = true) -> String {
        var s = "<a:\(name) xmlns:a=\"\(ns)\"" + (version.map { " version=\"\($0)\"" } ?? "") + ">"
        if security {
            s += "<a:http-security xmlns:sec=\"https://github.com/erasmus-without-paper/ewp-specs-sec-intro/tree/stable-v2\">"
            if let c = clientHTTPSig {
                s += "<sec:client-auth-methods>"
                s += c ? "<httpsig xmlns=\"https://github.com/erasmus-without-paper/ewp-specs-sec-cliauth-httpsig/tree/stable-v1\"/>"
                       : "<anonymous xmlns=\"https://github.com/erasmus-without-paper/ewp-specs-sec-cliauth-none/tree/stable-v1\"/>"
                s += "</sec:client-auth-methods>"
            }
            if let v = serverHTTPSig {
                s += "<sec:server-auth-methods>"
                s += "<tlscert xmlns=\"https://github.com/erasmus-without-paper/ewp-specs-sec-srvauth-tlscert/tree/stable-v1\"/>"
                if v { s += "<httpsig xmlns=\"https://github.com/erasmus-without-paper/ewp-specs-sec-srvauth-httpsig/tree/stable-v1\"/>" }
                s += "</sec:server-auth-methods>"
            }
            s += "</a:http-security>"
        }
        for (k, v) in urls { s += "<a:\(k)>\(v)</a:\(k)>" }
        for (k, v) in limits { s += "<a:\(k)>\(v)</a:\(k)>" }
        return s + "</a:\(name)>"
    }

    var xml: String {
        var s = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<catalogue xmlns=\"\(Self.registryNS)\" "
        s += "xmlns:ewp=\"https://github.com/erasmus-without-paper/ewp-specs-architecture/blob/stable-v1/common-types.xsd\">\n"
        for h in hosts {
            s += "<host><ewp:admin-email>admin@example.com</ewp:admin-email>"
            if !h.apis.isEmpty { s += "<apis-implemented>" + h.apis.joined() + "</apis-implemented>" }
            if !h.heis.isEmpty { s += "<institutions-covered>" + h.heis.map { "<hei-id>\($0)</hei-id>" }.joined() + "</institutions-covered>" }
            if !h.clientKeys.isEmpty {
                s += "<client-credentials-in-use>" + h.clientKeys.map { "<rsa-public-key sha-256=\"\($0)\"/>" }.joined() + "</client-credentials-in-use>"
            }
            if !h.serverKeys.isEmpty {
                s += "<server-credentials-in-use>" + h.serverKeys.map { "<rsa-public-key sha-256=\"\($0)\"/>" }.joined() + "</server-credentials-in-use>"
            }
            s += "</host>\n"
        }
        s += "<institutions>"
        for i in institutions {
            s += "<hei id=\"\(i.id)\">"
            for n in i.names { s += "<name" + (n.lang.map { " xml:lang=\"\($0)\"" } ?? "") + ">\(n.value)</name>" }
            s += "</hei>"
        }
        s += "</institutions>\n"
        if !binaries.isEmpty {
            s += "<binaries>" + binaries.map { "<rsa-public-key sha-256=\"\($0.id)\">\($0.base64)</rsa-public-key>" }.joined() + "</binaries>"
        }
        return s + "</catalogue>\n"
    }

    var bytes: [UInt8] { Array(xml.utf8) }
}

extension CatalogueFixture {
    /// A catalogue of our own shaped like the official catalogue-example.xml, for the tests of the
    /// client and the reader (which must pass on a clone without the official material): two
    /// hosts, the first covering uw.edu.pl with Echo, Discovery and IIAs and its client and server
    /// key, the second covering no HEI; one institution; one key in the binaries.
    static var ownExample: [UInt8] {
        var f = CatalogueFixture()
        f.hosts = [
            .init(heis: ["uw.edu.pl"], apis: [
                api("discovery", ns: "https://github.com/erasmus-without-paper/ewp-specs-api-discovery/blob/stable-v6/manifest-entry.xsd",
                    version: "6.0.0", urls: [("url", "https://ewp.uw.edu.pl/manifest.xml")], security: false),
                api("echo", ns: echoNS, version: "2.0.0", urls: [("url", "https://ewp.uw.edu.pl/echo")]),
                api("iias", ns: iiasNS7, version: "7.0.0", urls: [("get-url", "https://ewp.uw.edu.pl/iias/get"), ("index-url", "https://ewp.uw.edu.pl/iias/index")],
                    limits: [("max-iia-ids", 10)]),
            ], clientKeys: [FixtureKeys.example.id], serverKeys: [FixtureKeys.example.id]),
            .init(apis: [api("echo", ns: echoNS, version: "2.0.0", urls: [("url", "https://registry.example.org/echo")])]),
        ]
        f.institutions = [(id: "uw.edu.pl", names: [(lang: "en", value: "University of Warsaw"), (lang: "pl", value: "Uniwersytet Warszawski")])]
        f.binaries = [FixtureKeys.example]
        return f.bytes
    }
}
