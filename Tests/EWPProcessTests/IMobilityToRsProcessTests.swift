// IMobility ToRs v2 and v3 with real processes: `ewp-node import` of
// transcripts, the ToR CNR reaching the sending HEI (a fake partner), partner-signed get and index
// of both versions answered and valid against the official XSDs, and the other direction: a
// partner's ToR CNR makes the node pull its ToRs v2.
import EWPStore
import EWPTestSupport
import EWPXML
import Foundation
import Testing

private let nodeHEI = "node.test.example"
private let sendingHEI = "partner-t.test.example"
private let otherHEI = "partner-u.test.example"

@Suite("IMobility ToRs between real processes", .serialized,
       .partnerNetwork(partners: [PartnerSpec(hei: sendingHEI), PartnerSpec(hei: otherHEI)], nodeEnvironment: fastNotificationEnvironment),
       .timeLimit(.minutes(4)))
struct IMobilityToRsProcessTests {
    func importFile(_ net: PartnerNetwork, _ name: String, _ document: String, sending: String? = sendingHEI) async throws -> (status: Int32, output: String) {
        let path = net.directory + "/" + name
        try document.write(toFile: path, atomically: true, encoding: .utf8)
        return try await runNodeCommand(net, ["import"] + (sending.map { ["--sending-hei", $0] } ?? []) + [path])
    }

    func url(_ net: PartnerNetwork, _ element: String, version: String) throws -> String {
        try #require(net.node(0).manifest(hei: nodeHEI).url(api: "imobility-tors", element: element, versionPrefix: version),
                     "no imobility-tors \(version) entry with \(element) in the node's manifest")
    }

    func expectOfficial(_ exchange: SignedExchange, version: Int, _ kind: OfficialToRs.Document = .getResponse) async throws {
        let outcome = try await OfficialToRs.validate(exchange.body, version: version, kind)
        #expect(outcome.valid, "\(outcome.messages)")
    }

    func ids(_ exchange: SignedExchange, _ element: String = "omobility-id") throws -> [String] {
        let root = try XMLReader.parse(exchange.body)
        return root.name == "imobility-tors-index-response" ? root.children.map(\.text)
            : root.children.compactMap { $0.children.first { $0.name == element }?.text }
    }

    @Test("import v2 → the ToR CNR reaches the sending HEI, signed; its get and index (GET and POST) answer, signed and valid against the official XSDs")
    func importAndServeV2() async throws {
        let net = try requirePartnerNetwork()
        let partner = net.partner(0)
        try await partner.reset()
        let imported = try await importFile(net, "tors-v2.xml", ToRDocuments.v2(["om-p1", "om-p2"]))
        #expect(imported.status == 0, "\(imported.output)")
        #expect(imported.output.contains("IMobility ToRs v2: 2 created"), "\(imported.output)")

        let cnrs = try await partner.waitForLog("the ToR CNR for both mobilities") { entries in
            Set(entries.filter { $0.path == "/imobility-tor-cnr" && $0.status == 200 }.flatMap { $0.values("omobility_id") }) == ["om-p1", "om-p2"]
        }.filter { $0.path == "/imobility-tor-cnr" }
        #expect(cnrs.allSatisfy { $0.verified && $0.method == "POST" && $0.values("receiving_hei_id") == [nodeHEI] && $0.callerHeis == [nodeHEI] }, "\(cnrs)")

        let getURL = try url(net, "get-url", version: "2.")
        let get = try await net.partnerSignedGET(partner: 0, url: getURL, query: [("receiving_hei_id", nodeHEI), ("omobility_id", "om-p1"), ("omobility_id", "unknown")])
        #expect(get.status == 200, "\(get.bodyText)")
        #expect(try ids(get) == ["om-p1"])
        #expect(net.responseProblem(get, endpointURL: getURL) == nil)
        try await expectOfficial(get, version: 2)
        let post = try await net.partnerSignedPOST(partner: 0, url: getURL, form: [("receiving_hei_id", nodeHEI), ("omobility_id", "om-p2")])
        #expect(post.status == 200, "\(post.bodyText)")
        #expect(try ids(post) == ["om-p2"])

        let indexURL = try url(net, "index-url", version: "2.")
        let index = try await net.partnerSignedPOST(partner: 0, url: indexURL, form: [("receiving_hei_id", nodeHEI)])
        #expect(index.status == 200, "\(index.bodyText)")
        #expect(try ids(index) == ["om-p1", "om-p2"])
        #expect(net.responseProblem(index, endpointURL: indexURL) == nil)
        try await expectOfficial(index, version: 2, .indexResponse)

        // Permissions (IMobility ToRs API v2 README) and the EWP API Validator's index checks,
        // against the running node.
        #expect(try ids(try await net.partnerSignedGET(partner: 1, url: getURL, query: [("receiving_hei_id", nodeHEI), ("omobility_id", "om-p1")])).isEmpty)
        #expect(try ids(try await net.partnerSignedGET(partner: 1, url: indexURL, query: [("receiving_hei_id", nodeHEI)])).isEmpty)
        #expect(try ids(try await net.partnerSignedGET(partner: 0, url: indexURL, query: [("receiving_hei_id", "unknown.example")])).isEmpty)
        #expect(try ids(try await net.partnerSignedGET(partner: 0, url: indexURL, query: [("receiving_hei_id", nodeHEI), ("sending_hei_id", otherHEI)])).isEmpty)
        let missing = try await net.partnerSignedGET(partner: 0, url: getURL, query: [("omobility_id", "om-p1")])
        #expect(missing.status == 400 && net.responseProblem(missing, endpointURL: getURL) == nil, "\(missing.bodyText)")
        let put = try await net.signedSend(method: "PUT", url: getURL, body: [], contentType: nil, key: partner.clientKey)
        #expect(put.status == 405)
    }

    @Test("import v3 → served by the v3 endpoints only (ELMO v2, academic year), valid against the official v3 XSDs; v2 omits it")
    func importAndServeV3() async throws {
        let net = try requirePartnerNetwork()
        let imported = try await importFile(net, "tors-v3.xml", ToRDocuments.v3(["om-v3"], year: "2025/2026"))
        #expect(imported.status == 0 && imported.output.contains("IMobility ToRs v3: 1 created"), "\(imported.output)")

        let getURL = try url(net, "get-url", version: "3.")
        #expect(getURL != (try url(net, "get-url", version: "2.")))
        let get = try await net.partnerSignedGET(partner: 0, url: getURL, query: [("omobility_id", "om-v3"), ("omobility_id", "om-p1")])
        #expect(get.status == 200, "\(get.bodyText)")
        #expect(try ids(get) == ["om-v3"])
        #expect(get.bodyText.contains("<receiving-academic-year-id>2025/2026</receiving-academic-year-id>"))
        #expect(net.responseProblem(get, endpointURL: getURL) == nil)
        try await expectOfficial(get, version: 3)

        let indexURL = try url(net, "index-url", version: "3.")
        let index = try await net.partnerSignedGET(partner: 0, url: indexURL)
        #expect(index.status == 200, "\(index.bodyText)")
        #expect(try ids(index) == ["om-v3"])
        try await expectOfficial(index, version: 3, .indexResponse)
        #expect(try ids(try await net.partnerSignedGET(partner: 1, url: indexURL)).isEmpty)

        let v2 = try await net.partnerSignedGET(partner: 0, url: try url(net, "get-url", version: "2."), query: [("receiving_hei_id", nodeHEI), ("omobility_id", "om-v3")])
        #expect(v2.status == 200)
        #expect(try ids(v2).isEmpty)
    }

    @Test("without a learning agreement and without --sending-hei the import exits 1, says why, and nothing is served or sent")
    func refusedWithoutSendingHEI() async throws {
        let net = try requirePartnerNetwork()
        let partner = net.partner(0)
        try await partner.reset()
        let refused = try await importFile(net, "tors-refused.xml", ToRDocuments.v2(["om-none"]), sending: nil)
        #expect(refused.status == 1, "\(refused.output)")
        #expect(refused.output.contains("rejected, nothing stored") && refused.output.contains("--sending-hei"), "\(refused.output)")
        let store = try SQLiteStore(path: net.node(0).databasePath)
        #expect(try await store.ownObjects(kind: "imobility-tor", heiID: nodeHEI, ids: ["om-none"]).isEmpty)
        #expect(try await store.queueRows(.outbox, filter: QueueFilter(limit: 1000)).allSatisfy { $0.key.objectID != "om-none" })
    }

    @Test("README: after the sending HEI's LA CNR the node holds its learning agreement, so a ToR imported without --sending-hei goes to it")
    func sendingHEIFromPulledLA() async throws {
        let net = try requirePartnerNetwork()
        let partner = net.partner(0)
        try await partner.reset()
        try await partner.setObject(api: "omobility-las", id: "om-la-1", xml: LADocuments.standaloneLA("om-la-1", sending: sendingHEI, receiving: nodeHEI, stage: .signedFirstVersion))
        let cnrURL = try #require(net.node(0).manifest(hei: nodeHEI).url(api: "omobility-la-cnr"))
        let answer = try await net.partnerSignedPOST(partner: 0, url: cnrURL, form: [("sending_hei_id", sendingHEI), ("omobility_id", "om-la-1")])
        #expect(answer.status == 200, "\(answer.bodyText)")
        _ = try await copy(net, "om-la-1", api: "omobility-las")
        // The pull registers the partner for index-sync just after storing the copy; the lookup goes through it.
        let store = try SQLiteStore(path: net.node(0).databasePath)
        let deadline = ContinuousClock.now + .seconds(10)
        while try await !store.syncStates().contains(where: { $0.api == "omobility-las" && $0.partnerHEI == sendingHEI }) {
            guard ContinuousClock.now < deadline else { throw E2EError("the LA partner was never registered for index-sync") }
            try await Task.sleep(for: .milliseconds(50))
        }

        let imported = try await importFile(net, "tors-la.xml", ToRDocuments.v2(["om-la-1"]), sending: nil)
        #expect(imported.status == 0 && imported.output.contains("created \(nodeHEI) om-la-1 (sending HEI \(sendingHEI))"), "\(imported.output)")
        try await partner.waitForLog("the ToR CNR for om-la-1") { entries in
            entries.contains { $0.path == "/imobility-tor-cnr" && $0.status == 200 && $0.values("omobility_id") == ["om-la-1"] }
        }
    }

    /// The partner's copy `id` (of its ToRs, or of `api`) once it has a document (within 20 s).
    func copy(_ net: PartnerNetwork, _ id: String, api: String = "imobility-tors") async throws -> PartnerCopy {
        let store = try SQLiteStore(path: net.node(0).databasePath)
        let deadline = ContinuousClock.now + .seconds(20)
        while true {
            if let copy = try await store.partnerCopy(api: api, localHEI: nodeHEI, partnerHEI: sendingHEI, objectID: id),
               copy.document != nil { return copy }
            guard ContinuousClock.now < deadline else { throw E2EError("no partner copy \(api)/\(id) within 20 s") }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    @Test("client side: a partner's ToR CNR makes the node pull its ToRs v2 get and store the transcript as the partner's copy")
    func pullsPartnerToRsV2() async throws {
        let net = try requirePartnerNetwork()
        let partner = net.partner(0)
        try await partner.reset()
        try await partner.setObject(api: "imobility-tors", id: "om-in-1", xml: ToRDocuments.v2Tor("om-in-1", issuer: sendingHEI))
        let cnrURL = try #require(net.node(0).manifest(hei: nodeHEI).url(api: "imobility-tor-cnr"))
        let answer = try await net.partnerSignedPOST(partner: 0, url: cnrURL, form: [("receiving_hei_id", sendingHEI), ("omobility_id", "om-in-1")])
        #expect(answer.status == 200, "\(answer.bodyText)")

        let document = try XMLReader.parse(try #require(try await copy(net, "om-in-1").document))
        #expect(document.name == "tor" && document.children.first?.text == "om-in-1")
        let pulls = try await partner.log(path: "/imobility-tors/get")
        #expect(pulls.first?.values("receiving_hei_id") == [sendingHEI] && pulls.first?.values("omobility_id") == ["om-in-1"], "\(pulls)")
    }

    @Test("client side: `ewp-node sync --api imobility-tors` lists the partner's ToRs v2 index (receiving_hei_id = the partner, sending_hei_id = us) and pulls what it holds")
    func syncsPartnerToRsV2() async throws {
        let net = try requirePartnerNetwork()
        let partner = net.partner(0)
        try await partner.reset()
        try await partner.setObject(api: "imobility-tors", id: "om-sync-1", xml: ToRDocuments.v2Tor("om-sync-1", issuer: sendingHEI))
        let result = try await runNodeCommand(net, ["sync", "--partner", sendingHEI, "--api", "imobility-tors"])
        #expect(result.status == 0, "\(result.output)")
        _ = try await copy(net, "om-sync-1")
        let index = try await partner.log(path: "/imobility-tors/index")
        #expect(index.first?.values("receiving_hei_id") == [sendingHEI] && index.first?.values("sending_hei_id") == [nodeHEI], "\(index)")
        #expect(index.allSatisfy { $0.verified })
    }
}
