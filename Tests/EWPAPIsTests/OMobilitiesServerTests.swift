import EWPAPIs
import EWPCore
import EWPStore
import EWPTestSupport
import EWPXML
import Foundation
import Testing

/// Outgoing Mobilities v2 `get` and `index` over a real SQLite store (ewp-specs-api-omobilities,
/// endpoints/get.md and endpoints/index.md): parameters, the receiving-HEI-only access rule and
/// the filters, answers checked against the official XSDs.
@Suite("Outgoing Mobilities v2: get and index over the store")
struct OMobilitiesServerTests {
    static let hei = "node.test.example"
    static let receiving = "receiving.example"
    static let other = "other.example"
    static let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    static func object(_ id: String, receiving: String = receiving, year: String = "2026/2027", at offset: TimeInterval = 0) throws -> OwnObject {
        let xml = MobilityDocuments.getResponse([MobilityDocuments.mobility(id, sending: hei, receiving: receiving, year: year)])
        let element = try #require(try XMLReader.parse(Array(xml.utf8)).children.first)
        return OwnOMobilityStorage.object(try OutgoingMobility(element), sendingHEI: hei, modifiedAt: t0.addingTimeInterval(offset))
    }

    /// om-1 and om-3 (later, 2027/2028) to receiving.example, om-2 to other.example, om-gone deleted.
    func withServer(_ body: (OMobilitiesServer) async throws -> Void) async throws {
        let directory = try RepositoryPaths.temporaryDirectory(prefix: "ewp-omobilities-server")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteStore(path: directory.appendingPathComponent("node.sqlite").path)
        var gone = try Self.object("om-gone")
        gone.document = nil
        try await store.commit(ChangeSet(upserts: [
            try Self.object("om-1"), try Self.object("om-2", receiving: Self.other), try Self.object("om-3", year: "2027/2028", at: 1000), gone,
        ], notificationsExpireAt: Self.t0), now: Self.t0)
        try await body(OMobilitiesServer(store: store, maxOMobilityIDs: 5))
    }

    func get(_ server: OMobilitiesServer, _ ids: [String], sending: String = hei, as requester: [String] = [receiving]) async throws -> XElement {
        try await server.get(servedHEI: HEIID(Self.hei), requesterHEIs: requester.map(HEIID.init),
                             parameters: RequestParameters([("sending_hei_id", sending)] + ids.map { ("omobility_id", $0) }))
    }

    func ids(_ root: XElement) -> [String] {
        root.children.compactMap { $0.children.first { $0.name == "omobility-id" }?.text }
    }

    func index(_ server: OMobilitiesServer, _ pairs: [(String, String)] = [], sending: String = hei,
               as requester: [String] = [receiving]) async throws -> [String] {
        let root = try await server.index(servedHEI: HEIID(Self.hei), requesterHEIs: requester.map(HEIID.init),
                                          parameters: RequestParameters([("sending_hei_id", sending)] + pairs))
        #expect(root.name == "omobilities-index-response" && root.namespace == OMobilitiesAPI.indexResponseNamespace)
        let outcome = try await OfficialSchemas.validate(XMLWriter.document(root), against: RepositoryPaths.spec("ewp-specs-api-omobilities/endpoints/index-response.xsd"))
        #expect(outcome.valid, "\(outcome.messages)")
        return root.children.map(\.text)
    }

    @Test("endpoints/get.md: the receiving HEI gets its mobilities in request order, as stored, valid against the official XSD; unknown, deleted and other HEIs' ids are left out")
    func getForTheReceivingHEI() async throws {
        try await withServer { (server: OMobilitiesServer) async throws in
            let root = try await get(server, ["om-3", "unknown", "om-2", "om-gone", "om-1"])
            #expect(root.name == "omobilities-get-response" && root.namespace == OMobilitiesAPI.getResponseNamespace)
            #expect(ids(root) == ["om-3", "om-1"])
            #expect(root.children.last == (try OwnOMobilityStorage.element(try Self.object("om-1"))))
            let outcome = try await OfficialSchemas.validate(XMLWriter.document(root), against: RepositoryPaths.spec("ewp-specs-api-omobilities/endpoints/get-response.xsd"))
            #expect(outcome.valid, "\(outcome.messages)")
        }
    }

    @Test("endpoints/get.md › Permissions: a third HEI, a key covering no HEI and a sending_hei_id we do not serve see nothing (200, empty)")
    func getHidesFromOthers() async throws {
        try await withServer { (server: OMobilitiesServer) async throws in
            #expect(ids(try await get(server, ["om-1", "om-2", "om-3"], as: ["third.example"])).isEmpty)
            #expect(ids(try await get(server, ["om-1"], as: [])).isEmpty)
            #expect(ids(try await get(server, ["om-1"], sending: Self.other)).isEmpty)
            #expect(ids(try await get(server, ["om-2"], as: [Self.other])) == ["om-2"])
            #expect(ids(try await get(server, ["om-1"], sending: Self.hei.uppercased(), as: [Self.receiving.uppercased()])) == ["om-1"])
        }
    }

    @Test("endpoints/get.md: sending_hei_id required once, omobility_id required, more than max-omobility-ids is a 400")
    func getParameters() async throws {
        try await withServer { (server: OMobilitiesServer) async throws in
            for pairs in [[("omobility_id", "om-1")], [("sending_hei_id", Self.hei)],
                          [("sending_hei_id", Self.hei), ("sending_hei_id", Self.hei), ("omobility_id", "om-1")],
                          [("sending_hei_id", Self.hei)] + Array(repeating: ("omobility_id", "om-1"), count: 6)] {
                await #expect(throws: APIRequestError.self, "\(pairs)") {
                    _ = try await server.get(servedHEI: HEIID(Self.hei), requesterHEIs: [HEIID(Self.receiving)], parameters: RequestParameters(pairs))
                }
            }
        }
    }

    @Test("endpoints/index.md: what the requester may get, narrowed by receiving_hei_id (unknown only: empty), receiving_academic_year_id and modified_since")
    func indexFilters() async throws {
        try await withServer { (server: OMobilitiesServer) async throws in
            #expect(try await index(server) == ["om-1", "om-3"])
            #expect(try await index(server, as: [Self.other]) == ["om-2"])
            #expect(try await index(server, as: ["third.example"]).isEmpty)
            #expect(try await index(server, sending: Self.other).isEmpty)
            #expect(try await index(server, [("receiving_hei_id", Self.receiving), ("receiving_hei_id", "unknown.example")]) == ["om-1", "om-3"])
            #expect(try await index(server, [("receiving_hei_id", "unknown.example")]).isEmpty)
            #expect(try await index(server, [("receiving_academic_year_id", "2027/2028")]) == ["om-3"])
            #expect(try await index(server, [("modified_since", "2023-11-14T22:20:00Z")]) == ["om-3"])
        }
    }

    @Test("endpoints/index.md: sending_hei_id required once; a malformed academic year or modified_since is a 400 naming the parameter")
    func indexParameters() async throws {
        try await withServer { (server: OMobilitiesServer) async throws in
            for (pairs, named) in [([("receiving_hei_id", Self.receiving)], "sending_hei_id"),
                                   ([("sending_hei_id", Self.hei), ("receiving_academic_year_id", "2026-2027")], "receiving_academic_year_id"),
                                   ([("sending_hei_id", Self.hei), ("modified_since", "yesterday")], "modified_since")] {
                do {
                    _ = try await server.index(servedHEI: HEIID(Self.hei), requesterHEIs: [HEIID(Self.receiving)], parameters: RequestParameters(pairs))
                    Issue.record("\(pairs) accepted")
                } catch let error as APIRequestError {
                    #expect(error.status.code == 400 && error.developerMessage.contains(named), "\(error)")
                }
            }
        }
    }

    @Test("the manifest entry is valid against our and the official manifest-entry.xsd, with sends-notifications")
    func manifestEntry() async throws {
        let entry = OMobilitiesAPI.manifestEntry(getURL: "https://node.example/get", indexURL: "https://node.example/index")
        #expect(entry.attribute("version") == "2.0.0" && entry.children.contains { $0.name == "sends-notifications" })
        let bytes = XMLWriter.document(entry)
        #expect(try SchemaCache(directory: RepositoryPaths.schemas).schema("omobilities-manifest-entry.xsd").validate(bytes).isEmpty)
        let outcome = try await OfficialSchemas.validate(bytes, against: RepositoryPaths.spec("ewp-specs-api-omobilities/manifest-entry.xsd"))
        #expect(outcome.valid, "\(outcome.messages)")
    }
}
