// IIAs v7 with real processes: `ewp-node import` into the database of a
// running node, partner-signed get/index/stats answered per IIAs v7 endpoints/get.md, index.md and
// stats.md and the EWP API Validator's get and index checks, responses valid against the official
// XSDs, and the import's CNRs delivered.
import EWPHTTP
import EWPModel
import EWPStore
import EWPTestSupport
import EWPXML
import Foundation
import HTTPTypes
import Testing

private let nodeHEI = "node.test.example"
private let partnerHEI = "partner-a.test.example"
private let strangerHEI = "partner-b.test.example"
private let statsPortalHEI = "stats.erasmuswithoutpaper.eu"

@Suite("IIAs v7 between real processes", .serialized,
       .partnerNetwork(partners: [PartnerSpec(hei: partnerHEI), PartnerSpec(hei: strangerHEI),
                                  PartnerSpec(hei: statsPortalHEI, apis: ["iia-cnr"], name: "EWP Stats Portal")],
                       nodeEnvironment: fastNotificationEnvironment),
       .timeLimit(.minutes(4)))
struct IIAsProcessTests {
    static let partner = 0, stranger = 1, portal = 2

    static func iia(_ id: String, partner: String = partnerHEI) -> String {
        IIADocuments.iia(hei: nodeHEI, id: id, partner: partner, partnerID: "P-\(id)",
                         conditions: IIADocuments.studies(from: nodeHEI, to: partner, years: ("2024/2025", "2026/2027"))
                            + IIADocuments.teaching(from: partner, to: nodeHEI, years: ("2025/2026", "2025/2026")))
    }

    /// Runs `ewp-node import` on a file holding `iias` (or other arguments), with the node's environment.
    func importIIAs(_ net: PartnerNetwork, _ iias: [String], extra: [String] = []) async throws -> (status: Int32, output: String) {
        let path = "\(net.directory)/import-\(UUID().uuidString.prefix(8)).xml"
        _ = FileManager.default.createFile(atPath: path, contents: Data(IIADocuments.response(iias)))
        return try await runNodeCommand(net, ["import", path] + extra)
    }

    func url(_ net: PartnerNetwork, _ element: String) throws -> String {
        try #require(net.node(0).manifest(hei: nodeHEI).url(api: "iias", element: element), "no iias \(element) in the node's manifest")
    }

    /// A partner-signed call with the validator's two methods (GET query, POST form), the signed answer verified.
    func call(_ net: PartnerNetwork, _ method: String, _ url: String, _ pairs: [(String, String)], as partner: Int = partner) async throws -> SignedExchange {
        let exchange = method == "GET"
            ? try await net.partnerSignedGET(partner: partner, url: url, query: pairs)
            : try await net.partnerSignedPOST(partner: partner, url: url, form: pairs)
        #expect(net.responseProblem(exchange, endpointURL: url) == nil, "response signature: \(net.responseProblem(exchange, endpointURL: url) ?? "")")
        return exchange
    }

    func ids(_ exchange: SignedExchange) throws -> [String] {
        let root = try XMLReader.parse(exchange.body)
        if root.name == "iias-get-response" { return try root.children.map { try IIA($0).local.iiaID ?? "" } }
        return root.children.map(\.text)
    }

    func valid(_ exchange: SignedExchange, _ schema: String) async throws {
        let outcome = try await OfficialSchemas.validate(exchange.body, against: RepositoryPaths.spec("ewp-specs-api-iias/endpoints/\(schema)"))
        #expect(outcome.valid, "\(schema): \(outcome.messages)\n\(exchange.bodyText)")
    }

    @Test("Import while serving: partner-signed get and index answer per IIAs API v7 endpoints/get.md and index.md, valid against the official XSDs; the CNR reaches the partner")
    func importThenServe() async throws {
        let net = try requirePartnerNetwork()
        try await net.partner(Self.partner).reset()
        let imported = try await importIIAs(net, [Self.iia("IIA-1"), Self.iia("IIA-2", partner: strangerHEI)])
        #expect(imported.status == 0, "\(imported.output)")
        #expect(imported.output.contains("2 created, 0 updated, 0 unchanged, 0 skipped; 2 change notifications queued"), "\(imported.output)")

        let getURL = try url(net, "get-url"), indexURL = try url(net, "index-url")
        for method in ["GET", "POST"] {
            let got = try await call(net, method, getURL, [("iia_id", "IIA-1")])
            #expect(got.status == 200, "\(got.bodyText)")
            try await valid(got, "get-response.xsd")
            let iia = try IIA(try #require(try XMLReader.parse(got.body).children.first))
            #expect(iia.local.heiID == nodeHEI && iia.local.iiaID == "IIA-1" && iia.local.iiaCode == "CODE/IIA-1")   // checked by the EWP API Validator
            #expect(iia.declaredHash == IIAHash.hash(iia.element))                                                  // checked by the EWP API Validator

            let index = try await call(net, method, indexURL, [])
            #expect(index.status == 200)
            try await valid(index, "index-response.xsd")
            #expect(try ids(index) == ["IIA-1"])                                   // checked by the EWP API Validator; IIA-2 is the stranger's
        }
        let cnr = try await net.partner(Self.partner).waitForLog(timeout: .seconds(30), "the IIA CNR for IIA-1") { entries in
            entries.contains { $0.path == "/iia-cnr" && $0.values("iia_id") == ["IIA-1"] && $0.status == 200 }
        }.filter { $0.path == "/iia-cnr" }
        #expect(cnr.allSatisfy { $0.verified && $0.callerHeis == [nodeHEI] && $0.method == "POST" }, "\(cnr)")
        #expect(!cnr.contains { $0.values("iia_id") == ["IIA-2"] })                 // IIA-2's CNR goes to its own partner
        try await net.partner(Self.stranger).waitForLog(timeout: .seconds(30), "the IIA CNR for IIA-2") { entries in
            entries.contains { $0.path == "/iia-cnr" && $0.values("iia_id") == ["IIA-2"] && $0.status == 200 }
        }

        let again = try await importIIAs(net, [Self.iia("IIA-1"), Self.iia("IIA-2", partner: strangerHEI)])
        #expect(again.output.contains("0 created, 0 updated, 2 unchanged"), "\(again.output)")
    }

    @Test("POST /admin/import takes the documents `ewp-node import` takes: stored and served, or refused whole (422), bearer token required")
    func adminImport() async throws {
        let net = try requirePartnerNetwork()
        let importURL = net.node(0).baseURL + "/admin/import"
        let auth: HTTPFields = [(name: "Authorization", value: "Bearer test-admin-token")]
        func post(_ body: [UInt8], headers: HTTPFields = auth, method: String = "POST") async throws -> (status: Int, json: [String: Any]) {
            let response = try await net.http.send(.init(method: method, url: importURL, headers: headers + [(name: "Content-Type", value: "application/xml")],
                                                         body: body, timeout: .seconds(30)))
            return (response.status, try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] ?? [:])
        }
        let stored = try await post(IIADocuments.response([Self.iia("ADMIN-1")]))
        #expect(stored.status == 200 && stored.json["stored"] as? Bool == true, "\(stored.json)")
        #expect((stored.json["report"] as? [String])?.first?.contains("1 created, 0 updated") == true, "\(stored.json)")
        let got = try await call(net, "GET", try url(net, "get-url"), [("iia_id", "ADMIN-1")])
        #expect(try ids(got) == ["ADMIN-1"])

        // Refused whole, as the CLI refuses it: one bad IIA and nothing of the document is stored.
        let broken = IIADocuments.response([Self.iia("ADMIN-2"), Self.iia("ADMIN-3").replacingOccurrences(of: "<in-effect>", with: "<in-effect>x")])
        let refused = try await post(broken)
        #expect(refused.status == 422 && refused.json["stored"] as? Bool == false, "\(refused.json)")
        #expect((refused.json["report"] as? [String])?.first?.hasPrefix("rejected, nothing stored") == true, "\(refused.json)")
        #expect(try ids(try await call(net, "GET", try url(net, "get-url"), [("iia_id", "ADMIN-2")])) == [])

        let other = try await post(Array("<iias-index-response xmlns=\"urn:x\"/>".utf8))
        #expect(other.status == 422 && "\(other.json)".contains("is not a document ewp-node imports"), "\(other.json)")
        #expect(try await post([]).status == 400)
        #expect(try await post(IIADocuments.response([Self.iia("ADMIN-4")]), headers: []).status == 401)
        #expect(try await post([], method: "GET").status == 405)
    }

    @Test("EWP API Validator: IIAs get checks with GET and POST; PUT and DELETE → 405")
    func validatorGet() async throws {
        let net = try requirePartnerNetwork()
        _ = try await importIIAs(net, [Self.iia("IIA-V1")])
        let getURL = try url(net, "get-url")
        let max = try #require(Int(net.node(0).manifest(hei: nodeHEI).entries(api: "iias").first?.values["max-iia-ids"] ?? ""))
        let unknown = "this-is-some-unknown-and-unexpected-id"
        for method in ["GET", "POST"] {
            #expect(try ids(try await call(net, method, getURL, [("iia_id", "IIA-V1")])) == ["IIA-V1"])                 // 52
            let empty = try await call(net, method, getURL, [("iia_id", unknown)])                                      // 53
            #expect(try empty.status == 200 && ids(empty).isEmpty)
            try await valid(empty, "get-response.xsd")
            #expect(try ids(try await call(net, method, getURL, [("iia_id", "IIA-V1"), ("iia_id", unknown)])) == ["IIA-V1"])   // 54
            for (check, pairs) in [(55, []), (56, Array(repeating: ("iia_id", "IIA-V1"), count: max + 1)),
                                   (57, (0...max).map { ("iia_id", "\(unknown)-\($0)") }), (59, [("iia_id_param", "IIA-V1")])] {
                let refused = try await call(net, method, getURL, pairs)
                #expect(refused.status == 400, "check \(check) \(method): \(refused.status) \(refused.bodyText)")
                #expect(try XMLReader.parse(refused.body).name == "error-response")
            }
            let full = try await call(net, method, getURL, Array(repeating: ("iia_id", "IIA-V1"), count: max))       // 58
            #expect(try full.status == 200 && ids(full) == ["IIA-V1"])
        }
        for method in ["PUT", "DELETE"] {
            let exchange = try await net.signedSend(method: method, url: getURL, body: Array("iia_id=IIA-V1".utf8),
                                                    contentType: "application/x-www-form-urlencoded", key: net.partner(Self.partner).clientKey)
            #expect(exchange.status == 405, "\(method): \(exchange.status)")
        }
        // IIAs API v7 endpoints/get.md permissions: another HEI sees nothing (like unknown ids).
        #expect(try ids(try await call(net, "GET", getURL, [("iia_id", "IIA-V1")], as: Self.stranger)).isEmpty)
    }

    @Test("EWP API Validator: IIAs index checks with GET and POST")
    func validatorIndex() async throws {
        let net = try requirePartnerNetwork()
        _ = try await importIIAs(net, [Self.iia("IIA-X1")])
        let indexURL = try url(net, "index-url")
        let year = "receiving_academic_year_id", since = "modified_since"
        let future = "\(Calendar(identifier: .gregorian).component(.year, from: Date()) + 5)-02-12T15:19:21+01:00"
        for method in ["GET", "POST"] {
            #expect(try ids(try await call(net, method, indexURL, [])).contains("IIA-X1"))                                   // 61, 65
            #expect(try await call(net, method, indexURL, [(year, "2010/2011")]).status == 200)                               // 62
            #expect(try await call(net, method, indexURL, [(year, "test/test")]).status == 400)                               // 63
            #expect(try await call(net, method, indexURL, [(since, "2000-02-12T15:19:21+01:00"), (since, "2000-02-12T15:19:21+01:00")]).status == 400)   // 64
            #expect(try ids(try await call(net, method, indexURL, [(year, "2025/2026")])).contains("IIA-X1"))                // 66
            #expect(try ids(try await call(net, method, indexURL, [(year, "1653/1654")])).isEmpty)                           // 67
            let later = try await call(net, method, indexURL, [(since, future)])                                             // 68
            #expect(try later.status == 200 && ids(later).isEmpty)
            try await valid(later, "index-response.xsd")
            #expect(try ids(try await call(net, method, indexURL, [(since, "2000-02-12T15:19:21+01:00")])).contains("IIA-X1"))   // 69
            #expect(try await call(net, method, indexURL, [(since, "2000-02-12")]).status == 400)                            // ewp-specs-architecture › Index-pulling
        }
        #expect(try ids(try await call(net, "GET", indexURL, [], as: Self.stranger)).allSatisfy { $0 != "IIA-X1" })
    }

    @Test("IIAs API v7 endpoints/stats.md stats: the Stats Portal reads the counts (valid against the official XSD); a partner gets 403; POST is 405")
    func stats() async throws {
        let net = try requirePartnerNetwork()
        _ = try await importIIAs(net, [Self.iia("IIA-S1")])
        let statsURL = try url(net, "stats-url")
        let answer = try await call(net, "GET", statsURL, [], as: Self.portal)
        #expect(answer.status == 200, "\(answer.bodyText)")
        try await valid(answer, "stats-response.xsd")
        let counts = try XMLReader.parse(answer.body).children
        #expect(counts.map(\.name) == ["iia-fetchable", "iia-local-unapproved-partner-approved", "iia-local-approved-partner-unapproved", "iia-both-approved"])
        #expect((Int(counts[0].text) ?? 0) >= 1)
        #expect(try await call(net, "GET", statsURL, [], as: Self.partner).status == 403)
        #expect(try await call(net, "POST", statsURL, [], as: Self.portal).status == 405)
        // The Stats Portal sees no IIA itself.
        #expect(try ids(try await call(net, "GET", try url(net, "index-url"), [], as: Self.portal)).isEmpty)
    }

    @Test("Explicit deletion by the CLI: the IIA disappears, the partner is notified, its id is never reused; a rejected file changes nothing")
    func deleteAndReject() async throws {
        let net = try requirePartnerNetwork()
        let partner = net.partner(Self.partner)
        _ = try await importIIAs(net, [Self.iia("IIA-D1")])
        try await partner.waitForLog(timeout: .seconds(30), "the CNR of the creation") { entries in
            entries.contains { $0.path == "/iia-cnr" && $0.values("iia_id") == ["IIA-D1"] && $0.status == 200 }
        }
        try await partner.reset()
        let deleted = try await runNodeCommand(net, ["import", "--delete-iia", "IIA-D1", "--hei", nodeHEI])
        #expect(deleted.status == 0 && deleted.output.contains("deleted IIA IIA-D1"), "\(deleted.output)")
        #expect(try ids(try await call(net, "GET", try url(net, "get-url"), [("iia_id", "IIA-D1")])).isEmpty)
        let listed = try ids(try await call(net, "GET", try url(net, "index-url"), []))
        #expect(!listed.contains("IIA-D1"))
        try await partner.waitForLog(timeout: .seconds(30), "the CNR of the deletion") { entries in
            entries.contains { $0.path == "/iia-cnr" && $0.values("iia_id") == ["IIA-D1"] && $0.status == 200 }
        }
        let reused = try await importIIAs(net, [Self.iia("IIA-D1")])
        #expect(reused.status == 1 && reused.output.contains("never reused"), "\(reused.output)")

        let bad = Self.iia("IIA-R2").replacingOccurrences(of: "<in-effect>true</in-effect>", with: "<in-effect>yes</in-effect>")
        let rejected = try await importIIAs(net, [Self.iia("IIA-R1"), bad])
        #expect(rejected.status == 1)
        #expect(rejected.output.contains("rejected, nothing stored") && rejected.output.contains("/iias-get-response/iia[2]/in-effect"), "\(rejected.output)")
        let store = try SQLiteStore(path: net.node(0).databasePath)
        #expect(try await store.ownObjects(kind: "iia", heiID: nodeHEI, ids: ["IIA-R1", "IIA-R2"]).isEmpty)
    }
}
