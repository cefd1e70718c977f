import EWPAPIs
import EWPHTTP
@testable import EWPNode
import EWPStore
import EWPStoreOpener
import EWPNodeTestSupport
import EWPTestSupport
import EWPXML
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Testing

/// `GET /admin/las`, `/admin/las/show`, `/admin/tors`, `/admin/tors/show` through the node's
/// responder, on a real SQLite file holding our LA (imported), a partner's LA with a guideline
/// error (as pulled), a ToR we issued and one received: JSON answers, 400 saying what to fix, 404
/// for unknown ids, and the bearer token.
@Suite("Admin API: learning agreements and transcripts of records")
struct AdminLAViewsTests {
    static let hei = LAViewsData.hei
    static let partner = LAViewsData.partner
    static let token = "test-admin-token"
    static let t0 = LAViewsData.t0

    final class Fixture: Sendable {
        let directory: String
        let runtime: NodeRuntime

        init() async throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("ewp-admin-la-\(UUID().uuidString)").path
            let configuration = try NodeConfiguration(settings: [
                "EWP_HEIS": AdminLAViewsTests.hei, "EWP_ADMIN_EMAIL": "ewp-admin@example.org", "EWP_ADMIN_TOKEN": AdminLAViewsTests.token,
                "EWP_PUBLIC_URL": "https://ewp.example.org", "EWP_KEYS_DIR": directory + "/keys",
                "EWP_DATABASE": "sqlite:" + directory + "/node.sqlite",
                "EWP_REGISTRY_URL": "http://127.0.0.1:9/catalogue-v1.xml", "EWP_MANIFEST": "/nonexistent/manifest.json",
            ])
            _ = try HostKeys.generateMissing(heiID: AdminLAViewsTests.hei, keysDirectory: configuration.keysDirectory)
            var logger = Logger(label: "test")
            logger.logLevel = .critical
            let schemas = try NodeAssembly.setUpXML()
            let store = try await StoreOpener.open(configuration.database)
            let registry = try NodeAssembly.makeRegistryClient(configuration, store: store, schemas: schemas, http: CurlClient(), logger: logger)
            runtime = NodeRuntime(configuration: configuration, hosts: try NodeAssembly.loadHosts(configuration), registry: registry, store: store, schemas: schemas, logger: logger)
            try await LAViewsData.fill(store, configuration: configuration)
        }

        deinit { try? FileManager.default.removeItem(atPath: directory) }

        /// GET `path` with the bearer token (unless `authorized` is false); the status and the JSON object.
        func get(_ path: String, authorized: Bool = true) async throws -> (status: Int, json: [String: Any]) {
            try await send(.get, path, authorized: authorized)
        }

        /// `method` `path` with `body` and the bearer token (unless `authorized` is false) through the
        /// node's responder; the status and the JSON object.
        func send(_ method: HTTPRequest.Method, _ path: String, body: [UInt8] = [], authorized: Bool = true) async throws -> (status: Int, json: [String: Any]) {
            var fields = HTTPFields()
            if authorized { fields.append(.init(name: .authorization, value: "Bearer " + AdminLAViewsTests.token)) }
            let request = Request(head: HTTPRequest(method: method, scheme: "https", authority: "ewp.example.org", path: path, headerFields: fields),
                                  body: RequestBody(buffer: ByteBuffer(bytes: body)))
            let response = await runtime.route(request)
            let collected = NodeResponderTests.Collected()
            try await response.body.write(NodeResponderTests.CollectingWriter(collected: collected))
            #expect(response.headers[.contentType] == "application/json")
            let object = try JSONSerialization.jsonObject(with: Data(collected.bytes)) as? [String: Any]
            return (Int(response.status.code), try #require(object))
        }
    }

    @Test("GET /admin/las: ours and partners' with state per party and findings; role and partner narrow it; a bad role or HEI is a 400")
    func list() async throws {
        let fixture = try await Fixture()
        let all = try await fixture.get("/admin/las")
        #expect(all.status == 200)
        let rows = try #require(all.json["las"] as? [[String: Any]])
        #expect(rows.map { $0["omobility_id"] as? String } == ["m-1", "t-1"])
        #expect(rows[0]["role"] as? String == "sending" && rows[0]["state"] as? String == "awaiting" && rows[0]["pending_proposal_id"] as? String == "p-2")
        #expect(rows[0]["proposal_rejected"] as? Bool == false && (rows[0]["warnings"] as? Int ?? 0) > 0 && rows[0]["errors"] as? Int == 0)
        #expect(rows[1]["role"] as? String == "receiving" && rows[1]["partner"] as? String == Self.partner && (rows[1]["errors"] as? Int ?? 0) >= 1)
        #expect(rows[1]["receiving_signed_first_version"] as? Bool == true && rows[1]["student"] as? String == "Chloe Student")

        let receiving = try await fixture.get("/admin/las?role=receiving&partner=\(Self.partner)")
        #expect((receiving.json["las"] as? [[String: Any]])?.map { $0["omobility_id"] as? String } == ["t-1"])
        let none = try await fixture.get("/admin/las?partner=c.example")
        #expect((none.json["las"] as? [[String: Any]])?.isEmpty == true)
        let badRole = try await fixture.get("/admin/las?role=both")
        #expect(badRole.status == 400 && (badRole.json["error"] as? String)?.contains("role must be sending") == true)
        let badHEI = try await fixture.get("/admin/las?hei=z.example")
        #expect(badHEI.status == 400 && (badHEI.json["error"] as? String)?.contains("not covered") == true)
        let unauthorized = try await fixture.get("/admin/las", authorized: false)
        #expect(unauthorized.status == 401)
    }

    @Test("GET /admin/las/show: our LA's history and findings; a partner's copy as pulled with its guideline error; 400 without an id, 404 for an unknown one")
    func show() async throws {
        let fixture = try await Fixture()
        let ours = try await fixture.get("/admin/las/show?omobility_id=m-1")
        #expect(ours.status == 200)
        let la = try #require(ours.json["la"] as? [String: Any])
        #expect(la["omobility_id"] as? String == "m-1" && la["start"] as? String == "2026-09-01" && (la["document"] as? String)?.contains("p-2") == true)
        let history = try #require(ours.json["history"] as? [[String: Any]])
        #expect(history.count == 1 && history[0]["event"] as? String == "imported" && history[0]["changes_proposal_id"] as? String == "p-2")
        #expect(((ours.json["findings"] as? [[String: Any]]) ?? []).contains { $0["rule"] as? String == "LA-CREDITS-A-B" && $0["severity"] as? String == "warning" })

        let theirs = try await fixture.get("/admin/las/show?omobility_id=t-1&sending_hei=\(Self.partner)&hei=\(Self.hei)")
        #expect(theirs.status == 200)
        let findings = try #require(theirs.json["findings"] as? [[String: Any]])
        #expect(findings.contains { $0["rule"] as? String == "LA-PROVISIONS-URL" && $0["severity"] as? String == "error" && ($0["message"] as? String)?.isEmpty == false })
        #expect(theirs.json["findings_as_of"] as? String == "2026-05-10T00:00:00Z")
        #expect((theirs.json["history"] as? [[String: Any]])?.first?["event"] as? String == "pulled")

        let missing = try await fixture.get("/admin/las/show")
        #expect(missing.status == 400 && (missing.json["error"] as? String)?.contains("omobility_id=") == true)
        let unknown = try await fixture.get("/admin/las/show?omobility_id=nope")
        #expect(unknown.status == 404 && (unknown.json["error"] as? String)?.contains("/admin/sync") == true)
        let wrongSender = try await fixture.get("/admin/las/show?omobility_id=t-1&sending_hei=c.example")
        #expect(wrongSender.status == 404)
    }

    @Test("GET /admin/tors and /admin/tors/show: received and issued, the ELMO document; 400 without partner and id, 404 for an unknown one")
    func tors() async throws {
        let fixture = try await Fixture()
        let list = try await fixture.get("/admin/tors")
        #expect(list.status == 200)
        let rows = try #require(list.json["tors"] as? [[String: Any]])
        #expect(rows.map { "\($0["direction"] as? String ?? "") \($0["omobility_id"] as? String ?? "")" } == ["received our-1", "issued om-1"])
        #expect(rows.allSatisfy { $0["partner"] as? String == Self.partner && $0["document"] == nil })

        let shown = try await fixture.get("/admin/tors/show?partner=\(Self.partner)&omobility_id=our-1")
        #expect(shown.status == 200)
        let tors = try #require(shown.json["tors"] as? [[String: Any]])
        #expect(tors.count == 1 && tors[0]["direction"] as? String == "received")
        #expect((tors[0]["document"] as? String)?.contains("elmo") == true)

        let missing = try await fixture.get("/admin/tors/show?omobility_id=our-1")
        #expect(missing.status == 400 && (missing.json["error"] as? String)?.contains("partner=") == true)
        let unknown = try await fixture.get("/admin/tors/show?partner=\(Self.partner)&omobility_id=nope")
        #expect(unknown.status == 404)
    }

    @Test("HEI ids in the query are SCHAC ids: ?hei=, ?partner= and ?sending_hei= spelled in capitals find what the configured spelling finds")
    func heiIDsInAnyCase() async throws {
        let fixture = try await Fixture()
        let hei = Self.hei.uppercased(), partner = Self.partner.uppercased()
        let las = try await fixture.get("/admin/las?hei=\(hei)&partner=\(partner)")
        #expect(las.status == 200, "\(las.json)")
        let rows = try #require(las.json["las"] as? [[String: Any]])
        #expect(rows.map { $0["omobility_id"] as? String } == ["m-1", "t-1"])
        #expect(rows.allSatisfy { $0["hei"] as? String == Self.hei }, "rows name our HEI as configured")

        let shown = try await fixture.get("/admin/las/show?omobility_id=t-1&sending_hei=\(partner)&hei=\(hei)")
        let la = shown.json["la"] as? [String: Any]
        #expect(shown.status == 200 && la?["omobility_id"] as? String == "t-1" && la?["role"] as? String == "receiving")

        let tors = try await fixture.get("/admin/tors/show?partner=\(partner)&omobility_id=om-1&hei=\(hei)")
        let issued = try #require(tors.json["tors"] as? [[String: Any]])
        #expect(tors.status == 200 && issued.map { $0["direction"] as? String } == ["issued"], "\(tors.json)")

        let iias = try await fixture.get("/admin/iias?hei=\(hei)")
        #expect(iias.status == 200, "\(iias.json)")
        let unknown = try await fixture.get("/admin/las?hei=c.example")
        #expect(unknown.status == 400)
    }
}
