// Institutions v2, OUnits v2 and Factsheet v1 with real processes: a fake partner
// calls a real node serving the example Manifest/manifest.json, signed, over GET and POST.
import EWPTestSupport
import EWPXML
import Foundation
import Testing

private let nodeHEI = "example.edu"
/// Covered too, but not described in manifest.json: the import test changes only its data.
private let secondHEI = "second.test.example"
private let partnerHEI = "partner-i.test.example"
private let partnerName = "Partner I University"

@Suite("Institutions, OUnits and Factsheet between real processes", .serialized,
       .partnerNetwork(partners: [PartnerSpec(hei: partnerHEI, name: partnerName)], heis: [nodeHEI, secondHEI],
                       nodeEnvironment: ["EWP_MANIFEST": E2EPaths.repo + "/Manifest/manifest.json"]),
       .timeLimit(.minutes(3)))
struct InstitutionsProcessTests {
    static let institutionsNS = "https://github.com/erasmus-without-paper/ewp-specs-api-institutions/tree/stable-v2"
    static let ounitsNS = "https://github.com/erasmus-without-paper/ewp-specs-api-ounits/tree/stable-v2"
    static let factsheetNS = "https://github.com/erasmus-without-paper/ewp-specs-api-factsheet/tree/stable-v1"
    static let commonNS = "https://github.com/erasmus-without-paper/ewp-specs-architecture/blob/stable-v1/common-types.xsd"

    /// The node's manifest as it serves it (with the limits of the example manifest.json).
    func servedManifest(_ net: PartnerNetwork) async throws -> HostManifest {
        let answer = try await net.http.send(.init(url: net.node(0).baseURL + "/hei/\(nodeHEI)/manifest.xml", timeout: .seconds(10)))
        return try HostManifest(answer.body)
    }

    func url(_ net: PartnerNetwork, _ api: String) throws -> String {
        try #require(net.node(0).manifest(hei: nodeHEI).url(api: api), "no \(api) entry in the node's manifest")
    }

    /// GET and POST with the same parameters: both 200, signed, valid against the official XSD, and equal.
    func both(_ net: PartnerNetwork, _ url: String, _ parameters: [(String, String)], xsd: String) async throws -> XElement {
        let get = try await net.partnerSignedGET(partner: 0, url: url, query: parameters)
        let post = try await net.partnerSignedPOST(partner: 0, url: url, form: parameters)
        for answer in [get, post] {
            #expect(answer.status == 200, "\(answer.method) \(answer.bodyText)")
            #expect(net.responseProblem(answer, endpointURL: url) == nil, "\(answer.method): \(net.responseProblem(answer, endpointURL: url) ?? "")")
            let outcome = try await OfficialSchemas.validate(answer.body, against: RepositoryPaths.spec(xsd))
            #expect(outcome.valid, "\(answer.method): \(outcome.messages)\n\(answer.bodyText)")
        }
        #expect(get.body == post.body, "GET and POST answer alike")
        return try XMLReader.parse(get.body)
    }

    /// A refused request: the status, and an error-response (valid, signed) whose developer message says `message`.
    func refused(_ net: PartnerNetwork, _ url: String, _ parameters: [(String, String)], status: Int = 400, message: String) async throws {
        let answer = try await net.partnerSignedPOST(partner: 0, url: url, form: parameters)
        #expect(answer.status == status, "\(parameters): \(answer.bodyText)")
        let root = try XMLReader.parse(answer.body)
        let text = root.element("developer-message", namespace: Self.commonNS)?.text ?? ""
        #expect(root.name == "error-response" && text.contains(message), "\(parameters): \(answer.bodyText)")
        #expect(net.responseProblem(answer, endpointURL: url) == nil)
        let outcome = try await OfficialSchemas.validate(answer.body, against: OfficialSchemas.commonTypes)
        #expect(outcome.valid, "\(outcome.messages)")
    }

    @Test("the served manifest declares the three APIs and their limits")
    func manifestEntries() async throws {
        let net = try requirePartnerNetwork()
        let manifest = try await servedManifest(net)
        #expect(manifest.entries(api: "institutions", versionPrefix: "2.").first?.values["max-hei-ids"] == "10")
        #expect(manifest.entries(api: "organizational-units", versionPrefix: "2.").first?.values["max-ounit-codes"] == "100")
        #expect(manifest.entries(api: "factsheet", versionPrefix: "1.").first?.values["url"] == net.node(0).baseURL + "/hei/\(nodeHEI)/factsheet")
    }

    @Test("Institutions: our HEI from manifest.json, the partner from the catalogue, unknown ids ignored, request order kept")
    func institutions() async throws {
        let net = try requirePartnerNetwork()
        let root = try await both(net, try url(net, "institutions"),
                                  [("hei_id", partnerHEI), ("hei_id", "unknown.example"), ("hei_id", nodeHEI), ("hei_id", partnerHEI)],
                                  xsd: "ewp-specs-api-institutions/response.xsd")
        let ns = Self.institutionsNS
        #expect(root.name == "institutions-response" && root.namespace == ns)
        #expect(root.children.map { $0.element("hei-id", namespace: ns)?.text } == [partnerHEI, nodeHEI])
        let partner = root.children[0]
        #expect(partner.elements("name", namespace: ns).map(\.text) == [partnerName])
        let ours = root.children[1]
        #expect(ours.element("abbreviation", namespace: ns)?.text == "EXU")
        #expect(ours.element("root-ounit-id", namespace: ns)?.text == "exu-root")
        #expect(ours.elements("ounit-id", namespace: ns).map(\.text) == ["exu-root", "exu-sci", "exu-hum"])
        #expect(ours.elements("other-id", namespace: ns).first?.attribute("type") == "erasmus")

        let none = try await both(net, try url(net, "institutions"), [("hei_id", "unknown.example")], xsd: "ewp-specs-api-institutions/response.xsd")
        #expect(none.children.isEmpty)
    }

    @Test("OUnits: by id (GET and POST) and by code, unknown ones ignored")
    func ounits() async throws {
        let net = try requirePartnerNetwork()
        let ns = Self.ounitsNS
        let byID = try await both(net, try url(net, "organizational-units"),
                                  [("hei_id", nodeHEI), ("ounit_id", "exu-sci"), ("ounit_id", "nope"), ("ounit_id", "exu-root")],
                                  xsd: "ewp-specs-api-ounits/response.xsd")
        #expect(byID.children.map { $0.element("ounit-id", namespace: ns)?.text } == ["exu-sci", "exu-root"])
        #expect(byID.children[0].element("parent-ounit-id", namespace: ns)?.text == "exu-root")
        let byCode = try await both(net, try url(net, "organizational-units"), [("hei_id", nodeHEI), ("ounit_code", "FHUM"), ("ounit_code", "fhum")],
                                    xsd: "ewp-specs-api-ounits/response.xsd")
        #expect(byCode.children.map { $0.element("ounit-id", namespace: ns)?.text } == ["exu-hum"])
    }

    @Test("Factsheet: our HEI's factsheet, unknown HEIs ignored")
    func factsheet() async throws {
        let net = try requirePartnerNetwork()
        let ns = Self.factsheetNS
        let root = try await both(net, try url(net, "factsheet"), [("hei_id", "unknown.example"), ("hei_id", nodeHEI)],
                                  xsd: "ewp-specs-api-factsheet/response.xsd")
        #expect(root.children.map { $0.element("hei-id", namespace: ns)?.text } == [nodeHEI])
        #expect(root.children.first?.element("decision-weeks-limit", namespace: ns)?.text == "5")
        let none = try await both(net, try url(net, "factsheet"), [("hei_id", partnerHEI)], xsd: "ewp-specs-api-factsheet/response.xsd")
        #expect(none.children.isEmpty)
    }

    @Test("parameter errors: 400 with a developer message saying what to fix; other methods 405; unsigned 401")
    func errors() async throws {
        let net = try requirePartnerNetwork()
        let institutions = try url(net, "institutions")
        let ounits = try url(net, "organizational-units")
        let factsheet = try url(net, "factsheet")
        try await refused(net, institutions, [], message: "hei_id is missing")
        try await refused(net, institutions, [("hei-id", nodeHEI)], message: "hei_id is missing")
        try await refused(net, institutions, Array(repeating: ("hei_id", nodeHEI), count: 11), message: "11 hei_id values sent; at most 10")
        try await refused(net, factsheet, [("ounit_id", "x")], message: "hei_id is missing")
        try await refused(net, factsheet, Array(repeating: ("hei_id", nodeHEI), count: 11), message: "at most 10")
        try await refused(net, ounits, [("ounit_id", "exu-sci")], message: "hei_id is missing")
        try await refused(net, ounits, [("hei_id", partnerHEI), ("ounit_id", "x")], message: "does not cover the HEI \"\(partnerHEI)\"")
        try await refused(net, ounits, [("hei_id", nodeHEI), ("hei_id", nodeHEI), ("ounit_id", "x")], message: "given once")
        try await refused(net, ounits, [("hei_id", nodeHEI)], message: "ounit_id or ounit_code is missing")
        try await refused(net, ounits, [("hei_id", nodeHEI), ("ounit_id", "exu-sci"), ("ounit_code", "FSCI")], message: "not both")
        try await refused(net, ounits, [("hei_id", nodeHEI)] + Array(repeating: ("ounit_id", "exu-sci"), count: 101), message: "at most 100")
        try await refused(net, ounits, [("hei_id", nodeHEI)] + Array(repeating: ("ounit_code", "FSCI"), count: 101), message: "at most 100")

        for endpoint in [institutions, ounits, factsheet] {
            let put = try await net.signedSend(method: "PUT", url: endpoint, body: Array("hei_id=\(nodeHEI)".utf8),
                                               contentType: "application/x-www-form-urlencoded", key: net.partner(0).clientKey)
            #expect(put.status == 405 && put.header("Allow") == "GET, POST", "\(endpoint): \(put.bodyText)")
            let unsigned = try await net.http.send(.init(url: endpoint + "?hei_id=\(nodeHEI)", timeout: .seconds(10)))
            #expect(unsigned.status == 401, "\(endpoint)")
        }
    }

    @Test("`ewp-node import` replaces a covered HEI's institution data while the node runs; a refused file changes nothing")
    func importWhileServing() async throws {
        let net = try requirePartnerNetwork()
        let directory = net.directory + "/imports"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let good = directory + "/institutions.xml"
        let bad = directory + "/bad.xml"
        try """
        <institutions-response xmlns="\(Self.institutionsNS)"><hei><hei-id>\(secondHEI)</hei-id>\
        <name xml:lang="en">Second University (imported)</name><ounit-id>exu-sci</ounit-id></hei></institutions-response>
        """.write(toFile: good, atomically: true, encoding: .utf8)
        try """
        <institutions-response xmlns="\(Self.institutionsNS)"><hei><hei-id>\(secondHEI)</hei-id></hei></institutions-response>
        """.write(toFile: bad, atomically: true, encoding: .utf8)

        let refused = try await runNodeCommand(net, ["import", bad])
        #expect(refused.status != 0 && refused.output.contains("not a valid institutions-response"), "\(refused.output)")
        let before = try await both(net, try url(net, "institutions"), [("hei_id", secondHEI)], xsd: "ewp-specs-api-institutions/response.xsd")
        #expect(before.children.first?.elements("name", namespace: Self.institutionsNS).map(\.text) == [secondHEI],
                "not in manifest.json: named by its id")

        let imported = try await runNodeCommand(net, ["import", good])
        #expect(imported.status == 0 && imported.output.contains("Institutions data of \(secondHEI) stored"), "\(imported.output)")
        #expect(imported.output.contains("warning") && imported.output.contains("\"exu-sci\""), "\(imported.output)")
        let after = try await both(net, try url(net, "institutions"), [("hei_id", secondHEI)], xsd: "ewp-specs-api-institutions/response.xsd")
        let hei = try #require(after.children.first)
        #expect(hei.elements("name", namespace: Self.institutionsNS).map(\.text) == ["Second University (imported)"])
        #expect(hei.elements("ounit-id", namespace: Self.institutionsNS).map(\.text) == ["exu-sci"])
        let ours = try await both(net, try url(net, "institutions"), [("hei_id", nodeHEI)], xsd: "ewp-specs-api-institutions/response.xsd")
        #expect(ours.children.first?.element("abbreviation", namespace: Self.institutionsNS)?.text == "EXU", "the other HEI keeps manifest.json")
    }
}
