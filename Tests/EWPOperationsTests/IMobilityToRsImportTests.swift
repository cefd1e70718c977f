import EWPAPIs
import EWPCore
import EWPOperations
import EWPStore
import EWPTestSupport
import EWPXML
import Foundation
import Testing

/// `ewp-node import` of transcripts of records into real
/// SQLite files: create, update, unchanged, refusals that store nothing, the sending HEI from a
/// learning agreement we hold, and the ToR CNR written in the same transaction as the change.
@Suite("IMobility ToRs import into the store")
struct IMobilityToRsImportTests {
    static let hei = "node.test.example"
    static let sending = "sending.example"
    static let t0 = Date(timeIntervalSince1970: 1_700_000_000)
    static let schemas: [ToRsVersion: XSDSchema] = {
        let cache = SchemaCache(directory: RepositoryPaths.schemas)
        return [.v2: try! cache.schema(SchemaFile.imobilityToRsGetResponse), .v3: try! cache.schema(SchemaFile.imobilityToRsV3GetResponse)]
    }()

    /// A store in a fresh temporary file with an importer covering `heis`; removed by `finish`.
    struct Fixture {
        let directory: URL
        let store: SQLiteStore
        let importer: ToRImporter

        init(heis: [String] = [IMobilityToRsImportTests.hei], wrap: ((SQLiteStore) -> any ToRImportStore)? = nil) throws {
            directory = try RepositoryPaths.temporaryDirectory(prefix: "ewp-tors-import")
            store = try SQLiteStore(path: directory.appendingPathComponent("node.sqlite").path)
            importer = ToRImporter(store: wrap?(store) ?? store, coveredHEIs: heis.map(HEIID.init), schemas: IMobilityToRsImportTests.schemas,
                                   policy: .lifetime(3600, settling: QueueSettling(window: 1, maxWait: 10)))
        }

        func run(_ document: String, sending: String? = IMobilityToRsImportTests.sending, at now: Date = IMobilityToRsImportTests.t0) async -> ToRImportReport {
            await importer.importDocument(Array(document.utf8), sendingHEI: sending.map(HEIID.init), now: now)
        }

        func object(_ id: String, _ version: ToRsVersion = .v2) async throws -> OwnObject? {
            try await store.ownObjects(kind: version.storageKind, heiID: IMobilityToRsImportTests.hei, ids: [id]).first
        }

        /// A copy of LA `om-1` pulled from la-master.example, which the puller registered for
        /// index-sync under our HEI as `syncStateHEI` spells it.
        func pulledLA(syncStateHEI: String = IMobilityToRsImportTests.hei) async throws {
            let hei = IMobilityToRsImportTests.hei, at = IMobilityToRsImportTests.t0
            try await store.savePartnerCopies([PartnerCopy(api: "omobility-las", localHEI: hei, partnerHEI: "la-master.example", objectID: "om-1",
                                                           document: Array("<la/>".utf8), hash: nil, seenAt: at, changedAt: at)])
            try await store.saveSyncState(SyncState(api: "omobility-las", localHEI: syncStateHEI, partnerHEI: "la-master.example",
                                                    lastSuccessAt: nil, lastAttemptAt: nil, lastError: nil))
        }

        func outbox() async throws -> [QueueRow] {
            try await store.queueRows(.outbox, filter: QueueFilter(limit: 1000)).sorted { $0.id < $1.id }
        }

        func finish() { try? FileManager.default.removeItem(at: directory) }
    }

    @Test("create: each transcript stored as imported, its sending HEI as partner; one ToR CNR each in the outbox, settling, with the lifetime")
    func create() async throws {
        let fixture = try Fixture()
        defer { fixture.finish() }
        let report = await fixture.run(ToRDocuments.v2(["om-1", "om-2"]))
        #expect(!report.rejected, "\(report.lines)")
        #expect(report.heading == ToRsVersion.v2.description && report.entries.map(\.outcome) == [.created, .created] && report.notifications == 2)
        #expect(report.lines.first == "IMobility ToRs v2: 2 created, 0 updated, 0 unchanged, 0 skipped; 2 change notifications queued")

        let stored = try #require(try await fixture.object("om-1"))
        // Byte for byte as in the file, with the namespace declarations it inherited.
        let imported = try XMLReader.parse(Array(ToRDocuments.v2(["om-1"]).utf8), keepingBytesAtDepth: 1).children.first
        #expect(imported?.verbatim != nil)
        #expect(try OwnToRStorage.element(stored) == imported)
        #expect(stored.partnerHEIs == [Self.sending] && stored.modifiedAt == Self.t0)

        let rows = try await fixture.outbox()
        #expect(rows.map(\.key) == ["om-1", "om-2"].map {
            NotificationKey(api: "imobility-tor-cnr", localHEI: Self.hei, partnerHEI: Self.sending, objectID: $0)
        })
        #expect(rows.allSatisfy { $0.state == .pending && $0.expiresAt == Self.t0.addingTimeInterval(3600) && $0.nextAttemptAt == Self.t0.addingTimeInterval(1) })
    }

    @Test("update: a changed transcript replaces the stored one (new modifiedAt) and queues another change; unchanged: nothing written or queued")
    func updateAndUnchanged() async throws {
        let fixture = try Fixture()
        defer { fixture.finish() }
        _ = await fixture.run(ToRDocuments.v2(["om-1", "om-2"]))
        let later = Self.t0.addingTimeInterval(120)
        let report = await fixture.run(ToRDocuments.v2(["om-1"], grade: "A"), at: later)
        #expect(report.entries.map(\.outcome) == [.updated] && report.notifications == 1, "\(report.lines)")
        let updated = try #require(try await fixture.object("om-1"))
        #expect(updated.modifiedAt == later)
        #expect(String(decoding: updated.document ?? [], as: UTF8.self).contains("<resultLabel>A</resultLabel>"))
        #expect(try await fixture.outbox().first { $0.key.objectID == "om-1" }?.mergedChanges == 2)

        let again = await fixture.run(ToRDocuments.v2(["om-1", "om-2"], grade: "A"), at: later.addingTimeInterval(60))
        #expect(again.entries.map(\.outcome) == [.unchanged, .updated])
        #expect(try await fixture.object("om-1")?.modifiedAt == later)
        #expect(try await fixture.outbox().first { $0.key.objectID == "om-1" }?.mergedChanges == 2)
    }

    @Test("README: without a learning agreement and without --sending-hei the import refuses, says why, and stores nothing")
    func refusedWithoutSendingHEI() async throws {
        let fixture = try Fixture()
        defer { fixture.finish() }
        let report = await fixture.run(ToRDocuments.v2(["om-1"]), sending: nil)
        #expect(report.rejected)
        #expect(report.lines.joined(separator: "\n").contains("line 3, /imobility-tors-get-response/tor: omobility-id om-1: a transcript does not name its sending HEI"),
                "\(report.lines)")
        #expect(try await fixture.object("om-1") == nil)
        #expect(try await fixture.outbox().isEmpty)
    }

    @Test("README: the sending HEI comes from the LA copy pulled from the sending HEI, for every ToR it covers; --sending-hei then only for the rest")
    func sendingHEIFromPulledLA() async throws {
        let fixture = try Fixture()
        defer { fixture.finish() }
        try await fixture.pulledLA()
        let report = await fixture.run(ToRDocuments.v2(["om-1", "om-2"]), sending: "fallback.example")
        #expect(!report.rejected, "\(report.lines)")
        #expect(report.entries.map(\.sendingHEI) == ["la-master.example", "fallback.example"])
        #expect(try await fixture.outbox().map(\.key.partnerHEI) == ["la-master.example", "fallback.example"])

        let again = await fixture.run(ToRDocuments.v2(["om-1"], grade: "C"), sending: nil)
        #expect(again.entries.map(\.outcome) == [.updated] && again.entries.map(\.sendingHEI) == ["la-master.example"], "\(again.lines)")
    }

    @Test("the partner an LA copy was pulled from is found however its sync state spells our HEI (SCHAC ids compare case-insensitively)")
    func sendingHEIFromPulledLAAnyCase() async throws {
        let fixture = try Fixture()
        defer { fixture.finish() }
        try await fixture.pulledLA(syncStateHEI: Self.hei.uppercased())
        let report = await fixture.run(ToRDocuments.v2(["om-1"]), sending: nil)
        #expect(report.entries.map(\.sendingHEI) == ["la-master.example"], "\(report.lines)")
    }

    @Test("a deleted LA copy names nobody; our own LA (a covered sending HEI) names its owner")
    func sendingHEIFromOwnLA() async throws {
        let fixture = try Fixture(heis: [Self.hei, "sender.covered.example"])
        defer { fixture.finish() }
        try await fixture.store.savePartnerCopies([PartnerCopy(api: "omobility-las", localHEI: Self.hei, partnerHEI: "la-master.example", objectID: "om-9",
                                                               document: nil, hash: nil, seenAt: Self.t0, changedAt: Self.t0)])
        try await fixture.store.saveSyncState(SyncState(api: "omobility-las", localHEI: Self.hei, partnerHEI: "la-master.example",
                                                        lastSuccessAt: nil, lastAttemptAt: nil, lastError: nil))
        try await fixture.store.commit(ChangeSet(upserts: [OwnObject(kind: "omobility-la", heiID: "sender.covered.example", objectID: "om-1",
                                                                     document: Array("<la/>".utf8), partnerHEIs: [Self.hei], modifiedAt: Self.t0)],
                                                 notificationsExpireAt: Self.t0), now: Self.t0)
        let report = await fixture.run(ToRDocuments.v2(["om-1"]), sending: nil)
        #expect(report.entries.map(\.sendingHEI) == ["sender.covered.example"], "\(report.lines)")
        let deleted = await fixture.run(ToRDocuments.v2(["om-9"]), sending: nil)
        #expect(deleted.rejected, "\(deleted.lines)")
    }

    @Test("v3: stored beside the v2 transcript of the same mobility (kind imobility-tor-v3, with its year); both changes notify the same CNR row")
    func v3BesideV2() async throws {
        let fixture = try Fixture()
        defer { fixture.finish() }
        _ = await fixture.run(ToRDocuments.v2(["om-1"]))
        let report = await fixture.run(ToRDocuments.v3(["om-1"], year: "2025/2026"))
        #expect(report.heading == ToRsVersion.v3.description && report.entries.map(\.outcome) == [.created], "\(report.lines)")
        let v3 = try #require(try await fixture.object("om-1", .v3))
        #expect(v3.filterKeys[OwnToRStorage.academicYearKey] == ["2025/2026"])
        #expect(try await fixture.object("om-1", .v2) != nil)
        let rows = try await fixture.outbox()
        #expect(rows.count == 1 && rows.first?.mergedChanges == 2)

        let otherSending = await fixture.run(ToRDocuments.v3(["om-1"], grade: "A"), sending: "else.example")
        #expect(otherSending.rejected && otherSending.problems.first?.message.contains("never changes") == true)
    }

    @Test("a document not valid against our XSD, of another kind, not XML, or naming a mobility twice is refused whole, saying where")
    func refusedDocuments() async throws {
        let fixture = try Fixture()
        defer { fixture.finish() }
        let invalid = ToRDocuments.v2(["om-1"]).replacingOccurrences(of: "<givenNames>Jan</givenNames>", with: "")
        let report = await fixture.run(invalid)
        #expect(report.rejected && report.problems.first?.line == 3, "\(report.lines)")
        #expect(report.problems.first?.path?.hasPrefix("/imobility-tors-get-response/tor/") == true, "\(report.lines)")
        #expect(report.lines.joined().contains("not valid against the IMobility ToRs v2 get-response schema"))
        let other = await fixture.run("<iias-get-response xmlns=\"urn:x\"/>")
        #expect(other.rejected && other.problems.first?.message.contains("expected an imobility-tors-get-response") == true)
        let broken = await fixture.run("<imobility-tors-get-response")
        #expect(broken.rejected && broken.problems.first?.message.hasPrefix("not well-formed XML") == true)
        let twice = await fixture.run(ToRDocuments.v2(["om-1", "om-2", "om-1"]))
        #expect(twice.rejected && twice.problems.map(\.path) == ["/imobility-tors-get-response/tor[3]"], "\(twice.lines)")
        #expect(twice.problems.first?.line == 5 && twice.problems.first?.message.contains("also at line 3") == true, "\(twice.lines)")
        let foreign = await fixture.run(ToRDocuments.v2(["om-1", "om-2"]).replacingOccurrences(of: "<identifier type=\"schac\">node.test.example</identifier>",
                                                                                            with: "<identifier type=\"schac\">uw.edu.pl</identifier>"))
        #expect(foreign.rejected && foreign.problems.count == 2)
        #expect(try await fixture.object("om-1") == nil)
        #expect(try await fixture.outbox().isEmpty)
    }

    @Test("the transcripts and their CNRs are one transaction: a commit that fails (a transcript deleted meanwhile) leaves neither objects nor outbox rows")
    func atomic() async throws {
        let fixture = try Fixture(wrap: { DeletingBeforeCommit(base: $0, deleting: "om-1", at: IMobilityToRsImportTests.t0) })
        defer { fixture.finish() }
        let report = await fixture.run(ToRDocuments.v2(["om-1", "om-2"]))
        #expect(report.rejected && report.problems.first?.message.hasPrefix("nothing was stored") == true, "\(report.lines)")
        #expect(try await fixture.object("om-2") == nil)
        #expect(try await fixture.object("om-1")?.isTombstone == true)
        #expect(try await fixture.outbox().isEmpty)
    }
}

/// A store that, just before the import commits, records a deletion of transcript `id` (as another
/// process could), so the import's commit must fail as a whole.
struct DeletingBeforeCommit: ToRImportStore {
    let base: SQLiteStore
    let deleting: String
    let at: Date

    func commit(_ changes: ChangeSet, now: Date) async throws {
        try await base.commit(ChangeSet(upserts: [OwnObject(kind: "imobility-tor", heiID: IMobilityToRsImportTests.hei, objectID: deleting,
                                                            document: nil, partnerHEIs: [IMobilityToRsImportTests.sending], modifiedAt: at)],
                                        notificationsExpireAt: at), now: at)
        try await base.commit(changes, now: now)
    }
    func ownObjects(kind: String, heiID: String, ids: [String]) async throws -> [OwnObject] {
        try await base.ownObjects(kind: kind, heiID: heiID, ids: ids)
    }
    func ownObjectIDs(kind: String, heiID: String, partnerHEI: String?, filters: [String: [String]], modifiedSince: Date?) async throws -> [String] {
        try await base.ownObjectIDs(kind: kind, heiID: heiID, partnerHEI: partnerHEI, filters: filters, modifiedSince: modifiedSince)
    }
    func savePartnerCopies(_ copies: [PartnerCopy]) async throws { try await base.savePartnerCopies(copies) }
    func partnerCopy(api: String, localHEI: String, partnerHEI: String, objectID: String) async throws -> PartnerCopy? {
        try await base.partnerCopy(api: api, localHEI: localHEI, partnerHEI: partnerHEI, objectID: objectID)
    }
    func partnerCopies(api: String, localHEI: String?, partnerHEI: String?, includeDeleted: Bool) async throws -> [PartnerCopy] {
        try await base.partnerCopies(api: api, localHEI: localHEI, partnerHEI: partnerHEI, includeDeleted: includeDeleted)
    }
    func syncState(api: String, localHEI: String, partnerHEI: String) async throws -> SyncState? {
        try await base.syncState(api: api, localHEI: localHEI, partnerHEI: partnerHEI)
    }
    func saveSyncState(_ state: SyncState) async throws { try await base.saveSyncState(state) }
    func syncStates() async throws -> [SyncState] { try await base.syncStates() }
}
