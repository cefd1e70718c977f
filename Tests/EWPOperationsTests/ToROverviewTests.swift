import EWPAPIs
import EWPCore
@testable import EWPOperations
import EWPStore
import EWPTestSupport
import EWPXML
import Foundation
import Testing

/// The ToR views over a real SQLite file: transcripts received from partners
/// (partner copies, as pulled) and issued by us (imported, v2 and v3), listed and shown with the
/// ELMO document.
@Suite("ToR overview: received and issued transcripts")
struct ToROverviewTests {
    static let hei = "node.test.example"
    static let sending = "sending.example"
    static let issuer = "receiving.example"
    static let t0 = Date(timeIntervalSince1970: 1_700_000_000) // 2023-11-14T22:13:20Z

    static func fixture() async throws -> (URL, SQLiteStore) {
        let directory = try RepositoryPaths.temporaryDirectory(prefix: "ewp-tor-overview")
        let store = try SQLiteStore(path: directory.appendingPathComponent("node.sqlite").path)
        let cache = SchemaCache(directory: RepositoryPaths.schemas)
        let importer = ToRImporter(store: store, coveredHEIs: [HEIID(hei)], schemas: [.v2: try cache.schema(SchemaFile.imobilityToRsGetResponse),
                                                                               .v3: try cache.schema(SchemaFile.imobilityToRsV3GetResponse)],
                                   policy: .lifetime(3600))
        for document in [ToRDocuments.v2(["om-1", "om-2"]), ToRDocuments.v3(["om-1"])] {
            let report = await importer.importDocument(Array(document.utf8), sendingHEI: HEIID(sending), now: t0)
            #expect(!report.rejected, "\(report.lines)")
        }
        // A transcript of one of our students, pulled from its issuer, and one the issuer deleted.
        let tor = try #require(try XMLReader.parse(Array(ToRDocuments.v2(["our-1"], issuer: issuer).utf8)).children.first)
        try await store.savePartnerCopies([
            PartnerCopy(api: "imobility-tors", localHEI: hei, partnerHEI: issuer, objectID: "our-1", document: XMLWriter.document(tor), hash: nil,
                        seenAt: t0.addingTimeInterval(600), changedAt: t0.addingTimeInterval(60)),
            PartnerCopy(api: "imobility-tors", localHEI: hei, partnerHEI: issuer, objectID: "our-2", document: nil, hash: nil, seenAt: t0, changedAt: t0),
        ])
        return (directory, store)
    }

    @Test("List: received copies (deleted ones marked) and issued transcripts per version, narrowed by partner")
    func list() async throws {
        let (directory, store) = try await Self.fixture()
        defer { try? FileManager.default.removeItem(at: directory) }
        let rows = try await ToROverview(store: store).rows(heiIDs: [HEIID(Self.hei)])
        #expect(rows.map { "\($0.direction.rawValue) \($0.omobilityID) \($0.version)" }
                == ["received our-1 v2", "received our-2 v2", "issued om-1 v2", "issued om-1 v3", "issued om-2 v2"])
        let received = rows[0]
        #expect(received.partnerHEI == HEIID(Self.issuer) && received.changedAt == Self.t0.addingTimeInterval(60) && received.seenAt == Self.t0.addingTimeInterval(600))
        #expect(received.line == "received node.test.example our-1 <- receiving.example  v2  changed 2023-11-14T22:14:20Z  seen 2023-11-14T22:23:20Z")
        #expect(rows[1].document == nil && rows[1].json["deleted"] as? Bool == true && rows[1].line.hasSuffix("(deleted or no longer shown to us)"))
        #expect(rows[2].partnerHEI == HEIID(Self.sending) && rows[2].changedAt == Self.t0 && rows[2].seenAt == nil && rows[2].json["seen_at"] is NSNull)

        #expect(try await ToROverview(store: store).rows(heiIDs: [HEIID(Self.hei)], partnerHEI: HEIID(Self.issuer)).map(\.omobilityID) == ["our-1", "our-2"])
        #expect(try await ToROverview(store: store).rows(heiIDs: [HEIID(Self.hei)], partnerHEI: "SENDING.example").map(\.omobilityID) == ["om-1", "om-1", "om-2"])
        #expect(try await ToROverview(store: store).rows(heiIDs: [HEIID(Self.hei)], partnerHEI: "nobody.example").isEmpty)
    }

    @Test("Show: the received ToR with its ELMO document; an issued one in both versions; nothing for an unknown id or another partner")
    func show() async throws {
        let (directory, store) = try await Self.fixture()
        defer { try? FileManager.default.removeItem(at: directory) }
        let overview = ToROverview(store: store)
        let received = try await overview.show(heiIDs: [HEIID(Self.hei)], partnerHEI: HEIID(Self.issuer), omobilityID: "our-1")
        #expect(received.count == 1)
        let document = try #require(received.first?.document)
        let tor = try XMLReader.parse(document)
        #expect(tor.name == "tor" && tor.element("elmo", namespace: "https://github.com/emrex-eu/elmo-schemas/tree/v1") != nil)
        #expect((received.first?.detailJSON["document"] as? String)?.contains("<givenNames>Jan</givenNames>") == true)

        let issued = try await overview.show(heiIDs: [HEIID(Self.hei)], partnerHEI: HEIID(Self.sending), omobilityID: "om-1")
        #expect(issued.map(\.version) == ["v2", "v3"] && issued.allSatisfy { $0.direction == .issued && $0.document != nil })
        #expect(try await overview.show(heiIDs: [HEIID(Self.hei)], partnerHEI: HEIID(Self.sending), omobilityID: "nope").isEmpty)
        #expect(try await overview.show(heiIDs: [HEIID(Self.hei)], partnerHEI: HEIID(Self.issuer), omobilityID: "om-1").isEmpty)
    }

    @Test("Search: by partner, omobility-id, the student's name from the ELMO document, direction; a deleted copy has no name")
    func search() async throws {
        let (directory, store) = try await Self.fixture()
        defer { try? FileManager.default.removeItem(at: directory) }
        let rows = try await ToROverview(store: store).rows(heiIDs: [HEIID(Self.hei)])
        #expect(rows.map(\.learnerName) == ["Jan Nowak", nil, "Jan Nowak", "Jan Nowak", "Jan Nowak"])
        #expect(rows.filter { $0.matches("NOWAK") }.count == 4)
        #expect(rows.filter { $0.matches("our-2") }.map(\.omobilityID) == ["our-2"])
        #expect(rows.filter { $0.matches("Receiving.EXAMPLE") }.count == 2)
        #expect(rows.filter { $0.matches("issued") }.count == 3)
        #expect(rows.filter { $0.matches(" ") }.count == rows.count)
        #expect(rows.filter { $0.matches("Kowalska") }.isEmpty)
        #expect(TranscriptOfRecords.learnerName(Array("<tor><omobility-id>x</omobility-id></tor>".utf8)) == nil)
        #expect(TranscriptOfRecords.learnerName(Array("not xml".utf8)) == nil)
    }
}
