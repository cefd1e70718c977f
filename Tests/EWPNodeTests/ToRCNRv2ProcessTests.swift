// IMobility ToR CNR v2 (beside ToRs v3) with real processes: the node's ToR CNRs
// reach a partner in the v2 form when it publishes ToR CNR v2 (checked by the fake partner, which
// refuses any parameter v2 does not define), else v1, else none (unsupported); a partner's v2 CNR
// is answered at once and makes the node pull that partner's ToRs v3; the manifest carries both
// entries and validates against the official XSDs, the v2 entry included.
import EWPStore
import EWPTestSupport
import EWPXML
import Foundation
import Testing

private let nodeHEI = "node.test.example"
private let newHEI = "partner-new.test.example"     // ToRs v3 + ToR CNR v2 only
private let bothHEI = "partner-both.test.example"   // both generations
private let noneHEI = "partner-none.test.example"   // no ToR CNR at all
private let common = ["iia-cnr", "iia-approval-cnr", "omobility-la-cnr", "iias", "iias-approval", "omobility-las"]
private let gh = "https://github.com/erasmus-without-paper/"
private let v2ResponseNS = gh + "ewp-specs-api-imobility-tor-cnr/tree/stable-v2"
private let v2EntryNS = gh + "ewp-specs-api-imobility-tor-cnr/blob/stable-v2/manifest-entry.xsd"

@Suite("ToR CNR v2 between real processes", .serialized,
       .partnerNetwork(partners: [PartnerSpec(hei: newHEI, apis: common + ["imobility-tor-cnr-v2", "imobility-tors-v3"]),
                                  PartnerSpec(hei: bothHEI, apis: common + ["imobility-tor-cnr", "imobility-tor-cnr-v2", "imobility-tors", "imobility-tors-v3"]),
                                  PartnerSpec(hei: noneHEI, apis: ["iias"])],
                       nodeEnvironment: fastNotificationEnvironment),
       .timeLimit(.minutes(4)))
struct ToRCNRv2ProcessTests {
    func importToRs(_ net: PartnerNetwork, _ ids: [String], sending: String) async throws {
        let path = net.directory + "/tors-\(ids[0]).xml"
        try ToRDocuments.v2(ids).write(toFile: path, atomically: true, encoding: .utf8)
        let result = try await runNodeCommand(net, ["import", "--sending-hei", sending, path])
        #expect(result.status == 0, "\(result.output)")
    }

    func outboxRow(_ net: PartnerNetwork, partner: String, id: String) async throws -> QueueRow? {
        let store = try SQLiteStore(path: net.node(0).databasePath)
        return try await store.queueRows(.outbox, filter: QueueFilter(limit: 1000)).first { $0.key.partnerHEI == partner && $0.key.objectID == id }
    }

    /// The partner's copy of its transcript `id` once it has a document (within 20 s).
    func copy(_ net: PartnerNetwork, partner: String, _ id: String) async throws -> PartnerCopy {
        let store = try SQLiteStore(path: net.node(0).databasePath)
        let deadline = ContinuousClock.now + .seconds(20)
        while true {
            if let copy = try await store.partnerCopy(api: "imobility-tors", localHEI: nodeHEI, partnerHEI: partner, objectID: id),
               copy.document != nil { return copy }
            guard ContinuousClock.now < deadline else { throw E2EError("no partner copy imobility-tors/\(id) of \(partner) within 20 s") }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    func v2URL(_ net: PartnerNetwork) throws -> String {
        try #require(net.node(0).manifest(hei: nodeHEI).url(api: "imobility-tor-cnr", namespace: v2EntryNS))
    }

    @Test("a partner publishing only ToR CNR v2 gets our ToR CNRs in the v2 form: omobility_id only, signed; the outbox rows keep their shape")
    func sendsV2Form() async throws {
        let net = try requirePartnerNetwork()
        let partner = net.partner(0)
        try await partner.reset()
        try await importToRs(net, ["om-n1", "om-n2"], sending: newHEI)

        let cnrs = try await partner.waitForLog("the v2 CNR for both mobilities") { entries in
            Set(entries.filter { $0.path == "/imobility-tor-cnr-v2" && $0.status == 200 }.flatMap { $0.values("omobility_id") }) == ["om-n1", "om-n2"]
        }.filter { $0.path == "/imobility-tor-cnr-v2" }
        #expect(cnrs.allSatisfy { $0.verified && $0.method == "POST" && $0.status == 200 && $0.callerHeis == [nodeHEI] }, "\(cnrs)")
        #expect(cnrs.allSatisfy { $0.params.allSatisfy { $0.first == "omobility_id" } }, "v2 takes omobility_id only: \(cnrs)")
        #expect(try await partner.log(path: "/imobility-tor-cnr").isEmpty)

        let deadline = ContinuousClock.now + .seconds(10)
        var row = try await outboxRow(net, partner: newHEI, id: "om-n1")
        while row?.state != .delivered, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
            row = try await outboxRow(net, partner: newHEI, id: "om-n1")
        }
        #expect(row?.state == .delivered, "\(String(describing: row))")
        #expect(row?.key.api == "imobility-tor-cnr")
    }

    @Test("a partner publishing ToR CNR v1 and v2 gets v2; a partner publishing neither: the row is unsupported, naming both versions")
    func choosesAtSendTime() async throws {
        let net = try requirePartnerNetwork()
        let both = net.partner(1)
        try await both.reset()
        try await importToRs(net, ["om-b1"], sending: bothHEI)
        try await importToRs(net, ["om-x1"], sending: noneHEI)

        let cnrs = try await both.waitForLog("the v2 CNR") { entries in
            entries.contains { $0.path == "/imobility-tor-cnr-v2" && $0.status == 200 && $0.values("omobility_id") == ["om-b1"] }
        }
        #expect(!cnrs.contains { $0.path == "/imobility-tor-cnr" }, "\(cnrs)")

        let deadline = ContinuousClock.now + .seconds(15)
        var row = try await outboxRow(net, partner: noneHEI, id: "om-x1")
        while row?.state != .unsupported, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
            row = try await outboxRow(net, partner: noneHEI, id: "om-x1")
        }
        #expect(row?.state == .unsupported, "\(String(describing: row))")
        #expect(row?.lastError?.contains("publishes no imobility-tor-cnr v2 or v1 API") == true, "\(row?.lastError ?? "-")")
    }

    @Test("a partner's v2 CNR (no receiving_hei_id) is answered 200 with the empty v2 response, signed, and the node pulls that partner's ToRs v3 get")
    func receivesV2AndPullsV3() async throws {
        let net = try requirePartnerNetwork()
        let partner = net.partner(0)
        try await partner.reset()
        try await partner.setObject(api: "imobility-tors-v3", id: "om-in-1", xml: ToRDocuments.v3Tor("om-in-1", issuer: newHEI))
        let url = try v2URL(net)
        #expect(url.hasSuffix("/hei/\(nodeHEI)/imobility-tor-cnr-v2"))
        let answer = try await net.partnerSignedPOST(partner: 0, url: url, form: [("omobility_id", "om-in-1"), ("omobility_id", "om-unknown")])
        #expect(answer.status == 200, "\(answer.bodyText)")
        #expect(net.responseProblem(answer) == nil)
        let root = try XMLReader.parse(answer.body)
        #expect(root.name == "imobility-tor-cnr-response" && root.namespace == v2ResponseNS && root.children.isEmpty)
        let official = try await OfficialToRCNRv2.validate(answer.body, .response)
        #expect(official.valid, "\(official.messages)")

        let copy = try await copy(net, partner: newHEI, "om-in-1")
        let tor = try XMLReader.parse(try #require(copy.document))
        #expect(tor.name == "tor" && tor.namespace == ToRDocuments.v3Namespace)
        let pulls = try await partner.waitForLog("the ToRs v3 pull of both ids") { entries in
            Set(entries.filter { $0.path == "/imobility-tors-v3/get" && $0.status == 200 }.flatMap { $0.values("omobility_id") }) == ["om-in-1", "om-unknown"]
        }.filter { $0.path == "/imobility-tors-v3/get" }
        #expect(pulls.allSatisfy { $0.verified && $0.callerHeis == [nodeHEI] && $0.params.allSatisfy { $0.first == "omobility_id" } }, "\(pulls)")
        let store = try SQLiteStore(path: net.node(0).databasePath)
        let unknown = try await store.partnerCopy(api: "imobility-tors", localHEI: nodeHEI, partnerHEI: newHEI, objectID: "om-unknown")
        #expect(unknown != nil && unknown?.document == nil, "an id absent from the answer is recorded as absent")
    }

    @Test("a partner of both generations: its v1 CNR pulls ToRs v3 (v2 not asked when v3 has the id); index-sync lists both generations, v3 with modified_since only")
    func bothGenerationsPullV3() async throws {
        let net = try requirePartnerNetwork()
        let partner = net.partner(1)
        try await partner.reset()
        try await partner.setObject(api: "imobility-tors-v3", id: "om-in-2", xml: ToRDocuments.v3Tor("om-in-2", issuer: bothHEI))
        try await partner.setObject(api: "imobility-tors", id: "om-in-2", xml: ToRDocuments.v2Tor("om-in-2", issuer: bothHEI))
        let v1 = try #require(net.node(0).manifest(hei: nodeHEI).url(api: "imobility-tor-cnr", versionPrefix: "1."))
        let answer = try await net.partnerSignedPOST(partner: 1, url: v1, form: [("receiving_hei_id", bothHEI), ("omobility_id", "om-in-2")])
        #expect(answer.status == 200, "\(answer.bodyText)")
        let tor = try XMLReader.parse(try #require(try await copy(net, partner: bothHEI, "om-in-2").document))
        #expect(tor.namespace == ToRDocuments.v3Namespace)
        #expect(try await partner.log(path: "/imobility-tors/get").isEmpty)

        try await partner.setObject(api: "imobility-tors-v3", id: "om-sync-3", xml: ToRDocuments.v3Tor("om-sync-3", issuer: bothHEI))
        let sync = try await runNodeCommand(net, ["sync", "--partner", bothHEI, "--api", "imobility-tors"])
        #expect(sync.status == 0, "\(sync.output)")
        _ = try await copy(net, partner: bothHEI, "om-sync-3")
        let index = try await partner.log(path: "/imobility-tors-v3/index")
        #expect(!index.isEmpty && index.allSatisfy { $0.verified && $0.status == 200 && $0.params.allSatisfy { $0.first == "modified_since" } }, "\(index)")
        // A transcript lives in one version: the v2 index is listed too, so a ToR issued as v2 is
        // neither missed nor taken for deleted.
        let v2Index = try await partner.log(path: "/imobility-tors/index")
        #expect(!v2Index.isEmpty && v2Index.allSatisfy { $0.verified && $0.status == 200 }, "\(v2Index)")
    }

    @Test("the v2 endpoint answers like the other CNR endpoints: POST only (405), omobility_id required and at most 100 (400), signed error-responses")
    func answerRules() async throws {
        let net = try requirePartnerNetwork()
        let url = try v2URL(net)
        let get = try await net.partnerSignedGET(partner: 0, url: url, query: [("omobility_id", "m")])
        #expect(get.status == 405, "\(get.bodyText)")
        let missing = try await net.partnerSignedPOST(partner: 0, url: url, form: [])
        #expect(missing.status == 400 && missing.bodyText.contains("omobility_id"), "\(missing.bodyText)")
        #expect(net.responseProblem(missing) == nil)
        let tooMany = try await net.partnerSignedPOST(partner: 0, url: url, form: (0...100).map { ("omobility_id", "m\($0)") })
        #expect(tooMany.status == 400, "\(tooMany.bodyText)")
        for exchange in [get, missing, tooMany] {
            #expect(try XMLReader.parse(exchange.body).name == "error-response")
        }
        // The partner without any ToR API is still a partner: its key covers its HEI, so its v2 CNR is taken.
        let other = try await net.partnerSignedPOST(partner: 2, url: url, form: [("omobility_id", "m-none")])
        #expect(other.status == 200, "\(other.bodyText)")
    }

    @Test("503 when the inbound queue cannot be written (the database is locked by another writer): the partner will retry, nothing is lost")
    func unavailableWhenTheQueueCannotBeWritten() async throws {
        let net = try requirePartnerNetwork()
        let url = try v2URL(net)
        // Another process holds SQLite's write lock longer than the node's busy timeout (10 s): until the
        // answer is in (a release file appears), at most 60 s, so a slow, loaded machine cannot free it early.
        let release = net.directory + "/release-lock-\(UUID().uuidString.prefix(8))"
        let script = "import os, sqlite3, sys, time\nc = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
            + "c.execute('BEGIN EXCLUSIVE')\nprint('port=1', flush=True)\nend = time.time() + 60\n"
            + "while not os.path.exists(sys.argv[2]) and time.time() < end: time.sleep(0.1)\nc.execute('ROLLBACK')\n"
        let locker = try ManagedProcess(name: "sqlite locker", executable: try absoluteExecutable(E2EPaths.python),
                                        arguments: ["-c", script, net.node(0).databasePath, release], environment: ProcessInfo.processInfo.environment,
                                        currentDirectory: net.directory, logPath: net.directory + "/logs/locker.log")
        _ = try await firstLineNumber(of: locker, timeout: .seconds(10))
        let answer = try await net.signedSend(method: "POST", url: url, body: Array("omobility_id=om-locked".utf8),
                                              contentType: "application/x-www-form-urlencoded", key: net.partner(0).clientKey,
                                              timeout: .seconds(30))
        _ = FileManager.default.createFile(atPath: release, contents: nil)
        _ = await locker.stop()
        #expect(answer.status == 503, "\(answer.bodyText)")
        #expect(try XMLReader.parse(answer.body).name == "error-response")
        let store = try SQLiteStore(path: net.node(0).databasePath)
        #expect(try await store.queueRows(.inbound, filter: QueueFilter(limit: 1000)).allSatisfy { $0.key.objectID != "om-locked" })
        // Once the lock is gone the same notification is taken.
        let retried = try await net.partnerSignedPOST(partner: 0, url: url, form: [("omobility_id", "om-locked")])
        #expect(retried.status == 200, "\(retried.bodyText)")
    }

    @Test("the node's manifest has both entries (v1 and v2, own URLs) and validates against the official XSDs, the v2 and ToRs v3 entries included")
    func manifestValidates() async throws {
        let net = try requirePartnerNetwork()
        let manifest = net.node(0).manifest(hei: nodeHEI)
        let entries = manifest.entries(api: "imobility-tor-cnr")
        #expect(entries.map(\.version) == ["1.0.0", "2.0.0"])
        #expect(entries.map { $0.values["url"] ?? "" }.map { String($0.split(separator: "/").last ?? "") } == ["imobility-tor-cnr", "imobility-tor-cnr-v2"])
        #expect(entries.last?.namespace == v2EntryNS && entries.last?.values["max-omobility-ids"] == "100")

        // The official XSDs type every URL as ewp:HTTPS; the node serves plain HTTP on the loopback here.
        let text = String(decoding: manifest.document, as: UTF8.self)
        let overTLS = Array(text.replacingOccurrences(of: "http://127.0.0.1:", with: "https://127.0.0.1:").utf8)
        let outcome = try await OfficialToRCNRv2.validate(overTLS, .manifest)
        #expect(outcome.valid, "\(outcome.messages)\n\(text)")
        // The v2 entry is really checked: without its url the manifest is refused.
        let broken = text.replacingOccurrences(of: #"<url>http://127\.0\.0\.1:\d+/hei/[^<]*/imobility-tor-cnr-v2</url>"#, with: "", options: .regularExpression)
        #expect(broken != text)
        let refused = try await OfficialToRCNRv2.validate(Array(broken.replacingOccurrences(of: "http://127.0.0.1:", with: "https://127.0.0.1:").utf8), .manifest)
        #expect(refused.skipped || (!refused.valid && refused.messages.contains("url")), "\(refused.messages)")
    }
}
