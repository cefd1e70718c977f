// Smoke tests of the partner network harness (Tests/EWPNodeTests/Support/PartnerNetwork*.swift and
// Scripts/fake_partner.py): one real node and one fake partner on 127.0.0.1.
import EWPClient
import EWPCrypto
import EWPHTTP
import EWPTestSupport
import EWPXML
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

private let partnerHEI = "partner-a.test.example"

@Suite("Partner network (real node, fake partner, registry on 127.0.0.1)", .serialized,
       .partnerNetwork(partners: [PartnerSpec(hei: partnerHEI)]), .timeLimit(.minutes(2)))
struct PartnerNetworkSmokeTests {
    static let iiasGetNS = "https://github.com/erasmus-without-paper/ewp-specs-api-iias/blob/stable-v7/endpoints/get-response.xsd"
    static let iiasIndexNS = "https://github.com/erasmus-without-paper/ewp-specs-api-iias/blob/stable-v7/endpoints/index-response.xsd"
    static let iiaCNRNS = "https://github.com/erasmus-without-paper/ewp-specs-api-iia-cnr/tree/stable-v3"

    @Test("the node is ready, on its own SQLite database")
    func nodeReady() async throws {
        let net = try requirePartnerNetwork()
        let node = net.node(0)
        let r = try await net.http.send(OutboundRequest(url: node.baseURL + "/health/ready", timeout: .seconds(10)))
        #expect(r.status == 200, "\(String(decoding: r.body, as: UTF8.self))\n\(node.logTail())")
        #expect(FileManager.default.fileExists(atPath: node.databasePath), "no database at \(node.databasePath)")
        #expect(node.databasePath.hasPrefix(net.directory))
    }

    @Test("the partner's manifest declares every API with httpsig and validates against the official Discovery v6 XSD")
    func partnerManifestValidates() async throws {
        let net = try requirePartnerNetwork()
        let partner = net.partner(0)
        let manifest = try partner.manifest()
        let entries = try HostManifest(manifest)
        let expected = ["discovery": "6.", "iia-cnr": "3.", "iia-approval-cnr": "2.", "omobility-la-cnr": "1.", "imobility-tor-cnr": "1.",
                        "iias": "7.", "iias-approval": "2.", "omobility-las": "1.", "imobility-tors": "2."]
        #expect(Set(entries.entries.map(\.name)) == Set(expected.keys))
        for (api, version) in expected {
            #expect(entries.entries(api: api, versionPrefix: version).count == 1, "\(api) v\(version)x missing")
        }
        #expect(entries.url(api: "iias", element: "get-url") == partner.url("/iias/get"))
        #expect(entries.entries(api: "iias").first?.values["max-iia-ids"] == "3")

        // The official XSD types every URL as ewp:HTTPS; the fake partner serves plain HTTP on the
        // loopback (as the node does in these tests), so the scheme is the one thing swapped here.
        let base = "http://127.0.0.1:\(partner.port)/"
        let text = String(decoding: manifest, as: UTF8.self)
        #expect(text.components(separatedBy: base).count - 1 == 13, "every URL of the manifest is on the partner: \(text)")
        let asServedOverTLS = Array(text.replacingOccurrences(of: base, with: "https://127.0.0.1:\(partner.port)/").utf8)
        let outcome = try await OfficialSchemas.validate(asServedOverTLS, against: try OfficialSchema.discoveryWrapper(in: net.directory))
        #expect(outcome.valid, "\(outcome.messages)\n\(text)")
        let plain = try await OfficialSchemas.validate(manifest, against: try OfficialSchema.discoveryWrapper(in: net.directory))
        #expect(plain.skipped || (!plain.valid && plain.messages.contains("https://.+")), "the XSD check must see the URLs: \(plain.messages)")
    }

    @Test("a partner-signed POST to the node's Echo URL (from its manifest) answers 200 with the echo, signed")
    func partnerSignedEcho() async throws {
        let net = try requirePartnerNetwork()
        let echoURL = try #require(net.node(0).manifest().url(api: "echo", versionPrefix: "2."))
        #expect(echoURL.hasPrefix(net.node(0).baseURL))
        let exchange = try await net.partnerSignedPOST(partner: 0, url: echoURL, form: [("echo", "a"), ("echo", "b")])
        #expect(exchange.status == 200, "\(exchange.bodyText)\n\(net.node(0).logTail())")
        #expect(echoContent(exchange.body) == EchoContent(heiIds: [partnerHEI], echoes: ["a", "b"]), "\(exchange.bodyText)")
        #expect(net.responseProblem(exchange) == nil)

        let get = try await net.partnerSignedGET(partner: 0, url: echoURL, query: [("echo", "c")])
        #expect(get.status == 200 && echoContent(get.body)?.echoes == ["c"], "\(get.bodyText)")
    }

    @Test("a request signed with a key the catalogue does not list is refused by the node and by the partner")
    func unknownKeyRefused() async throws {
        let net = try requirePartnerNetwork()
        let stranger = try RSAPrivateKey.generate()
        let echoURL = try #require(net.node(0).manifest().url(api: "echo"))
        let atNode = try await net.signedSend(method: "POST", url: echoURL, body: Array("echo=x".utf8),
                                              contentType: "application/x-www-form-urlencoded", key: stranger)
        #expect(atNode.status == 403, "\(atNode.bodyText)")
        #expect(atNode.bodyText.contains("error-response"))

        let partner = net.partner(0)
        try await partner.reset(onlyLog: true)
        let atPartner = try await net.signedSend(method: "POST", url: partner.url("/iia-cnr"), body: Array("iia_id=1".utf8),
                                                 contentType: "application/x-www-form-urlencoded", key: stranger)
        #expect(atPartner.status == 403, "\(atPartner.bodyText)")
        let entry = try #require(try await partner.log().last)
        #expect(!entry.verified && entry.keyId == stranger.publicKey.fingerprint && entry.status == 403)
        #expect(entry.reason?.contains("not a client key") == true, "\(entry)")
    }

    @Test("EWPClient with the node's client key: the partner verifies the GET, and its signed answer verifies")
    func signedGetToPartner() async throws {
        let net = try requirePartnerNetwork()
        let partner = net.partner(0)
        try await partner.reset()
        let old = Date(timeIntervalSinceNow: -3600)
        try await partner.setObject(api: "iias", id: "iia-1", xml: "<iia><partner><hei-id>\(partnerHEI)</hei-id><iia-id>iia-1</iia-id></partner></iia>", modified: old)
        try await partner.setObject(api: "iias", id: "iia-2", xml: "<iia><partner><hei-id>\(partnerHEI)</hei-id><iia-id>iia-2</iia-id></partner></iia>")
        let manifest = try HostManifest(try partner.manifest())
        let getURL = try #require(manifest.url(api: "iias", element: "get-url"))
        let indexURL = try #require(manifest.url(api: "iias", element: "index-url"))
        let client = try net.nodeClient()

        let got = try await client.get(getURL, parameters: [("iia_id", "iia-1"), ("iia_id", "unknown")], keys: net.catalogueKeys)
        let root = try #require(got.root)
        #expect(root.name == "iias-get-response" && root.namespace == Self.iiasGetNS)
        #expect(root.elements("iia", namespace: Self.iiasGetNS).count == 1, "the unknown id is left out: \(String(decoding: got.body, as: UTF8.self))")

        let since = ISO8601DateFormatter().string(from: Date(timeIntervalSinceNow: -60))
        let index = try await client.postForm(indexURL, parameters: [("modified_since", since)], keys: net.catalogueKeys)
        #expect(index.root?.namespace == Self.iiasIndexNS)
        #expect(index.root?.elements("iia-id", namespace: Self.iiasIndexNS).map(\.text) == ["iia-2"])
        let indexSchema = try await OfficialSchemas.validate(index.body, against: RepositoryPaths.spec("ewp-specs-api-iias/endpoints/index-response.xsd"))
        #expect(indexSchema.valid, "\(indexSchema.messages)")

        let log = try await partner.log()
        #expect(log.map(\.path) == ["/iias/get", "/iias/index"])
        for entry in log {
            #expect(entry.verified && entry.status == 200, "\(entry)")
            #expect(entry.callerHeis == net.heis, "\(entry)")
        }
        #expect(log.first?.values("iia_id") == ["iia-1", "unknown"])
        #expect(log.last?.values("modified_since") == [since])
    }

    @Test("script 500, 500: two signed 500s, then 200; the log shows them; hang fails the call, close is resent signed anew")
    func scriptedFailures() async throws {
        let net = try requirePartnerNetwork()
        let partner = net.partner(0)
        try await partner.reset()
        let cnrURL = try #require(try HostManifest(try partner.manifest()).url(api: "iia-cnr"))
        let client = try net.nodeClient(timeout: .seconds(2))
        try await partner.script(path: "/iia-cnr", responses: ["500", "500"])
        var statuses: [Int?] = []
        for _ in 0..<3 {
            do {
                let r = try await client.postForm(cnrURL, parameters: [("iia_id", "iia-1")], keys: net.catalogueKeys)
                #expect(r.root?.name == "iia-cnr-response" && r.root?.namespace == Self.iiaCNRNS)
                statuses.append(r.status)
            } catch let error as EWPClientError {
                // httpStatus only after the signed error-response verified.
                if case .httpStatus = error {} else { Issue.record("expected a verified 500: \(error)") }
                statuses.append(error.status)
            }
        }
        #expect(statuses == [500, 500, 200])
        let log = try await partner.log(path: "/iia-cnr")
        #expect(log.map(\.status) == [500, 500, 200])
        #expect(log.map(\.action) == ["500", "500", nil])
        #expect(log.allSatisfy { $0.verified && $0.values("iia_id") == ["iia-1"] })

        try await partner.script(path: "/iia-cnr", responses: ["hang", "close"])
        await #expect(throws: EWPClientError.self, "hang must fail the call") {
            _ = try await client.postForm(cnrURL, parameters: [("iia_id", "iia-1")], keys: net.catalogueKeys)
        }
        // A dropped connection: the client sends again at once, signed anew.
        let started = ContinuousClock.now
        let resent = try await client.postForm(cnrURL, parameters: [("iia_id", "iia-1")], keys: net.catalogueKeys)
        #expect(resent.status == 200)
        #expect(ContinuousClock.now - started < .seconds(2), "close answers at once")
        let afterClose = try await partner.log(path: "/iia-cnr").suffix(2)
        #expect(afterClose.map(\.action) == ["close", nil] && Set(afterClose.compactMap(\.requestId)).count == 2, "\(afterClose)")
        let after = try await client.postForm(cnrURL, parameters: [("iia_id", "iia-1")], keys: net.catalogueKeys)
        #expect(after.status == 200)
        let cnrSchema = try await OfficialSchemas.validate(after.body, against: RepositoryPaths.spec("ewp-specs-api-iia-cnr/response.xsd"))
        #expect(cnrSchema.valid, "\(cnrSchema.messages)")
        #expect(try await partner.log(path: "/iia-cnr").suffix(4).map(\.action) == ["hang", "close", nil, nil])
    }

    @Test("kill -9 and restartNode: the node comes back ready on the same database")
    func killAndRestart() async throws {
        let net = try requirePartnerNetwork()
        let node = net.node(0)
        let database = node.databasePath
        let before = try #require(try FileManager.default.attributesOfItem(atPath: database)[.systemFileNumber] as? Int)
        let killed = node.process
        await killed.stop(signal: SIGKILL)
        #expect(killed.exitStatus == 128 + SIGKILL)
        await #expect(throws: (any Error).self) {
            _ = try await net.http.send(OutboundRequest(url: node.baseURL + "/health/live", timeout: .seconds(2)))
        }

        try await net.restartNode(0)
        #expect(node.process !== killed && node.process.isRunning)
        let after = try #require(try FileManager.default.attributesOfItem(atPath: database)[.systemFileNumber] as? Int)
        #expect(after == before, "the restarted node must use the same database file")
        let echoURL = try #require(node.manifest().url(api: "echo"))
        let exchange = try await net.partnerSignedPOST(partner: 0, url: echoURL, form: [("echo", "again")])
        #expect(exchange.status == 200 && echoContent(exchange.body)?.echoes == ["again"], "\(exchange.bodyText)\n\(node.logTail())")
    }
}

@Suite("Partner network with two node replicas covering two HEIs")
struct PartnerNetworkReplicaTests {
    @Test("two nodes on one database, each HEI in the catalogue once, each node answering partners")
    func twoReplicas() async throws {
        let heis = ["node-a.test.example", "node-b.test.example"]
        try await PartnerNetwork.run(partners: [PartnerSpec(hei: partnerHEI, apis: ["iia-cnr"])], nodes: 2, heis: heis) { net in
            #expect(net.node(0).databasePath == net.node(1).databasePath)
            #expect(net.node(0).port != net.node(1).port)
            let catalogue = String(decoding: net.catalogue, as: UTF8.self)
            for hei in heis {
                #expect(catalogue.components(separatedBy: "<hei-id>\(hei)</hei-id>").count == 2, "\(hei) on one host only")
                #expect(catalogue.contains(net.node(0).baseURL + "/hei/\(hei)/echo"))
            }
            #expect(!catalogue.contains(net.node(1).baseURL), "the catalogue lists node 0's URLs only")

            for node in net.nodes {
                let echoURL = try #require(node.manifest(hei: heis[1]).url(api: "echo"))
                #expect(echoURL == node.baseURL + "/hei/\(heis[1])/echo")
                let exchange = try await net.partnerSignedPOST(partner: 0, url: echoURL, form: [("echo", "n\(node.index)")])
                #expect(exchange.status == 200 && echoContent(exchange.body)?.heiIds == [partnerHEI], "\(exchange.bodyText)")
                #expect((net.responseProblem(exchange) == nil) == (node.index == 0), "only node 0's URLs are in the catalogue")
            }

            // Each covered HEI calls the partner with its own key; the partner names the caller.
            let partner = net.partner(0)
            let cnrURL = try #require(try HostManifest(try partner.manifest()).url(api: "iia-cnr"))
            #expect(try HostManifest(try partner.manifest()).url(api: "iias", element: "get-url") == nil, "only the APIs asked for")
            for hei in heis {
                _ = try await net.nodeClient(hei: hei).postForm(cnrURL, parameters: [("iia_id", hei)], keys: net.catalogueKeys)
            }
            let log = try await partner.waitForLog { $0.count == 2 }
            #expect(log.map(\.callerHeis) == heis.map { [$0] })
            #expect(log.map { $0.values("iia_id") } == heis.map { [$0] })
        }
    }
}
