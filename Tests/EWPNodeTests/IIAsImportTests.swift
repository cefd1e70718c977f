import EWPAPIs
import EWPCore
import EWPModel
import EWPNode
@testable import EWPOperations
import EWPStore
import EWPTestSupport
import EWPXML
import Foundation
import Testing

/// `ewp-node import` of IIAs into real SQLite files: create, update, unchanged,
/// explicit delete, all-or-nothing rejection naming the element, CNRs in the same transaction.
@Suite("IIAs import into the store")
struct IIAsImportTests {
    static let hei = "a.example"
    static let partner = "b.example"
    static let t0 = Date(timeIntervalSince1970: 1_700_000_000)
    static let schema: XSDSchema = try! SchemaCache(directory: RepositoryPaths.schemas).schema(SchemaFile.iiasGetResponse)

    /// A store in a fresh temporary file with an importer for `heis`; removed by `finish`.
    struct Fixture {
        let directory: URL
        let store: SQLiteStore
        let importer: IIAImporter

        init(heis: [String] = [IIAsImportTests.hei], store wrapping: ((SQLiteStore) -> any OwnObjectStore)? = nil) throws {
            directory = try RepositoryPaths.temporaryDirectory(prefix: "ewp-iias-import")
            store = try SQLiteStore(path: directory.appendingPathComponent("node.sqlite").path)
            importer = IIAImporter(store: wrapping?(store) ?? store, approvals: StoredIIAApprovals(store: store), coveredHEIs: heis.map(HEIID.init),
                                   schema: IIAsImportTests.schema, policy: .lifetime(3600))
        }

        func run(_ iias: [String], at now: Date = IIAsImportTests.t0) async -> IIAImportReport {
            await importer.importDocument(IIADocuments.response(iias), now: now)
        }

        func object(_ id: String, kind: String = OwnIIAStorage.kind, hei: String = IIAsImportTests.hei) async throws -> OwnObject? {
            try await store.ownObjects(kind: kind, heiID: hei, ids: [id]).first
        }

        func outbox() async throws -> [QueueRow] {
            try await store.queueRows(.outbox, filter: QueueFilter(limit: 1000)).sorted { $0.id < $1.id }
        }

        func finish() { try? FileManager.default.removeItem(at: directory) }
    }

    static func iia(_ id: String, partner: String = partner, partnerID: String? = nil, mobilities: Int = 2, hei: String = hei) -> String {
        IIADocuments.iia(hei: hei, id: id, partner: partner, partnerID: partnerID,
                         conditions: IIADocuments.studies(from: hei, to: partner, mobilities: mobilities)
                            + IIADocuments.teaching(from: partner, to: hei, years: ("2027/2028", "2028/2029")))
    }

    @Test("Create: each IIA is stored as served, with our hash, its partner, its years; one CNR each, settling, with the configured lifetime")
    func create() async throws {
        let fixture = try Fixture()
        defer { fixture.finish() }
        let report = await fixture.run([Self.iia("A-1"), Self.iia("A-2", partner: "c.example")])
        #expect(!report.rejected, "\(report.lines)")
        #expect(report.entries.map(\.outcome) == [.created, .created])
        #expect(report.notifications == 2)

        let stored = try #require(try await fixture.object("A-1"))
        let element = try #require(try OwnIIAStorage.element(stored))
        let iia = try IIA(element)
        #expect(stored.hash == IIAHash.hash(element))
        #expect(iia.declaredHash == stored.hash)                      // the imported 000… hash is replaced
        #expect(stored.hash != String(repeating: "0", count: 64))
        #expect(iia.local.iiaID == "A-1" && iia.partner.heiID == Self.partner)
        #expect(stored.partnerHEIs == [Self.partner])
        #expect(stored.filterKeys == [OwnIIAStorage.academicYearKey: ["2024/2025", "2025/2026", "2026/2027", "2027/2028", "2028/2029"]])
        #expect(stored.modifiedAt == Self.t0)
        let outcome = try await OfficialSchemas.validate(XMLWriter.document(IIAsResponses.get([element])), against: IIADocuments.officialSchema)
        #expect(outcome.valid, "\(outcome.messages)")

        let rows = try await fixture.outbox()
        #expect(rows.map(\.key) == [NotificationKey(api: "iia-cnr", localHEI: Self.hei, partnerHEI: Self.partner, objectID: "A-1"),
                                    NotificationKey(api: "iia-cnr", localHEI: Self.hei, partnerHEI: "c.example", objectID: "A-2")])
        #expect(rows.allSatisfy { $0.state == .pending && $0.expiresAt == Self.t0.addingTimeInterval(3600) })
        #expect(rows.allSatisfy { $0.nextAttemptAt == Self.t0.addingTimeInterval(1) })   // QueueSettling(window: 1, maxWait: 10)
    }

    @Test("Unchanged: re-importing the same IIAs (even re-indented, with another declared hash) writes and sends nothing")
    func unchanged() async throws {
        let fixture = try Fixture()
        defer { fixture.finish() }
        _ = await fixture.run([Self.iia("A-1")])
        let before = try #require(try await fixture.object("A-1"))
        let reformatted = Self.iia("A-1").replacingOccurrences(of: "\n  ", with: "\n\t\t")
            .replacingOccurrences(of: String(repeating: "0", count: 64), with: String(repeating: "f", count: 64))
        let report = await fixture.run([reformatted], at: Self.t0.addingTimeInterval(60))
        #expect(report.entries.map(\.outcome) == [.unchanged])
        #expect(report.notifications == 0)
        #expect(try await fixture.object("A-1") == before)
        #expect(try await fixture.outbox().map(\.mergedChanges) == [1])
    }

    @Test("Update: a changed IIA is replaced (new hash, new modifiedAt) and its partner notified; absent IIAs are kept")
    func update() async throws {
        let fixture = try Fixture()
        defer { fixture.finish() }
        _ = await fixture.run([Self.iia("A-1"), Self.iia("A-2")])
        let before = try #require(try await fixture.object("A-1"))
        let later = Self.t0.addingTimeInterval(60)
        let report = await fixture.run([Self.iia("A-1", mobilities: 5)], at: later)
        #expect(report.entries.map(\.outcome) == [.updated])
        #expect(report.notifications == 1)
        let after = try #require(try await fixture.object("A-1"))
        #expect(after.hash != before.hash)
        #expect(after.modifiedAt == later)
        #expect(try await fixture.object("A-2")?.isTombstone == false)      // not in the file, not deleted
        // The first CNR is still pending (settling): the change merges into it.
        let rows = try await fixture.outbox().filter { $0.key.objectID == "A-1" }
        #expect(rows.map(\.mergedChanges).reduce(0, +) == 2)
    }

    @Test("A changed partner HEI notifies the old partner too (it loses sight of the IIA)")
    func partnerChange() async throws {
        let fixture = try Fixture()
        defer { fixture.finish() }
        _ = await fixture.run([Self.iia("A-1")])
        let report = await fixture.run([Self.iia("A-1", partner: "c.example")], at: Self.t0.addingTimeInterval(60))
        #expect(report.notifications == 2)
        #expect(Set(try await fixture.outbox().map(\.key.partnerHEI)) == [Self.partner, "c.example"])
        let after = try #require(try await fixture.object("A-1"))
        #expect(after.partnerHEIs == ["c.example"])
    }

    @Test("A mutually approved IIA that changes keeps its approved version as iia-snapshot; the approvals no longer match it")
    func snapshotOfApprovedVersion() async throws {
        let fixture = try Fixture()
        defer { fixture.finish() }
        _ = await fixture.run([Self.iia("A-1", partnerID: "P-1"), Self.iia("A-2", partnerID: "P-2")])
        let approved = try #require(try await fixture.object("A-1"))
        #expect(approved.filterKeys[OwnIIAStorage.partnerIIAKey] == ["P-1"])
        try await Self.approveBoth(fixture, "A-1", partnerID: "P-1")
        try await IIAsApprovalStateTests.partnerApproves(fixture.store, ourID: "A-2", hash: try #require(try await fixture.object("A-2")?.hash))
        _ = await fixture.run([Self.iia("A-1", partnerID: "P-1", mobilities: 3), Self.iia("A-2", partnerID: "P-2", mobilities: 3)],
                              at: Self.t0.addingTimeInterval(60))
        let snapshot = try #require(try await fixture.object("A-1", kind: OwnIIAStorage.snapshotKind))
        #expect(snapshot.document == approved.document && snapshot.hash == approved.hash)
        #expect(try await fixture.object("A-2", kind: OwnIIAStorage.snapshotKind) == nil)      // approved by the partner only
        let now = try #require(try await fixture.object("A-1"))
        let states = try await StoredIIAApprovals(store: fixture.store).states(heiID: Self.hei, iias: [now])
        #expect(states["A-1"] == IIAApprovalState(partnerApproved: false, localApproved: true))
    }

    @Test("Delete: a tombstone hides the IIA, its partner is notified, the id is never reused; unknown ids and mutually approved IIAs are refused")
    func delete() async throws {
        let fixture = try Fixture()
        defer { fixture.finish() }
        _ = await fixture.run([Self.iia("A-1"), Self.iia("A-2")])
        let later = Self.t0.addingTimeInterval(60)
        let message = try await fixture.importer.delete(iiaID: "A-1", heiID: "A.EXAMPLE", now: later)
        #expect(message.contains("deleted IIA A-1"))
        let tombstone = try #require(try await fixture.object("A-1"))
        #expect(tombstone.isTombstone && tombstone.modifiedAt == later)
        #expect(try await fixture.store.ownObjectIDs(kind: OwnIIAStorage.kind, heiID: Self.hei, partnerHEI: nil, filters: [:], modifiedSince: nil) == ["A-2"])
        #expect(try await fixture.outbox().filter { $0.key.objectID == "A-1" }.map(\.mergedChanges).reduce(0, +) == 2)

        #expect(try await fixture.importer.delete(iiaID: "A-1", heiID: HEIID(Self.hei), now: later).contains("already deleted"))
        let unknown = await #expect(throws: IIAImportError.self) { _ = try await fixture.importer.delete(iiaID: "nope", heiID: HEIID(Self.hei), now: later) }
        #expect(unknown?.kind == .unknownIIA)
        await #expect(throws: IIAImportError.self) { _ = try await fixture.importer.delete(iiaID: "A-2", heiID: "x.example", now: later) }
        try await Self.approveBoth(fixture, "A-2", partnerID: nil)
        let approved = await #expect(throws: IIAImportError.self) { _ = try await fixture.importer.delete(iiaID: "A-2", heiID: HEIID(Self.hei), now: later) }
        #expect(approved?.kind == .refused)

        let reuse = await fixture.run([Self.iia("A-1")], at: later)
        #expect(reuse.rejected)
        #expect(reuse.problems.first?.message.contains("never reused") == true)
        #expect(reuse.problems.first?.path == "/iias-get-response/iia/partner[1]")
        #expect(try await fixture.object("A-1")?.isTombstone == true)
    }

    @Test("IIAs API v7 README unmapping: when the partner deletes its copy, our IIA mapped to it drops the partner's iia-id, gets a new hash, and the partner a CNR")
    func unmap() async throws {
        let fixture = try Fixture()
        defer { fixture.finish() }
        _ = await fixture.run([Self.iia("A-1", partnerID: "P-1"), Self.iia("A-2", partnerID: "P-2")])
        let before = try #require(try await fixture.object("A-1"))
        let later = Self.t0.addingTimeInterval(60)
        #expect(try await fixture.importer.unmap(heiID: Self.hei, partnerHEI: "B.example", partnerIIAID: "P-1", now: later) == ["A-1"])
        let after = try #require(try await fixture.object("A-1"))
        let iia = try IIA(try #require(try OwnIIAStorage.element(after)))
        #expect(iia.partner.iiaID == nil && iia.partner.heiID == Self.partner)
        #expect(after.hash != before.hash && after.hash == iia.declaredHash && after.modifiedAt == later)
        #expect(after.filterKeys[OwnIIAStorage.partnerIIAKey] == nil)
        #expect(try await fixture.object("A-2")?.filterKeys[OwnIIAStorage.partnerIIAKey] == ["P-2"])
        #expect(try await fixture.outbox().filter { $0.key.objectID == "A-1" }.map(\.mergedChanges).reduce(0, +) == 2)
        #expect(try await fixture.importer.unmap(heiID: Self.hei, partnerHEI: Self.partner, partnerIIAID: "P-1", now: later).isEmpty)
        #expect(try await fixture.importer.unmap(heiID: Self.hei, partnerHEI: "c.example", partnerIIAID: "P-2", now: later).isEmpty)
    }

    @Test("Rejection: one bad IIA refuses the whole document; the problem names line and path; nothing is stored or queued")
    func rejectionChangesNothing() async throws {
        let fixture = try Fixture()
        defer { fixture.finish() }
        let bad = Self.iia("A-2").replacingOccurrences(of: "<iia-code>CODE/A-2</iia-code>", with: "")
        let report = await fixture.run([Self.iia("A-1"), bad])
        #expect(report.rejected)
        #expect(report.entries.isEmpty)
        let problem = try #require(report.problems.first)
        #expect(problem.path == "/iias-get-response/iia[2]/partner[1]")
        #expect(problem.message.contains("iia-code"))
        let text = String(decoding: IIADocuments.response([Self.iia("A-1"), bad]), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(problem.line.map { text[$0 - 1].contains("<partner>") } == true, "\(problem)")
        #expect(report.lines.first?.hasPrefix("rejected, nothing stored") == true)
        #expect(try await fixture.object("A-1") == nil)
        #expect(try await fixture.outbox().isEmpty)
    }

    @Test("Schema errors refuse the document with the libxml2 message, its line and the element's path")
    func schemaError() async throws {
        let fixture = try Fixture()
        defer { fixture.finish() }
        let bad = Self.iia("A-1").replacingOccurrences(of: "<isced-f-code>0314</isced-f-code>", with: "<isced-f-code>31</isced-f-code>")
        let report = await fixture.run([bad])
        let problem = try #require(report.problems.first)
        #expect(problem.message.contains("not valid against iias-get-response.xsd"))
        #expect(problem.path == "/iias-get-response/iia/cooperation-conditions/student-studies-mobility-spec/subject-area/isced-f-code", "\(problem)")
        #expect(problem.line != nil)
        #expect(try await fixture.outbox().isEmpty)

        let malformed = await fixture.importer.importDocument(Array("<iias-get-response>\n<iia>".utf8), now: Self.t0)
        #expect(malformed.problems.first?.message.hasPrefix("not well-formed XML") == true)
        #expect(malformed.problems.first?.line != nil)
        let other = await fixture.importer.importDocument(Array("<iias-index-response/>".utf8), now: Self.t0)
        #expect(other.problems.first?.message.contains("expected an iias-get-response") == true)
    }

    @Test("Semantic rules refuse the document at the element: duplicate ids, reversed years, a spec outside the partners")
    func semanticProblems() async throws {
        let fixture = try Fixture()
        defer { fixture.finish() }
        let duplicate = await fixture.run([Self.iia("A-1"), Self.iia("A-1", partner: "c.example")])
        #expect(duplicate.problems.map(\.path) == ["/iias-get-response/iia[2]/partner[1]"])
        #expect(duplicate.problems.first?.message.contains("appears twice") == true)

        let reversed = IIADocuments.iia(hei: Self.hei, id: "A-3", partner: Self.partner,
                                        conditions: IIADocuments.studies(from: Self.hei, to: Self.partner, years: ("2026/2027", "2024/2025")))
        let years = await fixture.run([reversed])
        #expect(years.problems.first?.path == "/iias-get-response/iia/cooperation-conditions/student-studies-mobility-spec/receiving-last-academic-year-id")

        let outside = IIADocuments.iia(hei: Self.hei, id: "A-4", partner: Self.partner, conditions: IIADocuments.teaching(from: Self.hei, to: "z.example"))
        let spec = await fixture.run([outside])
        #expect(spec.problems.first?.path == "/iias-get-response/iia/cooperation-conditions/staff-teacher-mobility-spec/receiving-hei-id")
        #expect(try await fixture.outbox().isEmpty)
    }

    @Test("IIAs whose first partner is not a covered HEI are skipped and reported; the others are imported")
    func foreignSkipped() async throws {
        let fixture = try Fixture(heis: [Self.hei, "d.example"])
        defer { fixture.finish() }
        let report = await fixture.run([Self.iia("B-1", partner: Self.hei, hei: Self.partner), Self.iia("D-1", partner: Self.partner, hei: "d.example")])
        #expect(!report.rejected)
        #expect(report.entries == [.init(heiID: "d.example", iiaID: "D-1", outcome: .created)])
        #expect(report.skipped.count == 1)
        #expect(report.skipped.first?.path == "/iias-get-response/iia[1]/partner[1]")
        #expect(try await fixture.object("D-1", hei: "d.example") != nil)
        #expect(try await fixture.object("B-1", hei: Self.partner) == nil)
    }

    @Test("All or nothing with the outbox: if the commit fails (an id deleted meanwhile), no object and no CNR of the file is stored")
    func commitIsAtomic() async throws {
        let fixture = try Fixture(store: { DeletingMeanwhile(base: $0, victim: "A-2") })
        defer { fixture.finish() }
        let report = await fixture.run([Self.iia("A-1"), Self.iia("A-2")])
        #expect(report.rejected)
        #expect(report.problems.first?.message.contains("nothing was stored") == true, "\(report.problems)")
        #expect(try await fixture.object("A-1") == nil)
        #expect(try await fixture.object("A-2")?.isTombstone == true)
        #expect(try await fixture.outbox().isEmpty)
    }

    /// Records both approvals of a stored IIA as the approval work does (the partner's of our current
    /// hash, ours of the partner's copy `partnerID`, mapping it first when nil).
    static func approveBoth(_ fixture: Fixture, _ id: String, partnerID: String?) async throws {
        var object = try #require(try await fixture.object(id))
        let mapped = partnerID ?? "P-\(id)"
        if partnerID == nil {
            object.filterKeys[OwnIIAStorage.partnerIIAKey] = [mapped]
            try await fixture.store.commit(ChangeSet(upserts: [object], notificationsExpireAt: t0), now: t0)
        }
        try await IIAsApprovalStateTests.partnerApproves(fixture.store, ourID: id, hash: try #require(object.hash))
        try await IIAsApprovalStateTests.weApprove(fixture.store, partnerID: mapped, hash: "partner-hash", copyHash: "partner-hash")
    }
}

/// A store where another process deletes `victim` between the importer's read and its commit.
private struct DeletingMeanwhile: OwnObjectStore {
    let base: SQLiteStore
    let victim: String

    func commit(_ changes: ChangeSet, now: Date) async throws {
        try await base.commit(changes, now: now)
    }

    func ownObjects(kind: String, heiID: String, ids: [String]) async throws -> [OwnObject] {
        let seen = try await base.ownObjects(kind: kind, heiID: heiID, ids: ids)
        if ids.contains(victim) {
            try await base.commit(ChangeSet(upserts: [OwnObject(kind: kind, heiID: heiID, objectID: victim, document: nil, modifiedAt: Date())],
                                            notificationsExpireAt: Date()), now: Date())
        }
        return seen
    }

    func ownObjectIDs(kind: String, heiID: String, partnerHEI: String?, filters: [String: [String]], modifiedSince: Date?) async throws -> [String] {
        try await base.ownObjectIDs(kind: kind, heiID: heiID, partnerHEI: partnerHEI, filters: filters, modifiedSince: modifiedSince)
    }
}
