import EWPAPIs
import EWPCore
import EWPOperations
import EWPStore
import EWPTestSupport
import EWPTestTraits
import EWPXML
import Foundation
import Testing

/// `ewp-node import` of `omobilities-get-response` (Outgoing Mobilities v2) into real SQLite
/// files: our nominations as the sending HEI, the OMobility CNR to the receiving HEI in the same
/// transaction, unchanged and updated mobilities, refusals that store nothing, the official example.
@Suite("Outgoing Mobilities import into the store")
struct OMobilitiesImportTests {
    static let hei = "node.test.example"
    static let receiving = "receiving.example"
    static let t0 = Date(timeIntervalSince1970: 1_700_000_000)
    static let schema = try! SchemaCache(directory: RepositoryPaths.schemas).schema(SchemaFile.omobilitiesGetResponse)

    struct Fixture {
        let directory: URL
        let store: SQLiteStore
        let importer: OMobilityImporter

        init(heis: [String] = [OMobilitiesImportTests.hei]) throws {
            directory = try RepositoryPaths.temporaryDirectory(prefix: "ewp-omobilities-import")
            store = try SQLiteStore(path: directory.appendingPathComponent("node.sqlite").path)
            importer = OMobilityImporter(store: store, coveredHEIs: heis.map(HEIID.init), schema: OMobilitiesImportTests.schema,
                                         policy: .lifetime(3600, settling: QueueSettling(window: 1, maxWait: 10)))
        }

        func run(_ document: String, at now: Date = OMobilitiesImportTests.t0) async -> OMobilityImportReport {
            await importer.importDocument(Array(document.utf8), now: now)
        }

        func object(_ id: String, hei: String = OMobilitiesImportTests.hei) async throws -> OwnObject? {
            try await store.ownObjects(kind: OwnOMobilityStorage.kind, heiID: hei, ids: [id]).first
        }

        func outbox() async throws -> [QueueRow] {
            try await store.queueRows(.outbox, filter: QueueFilter(limit: 1000)).sorted { $0.id < $1.id }
        }

        func finish() { try? FileManager.default.removeItem(at: directory) }
    }

    static func document(_ ids: [String], receiving: String = receiving, status: String = "nomination") -> String {
        MobilityDocuments.getResponse(ids.map { MobilityDocuments.mobility($0, sending: hei, receiving: receiving, status: status) })
    }

    @Test("create: each mobility stored with its receiving HEI as partner and its filters; one OMobility CNR each to the receiving HEI")
    func create() async throws {
        let fixture = try Fixture()
        defer { fixture.finish() }
        let report = await fixture.run(Self.document(["om-1", "om-2"]))
        #expect(!report.rejected, "\(report.lines)")
        #expect(report.entries.map(\.outcome) == [.created, .created] && report.notifications == 2)
        let stored = try #require(try await fixture.object("om-1"))
        #expect(stored.partnerHEIs == [Self.receiving])
        #expect(stored.filterKeys == [OwnOMobilityStorage.receivingHEIKey: [Self.receiving], OwnOMobilityStorage.academicYearKey: ["2026/2027"]])
        let rows = try await fixture.outbox()
        #expect(rows.map(\.key) == ["om-1", "om-2"].map {
            NotificationKey(api: OwnOMobilityStorage.notificationAPI, localHEI: Self.hei, partnerHEI: Self.receiving, objectID: $0)
        })
    }

    @Test("the same document again changes nothing and notifies nobody; a changed status replaces the mobility and notifies again")
    func unchangedThenUpdated() async throws {
        let fixture = try Fixture()
        defer { fixture.finish() }
        _ = await fixture.run(Self.document(["om-1"]))
        let later = Self.t0.addingTimeInterval(600)
        let again = await fixture.run(Self.document(["om-1"]), at: later)
        #expect(again.entries.map(\.outcome) == [.unchanged] && again.notifications == 0)
        #expect(try await fixture.object("om-1")?.modifiedAt == Self.t0)
        let cancelled = await fixture.run(Self.document(["om-1"], status: "cancelled"), at: later)
        #expect(cancelled.entries.map(\.outcome) == [.updated] && cancelled.notifications == 1)
        #expect(try await fixture.object("om-1")?.modifiedAt == later)
        #expect(String(decoding: try #require(try await fixture.object("om-1")?.document), as: UTF8.self).contains("cancelled"))
    }

    @Test("refused, nothing stored: schema-invalid, duplicate id, another receiving HEI for a stored mobility, sending HEI = receiving HEI")
    func refusals() async throws {
        let fixture = try Fixture()
        defer { fixture.finish() }
        _ = await fixture.run(Self.document(["om-1"]))
        let invalid = Self.document(["om-9"]).replacingOccurrences(of: "<status>nomination</status>", with: "<status>maybe</status>")
        let duplicate = Self.document(["om-9", "om-9"])
        let moved = Self.document(["om-9", "om-1"], receiving: "elsewhere.example")
        let selfMobility = Self.document(["om-9"], receiving: Self.hei.uppercased())
        for (document, says) in [(invalid, "schema"), (duplicate, "twice"), (moved, "never changes"), (selfMobility, "receiving HEI is the sending HEI")] {
            let report = await fixture.run(document)
            #expect(report.rejected && report.lines.joined().contains(says), "\(report.lines)")
        }
        #expect(try await fixture.object("om-9") == nil)
        #expect(try await fixture.outbox().count == 1)
    }

    @Test("a mobility another HEI sends is skipped, the others imported")
    func skipsOtherSendingHEIs() async throws {
        let fixture = try Fixture()
        defer { fixture.finish() }
        let foreign = MobilityDocuments.mobility("om-x", sending: "foreign.example", receiving: Self.hei)
        let report = await fixture.run(MobilityDocuments.getResponse([MobilityDocuments.mobility("om-1", sending: Self.hei, receiving: Self.receiving), foreign]))
        #expect(!report.rejected && report.entries.count == 1 && report.skipped.count == 1, "\(report.lines)")
        #expect(report.skipped.first?.message.contains("foreign.example") == true)
    }

    @Test("the official get-response example imports for its sending HEI uio.no and notifies uw.edu.pl", .officialSpecs)
    func officialExample() async throws {
        let fixture = try Fixture(heis: ["uio.no"])
        defer { fixture.finish() }
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: RepositoryPaths.spec("ewp-specs-api-omobilities/endpoints/get-response-example.xml"))))
        let report = await fixture.importer.importDocument(bytes, now: Self.t0)
        #expect(!report.rejected && report.entries.map(\.outcome) == [.created], "\(report.lines)")
        #expect(try await fixture.outbox().map(\.key.partnerHEI) == ["uw.edu.pl"])
    }

    @Test("the ErasmusAPP–Dashboard scenario sketches (no namespace, older element names) are refused with a clear reason, nothing stored", .officialSpecs)
    func scenarioSketchesRefused() async throws {
        let fixture = try Fixture(heis: ["example_a.edu"])
        defer { fixture.finish() }
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: RepositoryPaths.spec("ewp-specs-api-omobilities/examples/erasmusapp-dashboard-scenarios-examples/src/xml/Ex3.xml"))))
        let report = await fixture.importer.importDocument(bytes, now: Self.t0)
        #expect(report.rejected && report.lines.joined().contains("expected an omobilities-get-response of Outgoing Mobilities v2"), "\(report.lines)")
        #expect(try await fixture.outbox().isEmpty)
    }
}
