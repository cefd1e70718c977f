import EWPAPIs
import EWPCore
import EWPNotifications
import EWPStore
import EWPXML
import Foundation
import Logging
import Testing

/// The served APIs' list and their handlers, called as the router calls them (no server): an
/// authenticated call in, an answer or a refusal out.
@Suite("Served APIs: the list and the handlers")
struct ServedAPIsTests {
    static let served = "us.example"

    struct Fixture {
        let directory: URL
        let store: SQLiteStore
        let services: APIServices

        init() throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("ewp-served-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let store = try SQLiteStore(path: directory.appendingPathComponent("node.sqlite").path)
            self.store = store
            var logger = Logger(label: "test")
            logger.logLevel = .critical
            let institution = Institution(heiID: ServedAPIsTests.served, names: [LocalizedText(lang: "en", value: "Us")])
            let units = [OrganizationalUnit(id: "u1", code: "U1", names: [LocalizedText(value: "Unit")])]
            services = APIServices(
                store: store, now: { Date(timeIntervalSince1970: 1_800_000_000) }, logger: logger, notifications: NotificationSettings(),
                coveredHEIs: [ServedAPIsTests.served],
                limits: ManifestLimits(institutionsHEIIDs: 2, factsheetHEIIDs: 2, ounitIDs: 2, ounitCodes: 2),
                institutions: InstitutionSource(coveredHEIs: [ServedAPIsTests.served],
                                                configured: { _ in .init(institution: institution, factsheet: nil, ounits: units) },
                                                store: store, catalogue: { nil }, logger: logger))
        }

        func call(_ path: String, _ pairs: [(String, String)], requesters: [HEIID] = ["partner.example"]) async throws(APIRequestError) -> XElement {
            guard let (api, endpoint) = ServedAPIList.byPath[path] else { throw APIRequestError(status: 404, "no endpoint \(path)") }
            return try await api.handle(APICall(servedHEI: HEIID(ServedAPIsTests.served), requesterHEIs: requesters, endpoint: endpoint,
                                                parameters: RequestParameters(pairs), body: []), services)
        }

        /// The status a call is refused with; nil when it is answered.
        func refusal(_ path: String, _ pairs: [(String, String)]) async -> Int? {
            do throws(APIRequestError) {
                _ = try await call(path, pairs)
                return nil
            } catch {
                return error.status.code
            }
        }

        func inbound() async throws -> [NotificationKey] {
            try await store.queueRows(.inbound, filter: QueueFilter()).map(\.key).sorted { ($0.api, $0.objectID) < ($1.api, $1.objectID) }
        }
    }

    @Test("Every endpoint path and label is unique; body endpoints take POST only; the manifest has one entry per API")
    func list() {
        let endpoints = ServedAPIList.all.flatMap(\.endpoints)
        #expect(ServedAPIList.byPath.count == endpoints.count)
        #expect(Set(endpoints.map(\.label)).count == endpoints.count)
        #expect(!endpoints.contains { $0.path == "manifest.xml" || $0.path.isEmpty || $0.path.hasPrefix("/") })
        #expect(endpoints.allSatisfy { !$0.methods.isEmpty })
        #expect(endpoints.filter { $0.input == .body }.allSatisfy { $0.methods == [.post] })
        #expect(endpoints.filter { $0.input == .body }.map(\.path) == ["omobility-las/update"])
        let urls = EndpointURLs(base: "https://node.example/hei/us.example")
        let limits = ManifestLimits(institutionsHEIIDs: 1, factsheetHEIIDs: 1, ounitIDs: 1, ounitCodes: 1)
        let entries = ServedAPIList.all.map { $0.manifestEntry(urls, limits) }
        #expect(entries.count == ServedAPIList.all.count)
        // Every endpoint's URL is named in its API's manifest entry (the path is written once).
        for (api, entry) in zip(ServedAPIList.all, entries) {
            let texts = entry.children.map(\.text)
            for endpoint in api.endpoints { #expect(texts.contains(urls(endpoint)), "\(endpoint.path) missing from its manifest entry") }
        }
    }

    @Test("Every CNR endpoint queues under the key of a CNR API the engine knows, for the served HEI, and answers that API's element")
    func cnrEndpointsQueue() async throws {
        let fixture = try Fixture()
        defer { try? FileManager.default.removeItem(at: fixture.directory) }
        let calls: [(String, [(String, String)], String)] = [
            ("iia-cnr", [("iia_id", "i1")], "iia-cnr-response"),
            ("iia-approval-cnr", [("iia_id", "i2")], "iia-approval-cnr-response"),
            ("omobility-la-cnr", [("sending_hei_id", "partner.example"), ("omobility_id", "m1")], "omobility-la-cnr-response"),
            ("imobility-tor-cnr", [("receiving_hei_id", "partner.example"), ("omobility_id", "t1")], "imobility-tor-cnr-response"),
            ("imobility-tor-cnr-v2", [("omobility_id", "t2")], "imobility-tor-cnr-response"),
        ]
        for (path, pairs, element) in calls {
            #expect(try await fixture.call(path, pairs).name == element)
        }
        let keys = try await fixture.inbound()
        #expect(keys.map { "\($0.api) \($0.objectID)" } == ["iia-approval-cnr i2", "iia-cnr i1", "imobility-tor-cnr t1", "imobility-tor-cnr t2",
                                                            "omobility-la-cnr m1"])
        #expect(keys.allSatisfy { $0.localHEI == Self.served && $0.partnerHEI == "partner.example" })
        #expect(keys.allSatisfy { NotificationAPI(rawValue: $0.api).flatMap { CNRAPIList.all[$0] } != nil })
    }

    @Test("A handler's refusal comes out as it is (the router maps it): 400 for a bad CNR, 403 for LA stats")
    func refusals() async throws {
        let fixture = try Fixture()
        defer { try? FileManager.default.removeItem(at: fixture.directory) }
        #expect(await fixture.refusal("iia-cnr", []) == 400)
        #expect(await fixture.refusal("omobility-las/stats", []) == 403)
        #expect(try await fixture.inbound().isEmpty)
    }

    @Test("Echo, Institutions, OUnits, Factsheet and IIAs Approval answer from the services")
    func answers() async throws {
        let fixture = try Fixture()
        defer { try? FileManager.default.removeItem(at: fixture.directory) }
        let echo = try await fixture.call("echo", [("echo", "a")])
        #expect(echo.children.map(\.text) == ["partner.example", "a"])
        let institutions = try await fixture.call("institutions", [("hei_id", "unknown.example"), ("hei_id", Self.served)])
        #expect(institutions.children.count == 1)
        #expect(await fixture.refusal("institutions", [("hei_id", "a"), ("hei_id", "b"), ("hei_id", "c")]) == 400)
        #expect(try await fixture.call("ounits", [("hei_id", Self.served), ("ounit_id", "u1")]).children.count == 1)
        #expect(try await fixture.call("factsheet", [("hei_id", Self.served)]).children.isEmpty)

        let approval = IIAApprovals.object(localHEI: Self.served, partnerHEI: "partner.example",
                                           approval: IIAsApprovalAPI.Approval(iiaID: "their-1", iiaHash: "ab"), now: Date(timeIntervalSince1970: 0))
        try await fixture.store.commit(ChangeSet(upserts: [approval], notificationsExpireAt: Date(timeIntervalSince1970: 3600)), now: Date(timeIntervalSince1970: 0))
        let approvals = try await fixture.call("iias-approval", [("iia_id", "their-1"), ("iia_id", "other")])
        #expect(approvals.children.count == 1)
        #expect(try await fixture.call("iias-approval", [("iia_id", "their-1")], requesters: ["someone-else.example"]).children.isEmpty)
    }
}
