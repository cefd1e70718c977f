// OMobility LAs v1 with real processes: `ewp-node import` into the
// node's database, partner-signed get/index/update/stats against the running node, answers valid
// against the official XSDs and signed, and the LA CNR reaching the fake partner after the import
// and after the partner's own update.
import EWPAPIs
import EWPTestSupport
import EWPXML
import Foundation
import Testing

private let nodeHEI = "node.test.example"
private let partnerHEI = "partner-l.test.example"
private let strangerHEI = "partner-s.test.example"

@Suite("OMobility LAs between real processes", .serialized,
       .partnerNetwork(partners: [PartnerSpec(hei: partnerHEI), PartnerSpec(hei: strangerHEI)], nodeEnvironment: fastNotificationEnvironment),
       .timeLimit(.minutes(4)))
struct OMobilityLAsProcessTests {
    private static let spec = "ewp-specs-api-omobility-las/endpoints/"

    private func importLAs(_ net: PartnerNetwork, _ las: [String]) async throws -> (status: Int32, output: String) {
        let path = "\(net.directory)/las-\(UUID().uuidString.prefix(8)).xml"
        try Data(LADocuments.response(las).utf8).write(to: URL(fileURLWithPath: path))
        return try await runNodeCommand(net, ["import", path])
    }

    private func url(_ net: PartnerNetwork, _ element: String) throws -> String {
        try #require(net.node(0).manifest(hei: nodeHEI).url(api: "omobility-las", element: element))
    }

    private func updateRequest(_ net: PartnerNetwork, partner: Int, _ body: String) async throws -> SignedExchange {
        try await net.signedSend(method: "POST", url: try url(net, "update-url"), body: Array(body.utf8), contentType: "text/xml",
                                 key: net.partner(partner).clientKey)
    }

    private func laIDs(_ exchange: SignedExchange) throws -> [String] {
        try XMLReader.parse(exchange.body).children.compactMap { $0.element("omobility-id", namespace: LADocuments.namespace)?.text }
    }

    private func valid(_ exchange: SignedExchange, _ xsd: String) async throws {
        let outcome = try await OfficialSchemas.validate(exchange.body, against: xsd.hasPrefix("/") ? xsd : RepositoryPaths.spec(Self.spec + xsd))
        #expect(outcome.valid, "\(xsd): \(outcome.messages)\n\(exchange.bodyText)")
    }

    @Test("Imported LAs are served to their receiving HEI only, valid and signed, and the LA CNR reaches it")
    func importServeNotify() async throws {
        let net = try requirePartnerNetwork()
        let partner = net.partner(0)
        try await partner.reset()
        let imported = try await importLAs(net, [
            LADocuments.la("olas-1", sending: nodeHEI, receiving: partnerHEI, stage: .proposedFirstVersion(proposalID: "p-1")),
            LADocuments.la("olas-2", sending: nodeHEI, receiving: "elsewhere.test.example", stage: .signedFirstVersion),
        ])
        #expect(imported.status == 0, "\(imported.output)")
        #expect(imported.output.contains("2 created"), "\(imported.output)")

        let cnr = try await partner.waitForLog("the LA CNR after the import") { $0.contains { $0.path == "/omobility-la-cnr" && $0.status == 200 } }
            .filter { $0.path == "/omobility-la-cnr" }
        #expect(cnr.count == 1 && cnr[0].verified, "\(cnr)")
        #expect(cnr.first?.values("sending_hei_id") == [nodeHEI] && cnr.first?.values("omobility_id") == ["olas-1"])

        let getURL = try url(net, "get-url")
        let get = try await net.partnerSignedGET(partner: 0, url: getURL, query: [("sending_hei_id", nodeHEI), ("omobility_id", "olas-2"),
                                                                                   ("omobility_id", "olas-1"), ("omobility_id", "unknown")])
        #expect(get.status == 200, "\(get.bodyText)")
        #expect(try laIDs(get) == ["olas-1"])
        #expect(net.responseProblem(get, endpointURL: getURL) == nil)
        try await valid(get, "get-response.xsd")
        let stranger = try await net.partnerSignedPOST(partner: 1, url: getURL, form: [("sending_hei_id", nodeHEI), ("omobility_id", "olas-1")])
        #expect(stranger.status == 200)
        #expect(try laIDs(stranger).isEmpty, "\(stranger.bodyText)")

        let indexURL = try url(net, "index-url")
        let index = try await net.partnerSignedPOST(partner: 0, url: indexURL, form: [("sending_hei_id", nodeHEI)])
        #expect(index.status == 200)
        #expect(try XMLReader.parse(index.body).children.map(\.text) == ["olas-1"], "\(index.bodyText)")
        try await valid(index, "index-response.xsd")
        let filtered = try await net.partnerSignedGET(partner: 0, url: indexURL, query: [("sending_hei_id", nodeHEI), ("receiving_hei_id", "unknown"),
                                                                                          ("receiving_hei_id", partnerHEI), ("mobility_type", "semester"),
                                                                                          ("receiving_academic_year_id", "2026/2027")])
        #expect(try XMLReader.parse(filtered.body).children.map(\.text) == ["olas-1"], "\(filtered.bodyText)")
        let strangerIndex = try await net.partnerSignedGET(partner: 1, url: indexURL, query: [("sending_hei_id", nodeHEI)])
        #expect(strangerIndex.status == 200)
        #expect(try XMLReader.parse(strangerIndex.body).children.isEmpty)

        for (query, why) in [([("omobility_id", "olas-1")], "no sending_hei_id"), ([("sending_hei_id", "unknown.example"), ("omobility_id", "olas-1")], "not ours")] {
            let refused = try await net.partnerSignedGET(partner: 0, url: getURL, query: query)
            #expect(refused.status == 400, "\(why): \(refused.bodyText)")
            try await valid(refused, OfficialSchemas.commonTypes)
        }
        let stats = try await net.partnerSignedGET(partner: 0, url: try url(net, "stats-url"))
        #expect(stats.status == 403, "stats are for the Stats Portal: \(stats.bodyText)")
    }

    @Test("The receiving HEI approves through update: 200, the LA is approved, the CNR is sent again; stale ids 409; strangers 400; GET 405")
    func updateApproves() async throws {
        let net = try requirePartnerNetwork()
        let partner = net.partner(0)
        let imported = try await importLAs(net, [LADocuments.la("olas-u", sending: nodeHEI, receiving: partnerHEI, stage: .changesProposed(proposalID: "p-7"))])
        #expect(imported.status == 0, "\(imported.output)")
        _ = try await partner.waitForLog("the LA CNR after the import") { $0.contains { $0.path == "/omobility-la-cnr" && $0.values("omobility_id") == ["olas-u"] && $0.status == 200 } }
        try await partner.reset()

        let stranger = try await updateRequest(net, partner: 1, LADocuments.update(sending: nodeHEI, omobilityID: "olas-u", proposalID: "p-7"))
        #expect(stranger.status == 400, "\(stranger.bodyText)")
        let stale = try await updateRequest(net, partner: 0, LADocuments.update(sending: nodeHEI, omobilityID: "olas-u", proposalID: "p-6"))
        #expect(stale.status == 409, "\(stale.bodyText)")
        #expect(stale.bodyText.contains("user-message"))
        try await valid(stale, OfficialSchemas.commonTypes)

        let updateURL = try url(net, "update-url")
        let approve = try await updateRequest(net, partner: 0, LADocuments.update(sending: nodeHEI, omobilityID: "olas-u", proposalID: "p-7"))
        #expect(approve.status == 200, "\(approve.bodyText)")
        #expect(net.responseProblem(approve, endpointURL: updateURL) == nil)
        try await valid(approve, "update-response.xsd")

        let cnr = try await partner.waitForLog("the LA CNR after the partner's approval") { $0.contains { $0.path == "/omobility-la-cnr" && $0.status == 200 } }
            .filter { $0.path == "/omobility-la-cnr" }
        #expect(cnr.first?.values("omobility_id") == ["olas-u"] && cnr.first?.verified == true, "\(cnr)")

        let get = try await net.partnerSignedGET(partner: 0, url: try url(net, "get-url"), query: [("sending_hei_id", nodeHEI), ("omobility_id", "olas-u")])
        let la = try #require(try XMLReader.parse(get.body).children.first)
        #expect(la.element("changes-proposal", namespace: LADocuments.namespace) == nil)
        let approved = try #require(la.element("approved-changes", namespace: LADocuments.namespace))
        #expect(approved.element("receiving-hei-signature", namespace: LADocuments.namespace)?.children.first?.text == "Bruno Receiver")
        try await valid(get, "get-response.xsd")

        let again = try await updateRequest(net, partner: 0, LADocuments.update(sending: nodeHEI, omobilityID: "olas-u", proposalID: "p-7", comment: "late"))
        #expect(again.status == 409, "the proposal is no longer pending: \(again.bodyText)")
        let viaGET = try await net.partnerSignedGET(partner: 0, url: updateURL)
        #expect(viaGET.status == 405)
        let form = try await net.partnerSignedPOST(partner: 0, url: updateURL, form: [("sending_hei_id", nodeHEI)])
        #expect(form.status == 400, "a form body is not an update request: \(form.bodyText)")
    }

    @Test("A comment marks the proposal rejected and is answered with a CNR; a guideline error in a later import changes nothing")
    func commentAndRejectedImport() async throws {
        let net = try requirePartnerNetwork()
        let partner = net.partner(0)
        let imported = try await importLAs(net, [LADocuments.la("olas-c", sending: nodeHEI, receiving: partnerHEI, stage: .proposedFirstVersion(proposalID: "p-1"))])
        #expect(imported.status == 0, "\(imported.output)")
        _ = try await partner.waitForLog("the LA CNR after the import") { $0.contains { $0.path == "/omobility-la-cnr" && $0.values("omobility_id") == ["olas-c"] && $0.status == 200 } }
        try await partner.reset()
        let comment = try await updateRequest(net, partner: 0, LADocuments.update(sending: nodeHEI, omobilityID: "olas-c", proposalID: "p-1",
                                                                                  comment: "Please replace Databases."))
        #expect(comment.status == 200, "\(comment.bodyText)")
        _ = try await partner.waitForLog("the LA CNR after the comment") { $0.contains { $0.path == "/omobility-la-cnr" && $0.status == 200 } }

        let broken = try await importLAs(net, [LADocuments.la("olas-c", sending: nodeHEI, receiving: partnerHEI,
                                                              stage: .proposedFirstVersion(proposalID: "p-2"), provisions: false)])
        #expect(broken.status == 1, "\(broken.output)")
        #expect(broken.output.contains("LA-PROVISIONS-URL") && broken.output.contains("nothing stored"), "\(broken.output)")
        let get = try await net.partnerSignedGET(partner: 0, url: try url(net, "get-url"), query: [("sending_hei_id", nodeHEI), ("omobility_id", "olas-c")])
        #expect(get.bodyText.contains("id=\"p-1\""), "the stored LA is unchanged: \(get.bodyText)")
    }
}
