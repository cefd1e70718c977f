// Learning agreements and transcripts end to end between two institutions, each with its own real
// node process: A (the sending HEI) imports an LA with a changes proposal; B (the
// receiving HEI) pulls it after A's CNR and comments (`ewp-node la comment`); A imports a new
// proposal; B approves (`POST /admin/las/approve`); A's LA holds the approved version and B's copy
// shows it approved. B then issues a ToR for the mobility and A pulls it after B's ToR CNR. Last, an
// approval that the Erasmus+ guidelines block: the node names the rule and A receives no request.
import EWPAPIs
import EWPModel
import EWPNode
@testable import EWPOperations
import EWPStore
import EWPTestSupport
import EWPXML
import Foundation
import Testing

private let heiA = "a.test.example"
private let heiB = "b.test.example"

@Suite("LAs and ToRs between two real nodes", .serialized, .timeLimit(.minutes(6)))
struct LAToRTwoNodeProcessTests {
    static let omobilityID = "om-e2e-1"

    func importLA(_ net: PartnerNetwork, _ stage: LADocuments.Stage, id: String = omobilityID, replacement: String = "Distributed Systems") async throws {
        try await importDocument(net, node: 0, LADocuments.response([LADocuments.la(id, sending: heiA, receiving: heiB, stage: stage, replacement: replacement)]))
    }

    /// A's own LA as stored.
    func storedLA(_ net: PartnerNetwork, id: String = omobilityID) async throws -> (la: LearningAgreement, object: OwnObject) {
        let store = try await net.node(0).store()
        let object = try #require(try await store.ownObjects(kind: OwnLAStorage.kind, heiID: heiA, ids: [id]).first)
        return (try #require(try OwnLAStorage.learningAgreement(object)), object)
    }

    /// B's copy of A's LA, once `condition` holds.
    func copyAtB(_ net: PartnerNetwork, _ what: String, id: String = omobilityID,
                 until condition: (LearningAgreement) -> Bool) async throws -> LearningAgreement {
        let store = try await net.node(1).store()
        let deadline = ContinuousClock.now + .seconds(45)
        while true {
            let copy = try await store.partnerCopy(api: "omobility-las", localHEI: heiB, partnerHEI: heiA, objectID: id)
            if let document = copy?.document, let la = try? LearningAgreement(XMLReader.parse(document)), condition(la) { return la }
            guard ContinuousClock.now < deadline else {
                throw E2EError("B's copy of \(id): \(what) did not happen: \(copy.map { String(decoding: $0.document ?? [], as: UTF8.self) } ?? "no copy")\n\(net.logs(2000))")
            }
            try await Task.sleep(for: .milliseconds(200))
        }
    }

    func admin(_ net: PartnerNetwork, node: Int, _ pathAndQuery: String) async throws -> (status: Int, json: [String: Any]) {
        let response = try await net.http.send(.init(method: "POST", url: net.node(node).baseURL + "/admin" + pathAndQuery,
                                                     headers: [(name: "Authorization", value: "Bearer test-admin-token")], timeout: .seconds(30)))
        let json = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] ?? [:]
        return (response.status, json)
    }

    /// How many `update` requests A has answered (its Prometheus counter, every status).
    func updatesAnsweredByA(_ net: PartnerNetwork) async throws -> Int {
        let response = try await net.http.send(.init(url: net.node(0).baseURL + "/metrics", timeout: .seconds(10)))
        return String(decoding: response.body, as: UTF8.self).split(separator: "\n")
            .filter { $0.hasPrefix("ewp_requests_total{") && $0.contains("api=\"omobility-las-update\"") }
            .compactMap { $0.split(separator: " ").last.flatMap { Double($0) } }.reduce(0) { $0 + Int($1) }
    }

    @Test("Comment, new proposal, approval, both sides show the approved version; B's ToR reaches A; a guideline error blocks an approval before any request",
          arguments: NetworkDatabase.all)
    func lifecycle(database: NetworkDatabase) async throws {
        try await PartnerNetwork.run(partners: [], nodes: 2, heis: [heiA, heiB], oneHEIPerNode: true, database: database,
                                     nodeEnvironment: fastNotificationEnvironment) { net in
            try await commentThenApprove(net)
            try await transcript(net)
            try await blockedApproval(net)
        }
    }

    func commentThenApprove(_ net: PartnerNetwork) async throws {
        let id = Self.omobilityID
        // A's LA with a changes proposal; B pulls it after A's CNR.
        try await importLA(net, .changesProposed(proposalID: "p-1"))
        _ = try await copyAtB(net, "pulled with proposal p-1") { $0.changesProposal?.id == "p-1" }

        // B comments, as a command against its own database.
        let comment = "Distributed Systems clashes with the student's timetable; propose Cloud Computing."
        let commented = try await runNodeCommand(net, ["la", "comment", "--sending-hei", heiA, "--omobility-id", id, "--comment", comment,
                                                       "--signer-name", "Bruno Receiver", "--signer-email", "bruno@\(heiB)"], node: 1)
        #expect(commented.status == 0, "\(commented.output)")
        #expect(commented.output.contains("commented on changes proposal p-1"), "\(commented.output)")
        let afterComment = try await storedLA(net)
        #expect(afterComment.la.changesProposal?.id == "p-1")
        #expect(OwnLAStorage.marks(afterComment.object).rejectedProposalID == "p-1")
        let history = try await OwnLAStorage.history(try await net.node(0).store(), heiID: heiA, omobilityID: id)
        let recorded = try #require(history.last)
        #expect(recorded.comment == comment && recorded.signature?.signerName == "Bruno Receiver", "\(recorded)")
        #expect(recorded.signature?.signerPosition == LASigner.defaultPosition && recorded.signature?.signerApp == "ewp-node")

        // A answers with a new proposal; B pulls it.
        try await importLA(net, .changesProposed(proposalID: "p-2"), replacement: "Cloud Computing")
        _ = try await copyAtB(net, "pulled with proposal p-2") { $0.changesProposal?.id == "p-2" }

        // B approves through its admin API (default signer: the IRO, the admin e-mail).
        let approved = try await admin(net, node: 1, "/las/approve?sending_hei=\(heiA)&omobility_id=\(id)")
        #expect(approved.status == 200, "\(approved.json)")
        #expect(approved.json["changes_proposal_id"] as? String == "p-2")
        #expect(approved.json["pending_proposal_after"] is NSNull, "\(approved.json)")
        let findings = try #require(approved.json["findings"] as? [[String: Any]])
        #expect(findings.allSatisfy { $0["severity"] as? String == "warning" }, "warnings are returned, errors would have blocked: \(findings)")
        let signature = approved.json["signature"] as? [String: Any]
        #expect(signature?["signer_name"] as? String == "International Relations Office")
        #expect(signature?["signer_email"] as? String == "ewp-admin@\(heiA)", "the harness's EWP_ADMIN_EMAIL")

        // A holds the approved version; B's copy shows it approved, nothing pending.
        let final = try await storedLA(net).la
        #expect(final.changesProposal == nil)
        let changes = try #require(final.approvedChanges)
        #expect(changes.componentsStudied?.contains { $0.title == "Cloud Computing" && $0.status == .inserted } == true)
        #expect(changes.receivingHEISignature?.signerName == "International Relations Office")
        let copy = try await copyAtB(net, "shows the approval") { $0.changesProposal == nil }
        #expect(copy == final, "B's copy is A's LA as served")
    }

    func transcript(_ net: PartnerNetwork) async throws {
        let id = Self.omobilityID
        // B (the receiving HEI) issues the ToR; A hears B's ToR CNR and pulls it.
        try await importDocument(net, node: 1, ToRDocuments.v2([id], issuer: heiB), extra: ["--sending-hei", heiA])
        let store = try await net.node(0).store()
        let deadline = ContinuousClock.now + .seconds(45)
        while try await store.partnerCopy(api: "imobility-tors", localHEI: heiA, partnerHEI: heiB, objectID: id)?.document == nil {
            guard ContinuousClock.now < deadline else { throw E2EError("A never pulled B's ToR \(id)\n\(net.logs(3000))") }
            try await Task.sleep(for: .milliseconds(200))
        }
        let copy = try #require(try await store.partnerCopy(api: "imobility-tors", localHEI: heiA, partnerHEI: heiB, objectID: id))
        let tor = try XMLReader.parse(try #require(copy.document))
        #expect(tor.name == "tor" && tor.children.first { $0.name == "omobility-id" }?.text == id)
    }

    func blockedApproval(_ net: PartnerNetwork) async throws {
        // A's system bypassed the guideline check (written straight into A's database): no provisions-url.
        let id = "om-e2e-bad"
        let text = LADocuments.response([LADocuments.la(id, sending: heiA, receiving: heiB, stage: .changesProposed(proposalID: "p-bad"), provisions: false)])
        let la = try #require(try OMobilityLAsGetResponse(XMLReader.parse(Array(text.utf8))).learningAgreements.first)
        let now = Date()
        try await net.node(0).store().commit(
            ChangeSet(upserts: [OwnLAStorage.object(la, heiID: heiA, marks: LAMarks(), revision: 1, modifiedAt: now)], notificationsExpireAt: now), now: now)

        let before = try await updatesAnsweredByA(net)
        #expect(before == 2, "the comment and the approval")
        let refused = try await runNodeCommand(net, ["la", "approve", "--sending-hei", heiA, "--omobility-id", id], node: 1)
        #expect(refused.status != 0)
        #expect(refused.output.contains("LA-PROVISIONS-URL") && refused.output.contains("not approved"), "\(refused.output)")
        let viaAdmin = try await admin(net, node: 1, "/las/approve?sending_hei=\(heiA)&omobility_id=\(id)")
        #expect(viaAdmin.status == 409)
        #expect(viaAdmin.json["reason"] as? String == "guideline-errors")
        #expect((viaAdmin.json["findings"] as? [[String: Any]])?.compactMap { $0["rule"] as? String } == ["LA-PROVISIONS-URL"], "\(viaAdmin.json)")

        #expect(try await updatesAnsweredByA(net) == before, "no update request reached A")
        let stored = try await storedLA(net, id: id)
        #expect(stored.la.changesProposal?.id == "p-bad" && OwnLAStorage.revision(stored.object) == 1)
        // B still pulled it fresh and holds the copy it judged.
        _ = try await copyAtB(net, "pulled before refusing", id: id) { $0.changesProposal?.id == "p-bad" }
    }
}
