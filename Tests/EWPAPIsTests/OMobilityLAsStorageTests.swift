import EWPAPIs
import EWPModel
import EWPStore
import EWPXML
import Foundation
import Testing

/// How our LAs are stored and what an approval or a comment makes of them
/// (OMobility LAs API v1 endpoints/update.md), without I/O.
@Suite("OMobility LAs v1: storage and update transitions")
struct OMobilityLAsStorageTests {
    @Test("the stored object: owner, id, receiving HEI as partner, index and stats filters, revision as hash")
    func storedObject() throws {
        let la = try LAFixture.la("m-1", receiving: "Receiving.Example", stage: .changesProposed(proposalID: "p-2"))
        let object = LAFixture.object(la, marks: LAMarks(approvedProposalIDs: ["p-1"], rejectedProposalID: "p-2"), revision: 4)
        #expect(object.kind == "omobility-la" && object.heiID == LAFixture.sendingHEI && object.objectID == "m-1")
        #expect(object.partnerHEIs == ["receiving.example"])
        #expect(object.hash == "4" && OwnLAStorage.revision(object) == 4 && OwnLAStorage.revision(nil) == 0)
        #expect(object.filterKeys == [
            "receiving-hei-id": ["receiving.example"], "receiving-academic-year-id": ["2026/2027"],
            "global-id": ["urn:schac:personalUniqueCode:int:esi:test:1"], "mobility-type": ["semester"],
            "la-state": ["rejected"], "la-approval": ["modified-after-approval"],
            "approved-proposal-id": ["p-1"], "rejected-proposal-id": ["p-2"],
        ])
        #expect(OwnLAStorage.marks(object) == LAMarks(approvedProposalIDs: ["p-1"], rejectedProposalID: "p-2"))
        #expect(try OwnLAStorage.learningAgreement(object) == la)
        #expect(OwnLAStorage.document(la) == object.document)
    }

    @Test("state of the latest version: awaiting, rejected (the current proposal commented), approved")
    func states() throws {
        let proposed = try LAFixture.la("m", stage: .proposedFirstVersion(proposalID: "p-1"))
        #expect(LAState(proposed, marks: LAMarks()) == .awaiting)
        #expect(LAState(proposed, marks: LAMarks(rejectedProposalID: "p-1")) == .rejected)
        #expect(LAState(proposed, marks: LAMarks(rejectedProposalID: "p-0")) == .awaiting)
        #expect(LAState(try LAFixture.la("m", stage: .signedFirstVersion), marks: LAMarks(rejectedProposalID: "p-1")) == .approved)
    }

    @Test("approval history for stats: never approved, first version only, modified after approval")
    func approvalHistory() throws {
        #expect(LAApprovalHistory(try LAFixture.la("m", stage: .proposedFirstVersion(proposalID: "p"))) == .neverApproved)
        #expect(LAApprovalHistory(try LAFixture.la("m", stage: .signedFirstVersion)) == .notModifiedAfterApproval)
        #expect(LAApprovalHistory(try LAFixture.la("m", stage: .changesProposed(proposalID: "p"))) == .modifiedAfterApproval)
        var changed = try LAFixture.la("m", stage: .signedFirstVersion)
        changed.approvedChanges = changed.firstVersion
        #expect(LAApprovalHistory(changed) == .modifiedAfterApproval)
    }

    @Test("approving a proposed first version makes it the first version, signed by the receiving HEI as sent")
    func approveFirstVersion() throws {
        let la = try LAFixture.la("m", stage: .proposedFirstVersion(proposalID: "p-1"))
        let proposal = try #require(la.changesProposal)
        let signature = Signature(signerName: "Bruno", signerPosition: "Coordinator", signerEmail: "b@r.example",
                                  timestamp: try LAFixture.timestamp("2026-06-01T10:00:00Z"), signerApp: "App")
        let approved = LAUpdates.approved(la, proposal: proposal, signature: signature)
        #expect(approved.changesProposal == nil && approved.approvedChanges == nil)
        #expect(approved.firstVersion?.componentsStudied == proposal.componentsStudied)
        #expect(approved.firstVersion?.receivingHEISignature == signature)
        #expect(approved.firstVersion?.studentSignature == proposal.studentSignature)
        #expect(LAState(approved, marks: LAMarks()) == .approved)
        #expect(GuidelineCheck.findings(for: approved, today: LAFixture.t0).filter { $0.severity == .error }.isEmpty)
    }

    @Test("approving changes makes them the approved changes, keeps the first version, applies changed student data")
    func approveChanges() throws {
        var la = try LAFixture.la("m", stage: .changesProposed(proposalID: "p-2"))
        la.changesProposal?.student = Student(familyName: "Married-Name", globalID: "urn:esi:new")
        let proposal = try #require(la.changesProposal)
        let signature = Signature(signerName: "B", signerPosition: "C", signerEmail: "b@r.example",
                                  timestamp: try LAFixture.timestamp("2026-06-01T10:00:00"))
        let approved = LAUpdates.approved(la, proposal: proposal, signature: signature)
        #expect(approved.firstVersion == la.firstVersion)
        #expect(approved.approvedChanges?.componentsStudied == proposal.componentsStudied)
        #expect(approved.approvedChanges?.receivingHEISignature == signature)
        #expect(approved.student.familyName == "Married-Name" && approved.student.globalID == "urn:esi:new")
        #expect(approved.student.givenNames == la.student.givenNames && approved.student.birthDate == la.student.birthDate)
        #expect(approved.changesProposal == nil)
    }

    @Test("a version record survives the round trip through its stored JSON")
    func versionRecord() async throws {
        let la = try LAFixture.la("m/1", stage: .proposedFirstVersion(proposalID: "p-1"))
        let finding = try #require(GuidelineCheck.findings(for: la, today: LAFixture.at(86_400 * 200)).first { $0.severity == .warning })
        let version = LAVersion(omobilityID: "m/1", revision: 12, event: .imported, at: LAFixture.t0, actorHEI: LAFixture.sendingHEI,
                                changesProposalID: "p-1", findings: [finding], document: OwnLAStorage.document(la))
        let object = OwnLAStorage.object(version, heiID: LAFixture.sendingHEI, receivingHEI: "Receiving.Example")
        #expect(object.kind == "omobility-la-version" && object.objectID == "m/1#000012")
        #expect(object.filterKeys == ["omobility-id": ["m/1"]] && object.partnerHEIs == ["receiving.example"])
        let store = try LAStoreFixture()
        defer { store.remove() }
        try await store.put([LAFixture.object(la), object])
        let history = try await OwnLAStorage.history(store.store, heiID: LAFixture.sendingHEI, omobilityID: "m/1")
        #expect(history == [version])
        #expect(history.first?.findings.first?.rule == finding.rule.id)
        #expect(try XMLReader.parse(Array(history[0].document.utf8)).name == "la")
    }
}
