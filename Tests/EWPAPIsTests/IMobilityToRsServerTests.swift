import EWPAPIs
import EWPCore
import EWPStore
import EWPTestSupport
import EWPXML
import Foundation
import Testing

/// IMobility ToRs v2 and v3 `get` and `index` over a real SQLite store, rule by rule (IMobility
/// ToRs API; the EWP API Validator's IMobility ToRs get checks and IMobility ToRs index checks),
/// answers checked against the official XSDs.
@Suite("IMobility ToRs v2 and v3: get and index over the store")
struct IMobilityToRsServerTests {
    static let hei = "node.test.example"
    static let sending = "sending.example"
    static let other = "other.example"
    static let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    static func object(_ version: ToRsVersion, _ id: String, sending: String = sending, at offset: TimeInterval = 0,
                       grade: String = "B") throws -> OwnObject {
        let xml = version == .v2 ? ToRDocuments.v2([id], grade: grade) : ToRDocuments.v3([id], grade: grade)
        let element = try #require(try XMLReader.parse(Array(xml.utf8)).children.first)
        return OwnToRStorage.object(try TranscriptOfRecords(element, version: version), receivingHEI: hei, sendingHEI: sending,
                                    modifiedAt: t0.addingTimeInterval(offset))
    }

    /// v2: om-1 and om-3 (later) of sending.example, om-2 of other.example, om-gone deleted;
    /// v3: om-1 and om-v3only of sending.example.
    static func store() async throws -> (SQLiteStore, URL) {
        let directory = try RepositoryPaths.temporaryDirectory(prefix: "ewp-tors-server")
        let store = try SQLiteStore(path: directory.appendingPathComponent("node.sqlite").path)
        var gone = try object(.v2, "om-gone")
        gone.document = nil
        try await store.commit(ChangeSet(upserts: [
            try object(.v2, "om-1"), try object(.v2, "om-2", sending: other), try object(.v2, "om-3", at: 1000), gone,
            try object(.v3, "om-1", grade: "A"), try object(.v3, "om-v3only", at: 1000),
        ], notificationsExpireAt: t0), now: t0)
        return (store, directory)
    }

    func withServer(_ body: (ToRsServer) async throws -> Void) async throws {
        let (store, directory) = try await Self.store()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await body(ToRsServer(store: store, maxOMobilityIDs: 3))
    }

    func get(_ server: ToRsServer, _ ids: [String], version: ToRsVersion = .v2, receiving: String = hei,
             as requester: [String] = [sending]) async throws -> XElement {
        let heiParameter = version == .v2 ? [("receiving_hei_id", receiving)] : []
        return try SplicedAnswer.read(try await server.get(version, servedHEI: HEIID(Self.hei), requesterHEIs: requester.map(HEIID.init),
                                                           parameters: RequestParameters(heiParameter + ids.map { ("omobility_id", $0) })))
    }

    func getIDs(_ root: XElement) -> [String] {
        root.children.compactMap { $0.children.first { $0.name == "omobility-id" }?.text }
    }

    func index(_ server: ToRsServer, _ pairs: [(String, String)] = [], version: ToRsVersion = .v2, receiving: String? = hei,
               as requester: [String] = [sending]) async throws -> [String] {
        let heiParameter = version == .v2 ? receiving.map { [("receiving_hei_id", $0)] } ?? [] : []
        let root = try await server.index(version, servedHEI: HEIID(Self.hei), requesterHEIs: requester.map(HEIID.init), parameters: RequestParameters(heiParameter + pairs))
        #expect(root.name == "imobility-tors-index-response" && root.namespace == version.indexResponseNamespace)
        return root.children.map(\.text)
    }

    func expectOfficial(_ root: XElement, _ version: ToRsVersion, _ kind: OfficialToRs.Document = .getResponse) async throws {
        let outcome = try await OfficialToRs.validate(XMLWriter.document(root), version: version.rawValue, kind)
        #expect(outcome.valid, "\(outcome.messages)")
    }

    // MARK: get

    @Test("IMobility ToRs API v2 endpoints/get.md, EWP API Validator: a known id → exactly that tor, as stored, valid against the official v2 XSD")
    func knownV2() async throws {
        try await withServer { (server: ToRsServer) async throws in
            let root = try await get(server, ["om-1"])
            #expect(root.name == "imobility-tors-get-response" && root.namespace == ToRsVersion.v2.getResponseNamespace)
            #expect(getIDs(root) == ["om-1"])
            var stored = try #require(try OwnToRStorage.element(try Self.object(.v2, "om-1")))
            stored.verbatim = nil
            #expect(root.children.first == stored)
            try await expectOfficial(root, .v2)
        }
    }

    @Test("get splices the stored transcripts unparsed, in both versions: byte for byte, as XML the answer the parsed transcripts give, valid against the official XSD as written")
    func storedBytes() async throws {
        try await withServer { (server: ToRsServer) async throws in
            for version in ToRsVersion.allCases {
                let parameters = (version == .v2 ? [("receiving_hei_id", Self.hei)] : []) + [("omobility_id", "om-1")]
                let answer = try await server.get(version, servedHEI: HEIID(Self.hei), requesterHEIs: [HEIID(Self.sending)], parameters: RequestParameters(parameters))
                let stored = [try Self.object(version, "om-1", grade: version == .v2 ? "B" : "A")]
                let parsed = IMobilityToRsAPI.getResponse(version, tors: try stored.compactMap { try OwnToRStorage.element($0) })
                let outcome = try await OfficialToRs.validate(try SplicedAnswer.check(answer, stored: stored, parsedAgain: parsed), version: version.rawValue, .getResponse)
                #expect(outcome.valid, "\(version): \(outcome.messages)")
            }
        }
    }

    @Test("IMobility ToRs API v2 endpoints/get.md, EWP API Validator: unknown ids are ignored (all unknown → empty); request order is kept")
    func unknownIDs() async throws {
        try await withServer { (server: ToRsServer) async throws in
            #expect(getIDs(try await get(server, ["this-is-some-unknown-and-unexpected-id"])).isEmpty)
            #expect(getIDs(try await get(server, ["om-3", "unknown", "om-1"])) == ["om-3", "om-1"])
        }
    }

    @Test("IMobility ToRs API v2 endpoints/get.md, EWP API Validator: an unknown receiving_hei_id → 200 and empty, not 400; HEI ids compare case-insensitively")
    func unknownReceivingHEI() async throws {
        try await withServer { (server: ToRsServer) async throws in
            #expect(getIDs(try await get(server, ["om-1"], receiving: "this-is-some-unknown-and-unexpected-id")).isEmpty)
            #expect(getIDs(try await get(server, ["om-1"], receiving: Self.hei.uppercased())) == ["om-1"])
        }
    }

    @Test("IMobility ToRs API v2 README › Security and permissions: only the caller covering the sending HEI sees a transcript; others, the receiving HEI and a key covering no HEI see nothing")
    func access() async throws {
        try await withServer { (server: ToRsServer) async throws in
            #expect(getIDs(try await get(server, ["om-1", "om-2"])) == ["om-1"])
            #expect(getIDs(try await get(server, ["om-1", "om-2"], as: [Self.other])) == ["om-2"])
            #expect(getIDs(try await get(server, ["om-1", "om-2"], as: [Self.hei])).isEmpty)
            #expect(getIDs(try await get(server, ["om-1", "om-2"], as: [])).isEmpty)
            #expect(getIDs(try await get(server, ["om-1"], as: [Self.sending.uppercased()])) == ["om-1"])
        }
    }

    @Test("a deleted transcript is neither returned nor listed")
    func tombstone() async throws {
        try await withServer { (server: ToRsServer) async throws in
            #expect(getIDs(try await get(server, ["om-gone"])).isEmpty)
            #expect(!(try await index(server)).contains("om-gone"))
        }
    }

    @Test("IMobility ToRs API v3: each version serves its own documents: v3 returns its ELMO v2 transcript with the academic year; a transcript of one version only is omitted by the other")
    func versionsSideBySide() async throws {
        try await withServer { (server: ToRsServer) async throws in
            let v3 = try await get(server, ["om-1", "om-v3only", "om-3"], version: .v3)
            #expect(v3.namespace == ToRsVersion.v3.getResponseNamespace)
            #expect(getIDs(v3) == ["om-1", "om-v3only"])
            let tor = try #require(v3.children.first)
            #expect(tor.children.map(\.name).prefix(3) == ["omobility-id", "receiving-academic-year-id", "elmo"])
            #expect(tor.children[2].namespace == "https://github.com/emrex-eu/elmo-schemas/tree/v2")
            #expect(getIDs(try await get(server, ["om-v3only"], version: .v2)).isEmpty)
            try await expectOfficial(v3, .v3)
        }
    }

    @Test("IMobility ToRs API v3: v3 get: the caller must be the sending partner; unmatched ids are ignored")
    func v3Access() async throws {
        try await withServer { (server: ToRsServer) async throws in
            #expect(getIDs(try await get(server, ["om-1"], version: .v3, as: [Self.other])).isEmpty)
            #expect(getIDs(try await get(server, ["om-1"], version: .v3, as: [Self.hei])).isEmpty)
            #expect(getIDs(try await get(server, ["om-1", "nope"], version: .v3)) == ["om-1"])
        }
    }

    @Test("a bad request is a 400 before the store is asked (max-omobility-ids)")
    func badRequest() async throws {
        try await withServer { (server: ToRsServer) async throws in
            await #expect(throws: APIRequestError.self) { _ = try await get(server, ["a", "b", "c", "d"]) }
        }
    }

    // MARK: index

    @Test("IMobility ToRs API v2 endpoints/index.md, EWP API Validator: known receiving_hei_id → every transcript the caller may get, valid against the official XSD")
    func indexAll() async throws {
        try await withServer { (server: ToRsServer) async throws in
            #expect(try await index(server) == ["om-1", "om-3"])
            #expect(try await index(server, as: [Self.other]) == ["om-2"])
            let root = try await server.index(.v2, servedHEI: HEIID(Self.hei), requesterHEIs: [HEIID(Self.sending)],
                                              parameters: RequestParameters([("receiving_hei_id", Self.hei)]))
            try await expectOfficial(root, .v2, .indexResponse)
        }
    }

    @Test("EWP API Validator: an unknown receiving_hei_id → 200 and empty (not 400)")
    func indexUnknownReceiving() async throws {
        try await withServer { (server: ToRsServer) async throws in
            #expect(try await index(server, receiving: "this-is-some-unknown-and-unexpected-id").isEmpty)
        }
    }

    @Test("IMobility ToRs API v2 endpoints/index.md, EWP API Validator: sending_hei_id filters (OR within): known+unknown → results; only unknown → empty")
    func indexSendingFilter() async throws {
        try await withServer { (server: ToRsServer) async throws in
            let unknown = ("sending_hei_id", "this-is-some-unknown-and-unexpected-id")
            #expect(try await index(server, [unknown]).isEmpty)
            #expect(try await index(server, [("sending_hei_id", Self.sending), unknown]) == ["om-1", "om-3"])
            #expect(try await index(server, [unknown, ("sending_hei_id", "another-unknown")]).isEmpty)
            #expect(try await index(server, [("sending_hei_id", Self.sending.uppercased())]) == ["om-1", "om-3"])
        }
    }

    @Test("EWP API Validator: a real sending HEI the caller does not cover → empty; a key of another participant or covering no HEI → empty")
    func indexConfidential() async throws {
        try await withServer { (server: ToRsServer) async throws in
            #expect(try await index(server, [("sending_hei_id", Self.other)]).isEmpty)
            #expect(try await index(server, as: ["validator-secondary.example"]).isEmpty)
            #expect(try await index(server, as: []).isEmpty)
            #expect(try await index(server, as: [Self.hei]).isEmpty)
        }
    }

    @Test("ewp-specs-architecture › Index-pulling, EWP API Validator: modified_since far past → everything; between → only later changes; future → empty")
    func indexModifiedSince() async throws {
        try await withServer { (server: ToRsServer) async throws in
            #expect(try await index(server, [("modified_since", "2000-02-12T15:19:21+01:00")]) == ["om-1", "om-3"])
            let between = XSDateTimeText.format(Self.t0.addingTimeInterval(500))
            #expect(try await index(server, [("modified_since", between)]) == ["om-3"])
            #expect(try await index(server, [("modified_since", "2046-02-12T15:19:21+01:00")]).isEmpty)
        }
    }

    @Test("IMobility ToRs API v3: v3 index takes no HEI parameters: the caller's transcripts of v3 only, modified_since filters, valid against the official XSD")
    func indexV3() async throws {
        try await withServer { (server: ToRsServer) async throws in
            #expect(try await index(server, version: .v3) == ["om-1", "om-v3only"])
            #expect(try await index(server, version: .v3, as: [Self.other]).isEmpty)
            #expect(try await index(server, [("modified_since", XSDateTimeText.format(Self.t0.addingTimeInterval(500)))], version: .v3) == ["om-v3only"])
            let root = try await server.index(.v3, servedHEI: HEIID(Self.hei), requesterHEIs: [HEIID(Self.sending)], parameters: RequestParameters([]))
            try await expectOfficial(root, .v3, .indexResponse)
        }
    }
}

/// `modified_since` values for tests.
enum XSDateTimeText {
    static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
