import EWPAPIs
import EWPHTTP
import EWPRegistry
import EWPStore
import EWPStoreOpener
import EWPTestSupport
import EWPXML
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Testing
@testable import EWPNode

/// The responder in process, without a catalogue: routing, methods, manifests of a node covering
/// two HEIs (each its own EWP host), health and metrics. Signed traffic is proven end to end with
/// real processes in EndToEnd tests.
@Suite("Node responder (routing, manifests per HEI, health, metrics)")
struct NodeResponderTests {
    final class Fixture: Sendable {
        let directory: String
        let runtime: NodeRuntime

        init(heis: [String] = ["uw.edu.pl", "uma.es"], adminToken: String? = nil) async throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("ewp-node-\(UUID().uuidString)").path
            var settings = [
                "EWP_HEIS": heis.joined(separator: ","),
                "EWP_ADMIN_EMAIL": "ewp-admin@example.org",
                "EWP_PUBLIC_URL": "https://ewp.example.org",
                "EWP_KEYS_DIR": directory + "/keys",
                "EWP_DATABASE": "sqlite:" + directory + "/node.sqlite",
                // A closed port: the registry is unreachable, as in an outage at start.
                "EWP_REGISTRY_URL": "http://127.0.0.1:9/catalogue-v1.xml",
                "EWP_MANIFEST": "/nonexistent/manifest.json",
            ]
            settings["EWP_ADMIN_TOKEN"] = adminToken
            let configuration = try NodeConfiguration(settings: settings)
            for hei in heis { _ = try HostKeys.generateMissing(heiID: hei, keysDirectory: configuration.keysDirectory) }
            var logger = Logger(label: "test")
            logger.logLevel = .critical
            let schemas = try NodeAssembly.setUpXML()
            let store = try await StoreOpener.open(configuration.database)
            let registry = try NodeAssembly.makeRegistryClient(configuration, store: store, schemas: schemas, http: CurlClient(), logger: logger)
            runtime = NodeRuntime(configuration: configuration, hosts: try NodeAssembly.loadHosts(configuration),
                                  registry: registry, store: store, schemas: schemas, logger: logger)
        }

        deinit { try? FileManager.default.removeItem(atPath: directory) }

        func send(_ method: HTTPRequest.Method, _ path: String, body: String = "", headers: [(String, String)] = []) async -> (status: Int, headers: HTTPFields, body: [UInt8]) {
            var fields = HTTPFields()
            for (name, value) in headers { fields.append(name, value) }
            let request = Request(head: HTTPRequest(method: method, scheme: "https", authority: "ewp.example.org", path: path, headerFields: fields),
                                  body: RequestBody(buffer: ByteBuffer(string: body)))
            let response = await runtime.route(request)
            let collected = Collected()
            try? await response.body.write(CollectingWriter(collected: collected))
            return (Int(response.status.code), response.headers, collected.bytes)
        }
    }

    final class Collected {
        var bytes = [UInt8]()
    }

    struct CollectingWriter: ResponseBodyWriter {
        let collected: Collected
        mutating func write(_ buffer: ByteBuffer) async throws { collected.bytes += Array(buffer.readableBytesView) }
        consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
    }

    static func developerMessage(_ body: [UInt8]) throws -> String {
        let root = try XMLReader.parse(body)
        #expect(root.name == "error-response")
        return try #require(root.element("developer-message", namespace: EWPNamespace.commonTypes)).text
    }

    @Test func eachCoveredHEIIsItsOwnHostWithItsOwnKeys() async throws {
        let fixture = try await Fixture()
        let uw = await fixture.send(.get, "/hei/uw.edu.pl/manifest.xml")
        let uma = await fixture.send(.get, "/hei/uma.es/manifest.xml")
        #expect(uw.status == 200 && uma.status == 200)
        #expect(uw.headers[.contentType] == "application/xml; charset=utf-8")
        let uwRoot = try XMLReader.parse(uw.body)
        let umaRoot = try XMLReader.parse(uma.body)
        let mf = EWPNamespace.discoveryManifest
        func heiIDs(_ root: XElement) -> [String?] {
            root.element("host", namespace: mf)?.element("institutions-covered", namespace: mf)?
                .elements("hei", namespace: EWPNamespace.registry).map { $0.attribute("id") } ?? []
        }
        func key(_ root: XElement, _ kind: String) -> String? {
            root.element("host", namespace: mf)?.element(kind, namespace: mf)?.element("rsa-public-key", namespace: mf)?.text
        }
        #expect(heiIDs(uwRoot) == ["uw.edu.pl"])
        #expect(heiIDs(umaRoot) == ["uma.es"])
        #expect(key(uwRoot, "client-credentials-in-use") != key(umaRoot, "client-credentials-in-use"))
        #expect(key(uwRoot, "server-credentials-in-use") != key(umaRoot, "server-credentials-in-use"))
        #expect(String(decoding: uw.body, as: UTF8.self).contains("https://ewp.example.org/hei/uw.edu.pl/echo"))

        let outcome = try await OfficialSchemas.validate(uw.body, against: OfficialSchemas.manifestWrapper)
        #expect(outcome.valid, "\(outcome.messages)")
    }

    @Test func rootManifestOnlyForASingleHEI() async throws {
        let several = try await Fixture()
        let response = await several.send(.get, "/manifest.xml")
        #expect(response.status == 404)
        #expect(try Self.developerMessage(response.body).contains("/hei/<hei-id>/manifest.xml"))

        let one = try await Fixture(heis: ["uw.edu.pl"])
        let single = await one.send(.get, "/manifest.xml")
        #expect(single.status == 200)
        #expect(single.body == one.runtime.hosts[0].manifestDocument)
    }

    @Test(arguments: [HTTPRequest.Method.put, .delete, .head, .options, .patch])
    func otherMethodsGet405WithAnErrorResponse(method: HTTPRequest.Method) async throws {
        let fixture = try await Fixture(heis: ["uw.edu.pl"])
        for path in ["/hei/uw.edu.pl/echo", "/hei/uw.edu.pl/manifest.xml", "/manifest.xml"] {
            let response = await fixture.send(method, path)
            #expect(response.status == 405, "\(method) \(path)")
            #expect(response.headers[.allow] != nil)
            let outcome = try await OfficialSchemas.validate(response.body, against: OfficialSchemas.commonTypes)
            #expect(outcome.valid, "\(outcome.messages)")
        }
    }

    @Test func unknownPathsAndHEIsSayWhereToLook() async throws {
        let fixture = try await Fixture(heis: ["uw.edu.pl"])
        let unknownHEI = await fixture.send(.get, "/hei/nowhere.edu/echo")
        #expect(unknownHEI.status == 404)
        #expect(try Self.developerMessage(unknownHEI.body).contains("nowhere.edu"))
        let unknownPath = await fixture.send(.get, "/iias")
        #expect(unknownPath.status == 404)
        #expect(try Self.developerMessage(unknownPath.body).contains("https://ewp.example.org/hei/uw.edu.pl/manifest.xml"))
    }

    @Test func withoutACatalogueEWPCallsAreUnavailableNotCrashes() async throws {
        let fixture = try await Fixture(heis: ["uw.edu.pl"])
        let response = await fixture.send(.post, "/hei/uw.edu.pl/echo", body: "echo=a",
                                          headers: [("Content-Type", "application/x-www-form-urlencoded"), ("X-Request-Id", "0b1f2e3d-4c5b-4a69-8877-665544332211")])
        #expect(response.status == 503)
        #expect(response.headers[HTTPField.Name("X-Request-Id")!] == "0b1f2e3d-4c5b-4a69-8877-665544332211")
        _ = try Self.developerMessage(response.body)
    }

    @Test func healthLiveReadyAndMetrics() async throws {
        let fixture = try await Fixture(heis: ["uw.edu.pl"])
        let live = await fixture.send(.get, "/health/live")
        #expect(live.status == 200)

        let ready = await fixture.send(.get, "/health/ready")
        #expect(ready.status == 503)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(ready.body)) as? [String: Any])
        #expect(json["status"] as? String == "not-ready")
        let checks = try #require(json["checks"] as? [String: [String: Any]])
        #expect(checks["database"]?["ok"] as? Bool == true)
        #expect(checks["registry"]?["ok"] as? Bool == false)
        #expect(checks["registry"]?["catalogue_age_seconds"] is NSNull)
        #expect(checks["own_keys_in_catalogue"]?["ok"] as? Bool == false)
        #expect(checks["clock"]?["ok"] as? Bool == true)

        _ = await fixture.send(.put, "/hei/uw.edu.pl/echo")
        let metrics = await fixture.send(.get, "/metrics")
        #expect(metrics.status == 200)
        let text = String(decoding: metrics.body, as: UTF8.self)
        #expect(text.contains(#"ewp_requests_total{api="echo",status="405"} 1"#))
        #expect(text.contains("ewp_registry_catalogue_age_seconds -1"))
    }
}
