// IMobility ToR CNR v2 beside v1, without processes: which version we send to a
// partner and in which form, which ToRs version we pull from, how a v2 CNR names whom to pull from
// (the signing key's HEIs), and our v2 manifest entry and response.
import EWPAPIs
import EWPCore
import EWPNotifications
import EWPRegistry
import EWPTestSupport
import EWPXML
import Testing

@Suite("ToR CNR v2: version and form choice, v2 requests, entry and response")
struct ToRCNRv2VersionTests {
    static let gh = "https://github.com/erasmus-without-paper/"
    static func entryNS(_ api: String, _ major: Int) -> String { gh + "ewp-specs-api-\(api)/blob/stable-v\(major)/manifest-entry.xsd" }

    /// A catalogue with one host per HEI, each publishing the given (api, major) entries.
    static func catalogue(_ hosts: [(hei: String, apis: [(String, Int)])]) throws -> Catalogue {
        var xml = "<catalogue xmlns=\"https://github.com/erasmus-without-paper/ewp-specs-api-registry/tree/stable-v1\">"
        for host in hosts {
            xml += "<host><apis-implemented>"
            for (api, major) in host.apis {
                let urls = api == "imobility-tors" ? "<get-url>https://\(host.hei)/\(api)-v\(major)/get</get-url><index-url>https://\(host.hei)/i</index-url>"
                    : "<url>https://\(host.hei)/\(api)-v\(major)</url>"
                xml += "<\(api) xmlns=\"\(entryNS(api, major))\" version=\"\(major).0.0\">\(urls)<max-omobility-ids>\(major * 10)</max-omobility-ids></\(api)>"
            }
            xml += "</apis-implemented><institutions-covered><hei-id>\(host.hei)</hei-id></institutions-covered></host>"
        }
        return try Catalogue.parse(Array((xml + "<institutions/></catalogue>").utf8))
    }

    static func text(_ form: [(String, String)]) -> [String] { form.map { "\($0.0)=\($0.1)" } }

    @Test("a ToR CNR goes to ToR CNR v2 when the partner publishes it (alone or beside v1), else v1; neither: none")
    func sendVersion() throws {
        let c = try Self.catalogue([("only-v2.example", [("imobility-tor-cnr", 2)]),
                                    ("both.example", [("imobility-tor-cnr", 1), ("imobility-tor-cnr", 2)]),
                                    ("only-v1.example", [("imobility-tor-cnr", 1)]),
                                    ("neither.example", [("omobility-la-cnr", 1)])])
        let entries = IMobilityToRCNR().entries
        #expect(entries.map(\.majorVersion) == [2, 1])
        #expect(entries.allSatisfy { $0.name == "imobility-tor-cnr" })
        #expect(c.firstEndpoint(hei: "only-v2.example", anyOf: entries)?.reference.majorVersion == 2)
        #expect(c.firstEndpoint(hei: "only-v2.example", anyOf: entries)?.entry.limits["max-omobility-ids"] == 20)
        #expect(c.firstEndpoint(hei: "both.example", anyOf: entries)?.reference.majorVersion == 2)
        #expect(c.firstEndpoint(hei: "both.example", anyOf: entries)?.entry.urls["url"] == "https://both.example/imobility-tor-cnr-v2")
        #expect(c.firstEndpoint(hei: "only-v1.example", anyOf: entries)?.reference.majorVersion == 1)
        #expect(c.firstEndpoint(hei: "neither.example", anyOf: entries) == nil)
        #expect(PartnerDirectory.noEndpoint(entries, partnerHEI: "neither.example")
            == "neither.example publishes no imobility-tor-cnr v2 or v1 API in the registry catalogue")
        // The other CNR APIs have one version, looked up as before.
        for api in CNRAPIList.all.all where api.api != .imobilityToR { #expect(api.entries == [api.entry]) }
        #expect(PartnerDirectory.noEndpoint(IIACNR().entries, partnerHEI: "x") == "x publishes no iia-cnr v3 API in the registry catalogue")
    }

    @Test("the v2 form repeats omobility_id only; v1 still names our HEI first; other APIs keep their forms")
    func forms() {
        let tor = IMobilityToRCNR(), la = OMobilityLACNR(), iia = IIACNR()
        let v2 = IMobilityToRCNRv2API.entry, v1 = tor.entry
        #expect(v2.majorVersion == 2 && v1.majorVersion == 1)
        #expect(Self.text(tor.form(for: v2, localHEI: "us.example", objectIDs: ["m1", "m2"])) == ["omobility_id=m1", "omobility_id=m2"])
        #expect(Self.text(tor.form(for: v1, localHEI: "us.example", objectIDs: ["m1", "m2"]))
            == ["receiving_hei_id=us.example", "omobility_id=m1", "omobility_id=m2"])
        #expect(Self.text(la.form(for: la.entry, localHEI: "us", objectIDs: ["m"])) == ["sending_hei_id=us", "omobility_id=m"])
        #expect(Self.text(iia.form(for: iia.entry, localHEI: "us", objectIDs: ["1", "2"])) == ["iia_id=1"])
        #expect(tor.idsPerNotification(limits: ["max-omobility-ids": 20]) == 20)
    }

    @Test("a ToR pull reads ToRs v3 when the partner publishes it (omobility_id only; index: modified_since only), else v2")
    func pullVersion() throws {
        let c = try Self.catalogue([("v3.example", [("imobility-tors", 3)]), ("both.example", [("imobility-tors", 2), ("imobility-tors", 3)]),
                                    ("v2.example", [("imobility-tors", 2)])])
        let entries = IMobilityToRsPull().entries
        #expect(entries.map(\.majorVersion) == [3, 2])
        #expect(c.firstEndpoint(hei: "v3.example", anyOf: entries)?.reference.majorVersion == 3)
        #expect(c.firstEndpoint(hei: "both.example", anyOf: entries)?.entry.urls["get-url"] == "https://both.example/imobility-tors-v3/get")
        #expect(c.firstEndpoint(hei: "v2.example", anyOf: entries)?.reference.majorVersion == 2)
        let v3 = IMobilityToRsPull.v3, v2 = IMobilityToRsPull.v2
        let source = IMobilityToRsPull()
        #expect(Self.text(source.getParameters(for: v3, partnerHEI: "p", localHEI: "l", ids: ["1", "2"])) == ["omobility_id=1", "omobility_id=2"])
        #expect(Self.text(source.getParameters(for: v2, partnerHEI: "p", localHEI: "l", ids: ["1"])) == ["receiving_hei_id=p", "omobility_id=1"])
        #expect(Self.text(source.indexParameters(for: v3, partnerHEI: "p", localHEI: "l", modifiedSince: nil)).isEmpty)
        #expect(Self.text(source.indexParameters(for: v3, partnerHEI: "p", localHEI: "l", modifiedSince: "2026-01-01T00:00:00Z"))
            == ["modified_since=2026-01-01T00:00:00Z"])
        #expect(Self.text(source.indexParameters(for: v2, partnerHEI: "p", localHEI: "l", modifiedSince: nil)) == ["receiving_hei_id=p", "sending_hei_id=l"])
        for other in PulledAPIList.all.all.map(\.source) where other != .imobilityToRs { #expect(PulledAPIList.all[other]?.entries.count == 1) }
    }

    @Test("a ToRs v3 answer (which names no HEI) keeps only the transcripts this partner issued, or whose issuer has no SCHAC id")
    func v3IssuerGuard() throws {
        let xml = "<?xml version=\"1.0\"?><imobility-tors-get-response xmlns=\"\(ToRDocuments.v3Namespace)\">"
            + ToRDocuments.v3Tor("a-1", issuer: "a.example") + ToRDocuments.v3Tor("b-1", issuer: "B.example")
            + ToRDocuments.v3Tor("x-1", issuer: nil) + "</imobility-tors-get-response>"
        let root = try XMLReader.parse(Array(xml.utf8))
        let source = IMobilityToRsPull()
        #expect(source.objects(in: root, entry: IMobilityToRsPull.v3, partnerHEI: "a.example").map(\.id) == ["a-1", "x-1"])
        #expect(source.objects(in: root, entry: IMobilityToRsPull.v3, partnerHEI: "b.example").map(\.id) == ["b-1", "x-1"])
        // ToRs v2 names the HEI in the request, so its answer is taken whole.
        #expect(source.objects(in: root, entry: source.entry, partnerHEI: "a.example").map(\.id) == ["a-1", "b-1", "x-1"])
    }

    @Test("a v2 CNR pulls from the HEIs the signing key covers: one, or each of several (deduplicated); none: 200 but ignored")
    func whomToPull() throws {
        func parse(_ pairs: [(String, String)], _ callers: [String]) throws -> ChangeNotification {
            try IMobilityToRCNRv2API.notification(RequestParameters(pairs), callerHEIs: callers.map(HEIID.init))
        }
        let one = try parse([("omobility_id", "m1"), ("omobility_id", "m2"), ("omobility_id", "m1")], ["r.example"])
        #expect(one == ChangeNotification(notifierHEIs: ["r.example"], objectIDs: ["m1", "m2"]))
        let several = try parse([("omobility_id", "m1")], ["r1.example", "r2.example", "R1.example"])
        #expect(several.notifierHEIs == ["r1.example", "r2.example"] && several.ignoredBecause == nil)
        let nobody = try parse([("omobility_id", "m1")], [])
        #expect(nobody.notifierHEIs.isEmpty && nobody.objectIDs == ["m1"] && nobody.ignoredBecause?.contains("covers no HEI") == true)
        // A v1-style receiving_hei_id is not a v2 parameter: it names no one; the key decides.
        #expect(try parse([("receiving_hei_id", "other.example"), ("omobility_id", "m1")], ["r.example"]).notifierHEIs == ["r.example"])
    }

    @Test("a v2 CNR without omobility_id, with an empty one or with more than max-omobility-ids is a 400")
    func badRequests() {
        func parse(_ pairs: [(String, String)]) throws(APIRequestError) { _ = try IMobilityToRCNRv2API.notification(RequestParameters(pairs), callerHEIs: ["r"]) }
        #expect(throws: APIRequestError.self) { try parse([]) }
        #expect(throws: APIRequestError.self) { try parse([("receiving_hei_id", "r")]) }
        #expect(throws: APIRequestError.self) { try parse([("omobility_id", "")]) }
        #expect(throws: APIRequestError.self) { try parse((0...100).map { ("omobility_id", "m\($0)") }) }
        #expect(throws: Never.self) { try parse((1...100).map { ("omobility_id", "m\($0)") }) }
    }

    @Test("the v2 manifest entry and response: stable-v2 namespaces, version 2.0.0, url and max-omobility-ids; v1 unchanged beside it")
    func entryAndResponse() {
        let entry = IMobilityToRCNRv2API.manifestEntry(url: "https://node.example/hei/x/imobility-tor-cnr-v2")
        #expect(entry.name == "imobility-tor-cnr" && entry.namespace == Self.entryNS("imobility-tor-cnr", 2))
        #expect(entry.attribute("version") == "2.0.0")
        #expect(entry.children.map(\.name) == ["http-security", "url", "max-omobility-ids"])
        #expect(entry.children.allSatisfy { $0.namespace == entry.namespace })
        #expect(entry.children[1].text == "https://node.example/hei/x/imobility-tor-cnr-v2" && entry.children[2].text == "100")
        let response = IMobilityToRCNRv2API.response
        #expect(response.name == "imobility-tor-cnr-response" && response.children.isEmpty && response.text.isEmpty)
        #expect(response.namespace == Self.gh + "ewp-specs-api-imobility-tor-cnr/tree/stable-v2")
        #expect(IMobilityToRCNRAPI.manifestEntry(url: "https://x").namespace == Self.entryNS("imobility-tor-cnr", 1))
        #expect(IMobilityToRCNRAPI.response.namespace == Self.gh + "ewp-specs-api-imobility-tor-cnr/tree/stable-v1")
    }

    @Test("our v2 entry and response are valid against our schemas (the official ones: EWPXMLTests.ToRCNRv2SchemasTests)")
    func validAgainstOurSchemas() throws {
        let schemas = SchemaCache(directory: RepositoryPaths.schemas)
        let entry = IMobilityToRCNRv2API.manifestEntry(url: "https://node.example/hei/x/imobility-tor-cnr-v2")
        #expect(try schemas.schema("imobility-tor-cnr-v2-manifest-entry.xsd").validate(entry) == [])
        #expect(try schemas.schema(SchemaFile.imobilityToRCNRv2Response).validate(IMobilityToRCNRv2API.response) == [])
        #expect(try schemas.schema(SchemaFile.imobilityToRCNRResponse).validate(IMobilityToRCNRv2API.response).count == 1)
    }
}
