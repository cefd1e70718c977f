// The receiving side of OMobility LAs `update` against a fake sending HEI (Scripts/fake_partner.py)
// that verifies every signature and answers as scripted: the node pulls the LA fresh, POSTs a
// signed XML update, re-reads after a 409, reports a 400 with the partner's message, and refuses
// without any request when there is nothing to act on or the partner takes no updates. Our answer
// is recorded (own object `omobility-la-answer`) only after the partner's 200, and shown by `la show`.
import EWPStore
import EWPTestSupport
import Foundation
import Testing

private let nodeHEI = "node.test.example"
private let sendingHEI = "sending.test.example"
private let noUpdatesHEI = "no-las.test.example"   // publishes no OMobility LAs API

@Suite("LA update client against a fake sending HEI", .serialized,
       .partnerNetwork(partners: [PartnerSpec(hei: sendingHEI), PartnerSpec(hei: noUpdatesHEI, apis: ["iias"])],
                       nodeEnvironment: fastNotificationEnvironment),
       .timeLimit(.minutes(3)))
struct LAUpdateClientProcessTests {
    /// The partner serves `id` with a pending changes proposal `proposal`.
    func serve(_ net: PartnerNetwork, _ id: String, proposal: String) async throws {
        let la = LADocuments.la(id, sending: sendingHEI, receiving: nodeHEI, stage: .changesProposed(proposalID: proposal))
            .replacingOccurrences(of: "<la>", with: "<la xmlns:trm=\"\(LADocuments.academicTerm)\">")
        try await net.partner(0).setObject(api: "omobility-las", id: id, xml: la)
    }

    func admin(_ net: PartnerNetwork, _ pathAndQuery: String, method: String = "POST") async throws -> (status: Int, json: [String: Any]) {
        let response = try await net.http.send(.init(method: method, url: net.node(0).baseURL + "/admin" + pathAndQuery,
                                                     headers: [(name: "Authorization", value: "Bearer test-admin-token")], timeout: .seconds(30)))
        return (response.status, try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] ?? [:])
    }

    /// `GET /admin/las/show` of the partner's LA `id`: its summary and history.
    func show(_ net: PartnerNetwork, _ id: String) async throws -> (la: [String: Any], history: [[String: Any]]) {
        let shown = try await admin(net, "/las/show?omobility_id=\(id)&sending_hei=\(sendingHEI)", method: "GET")
        #expect(shown.status == 200, "\(shown.json)")
        return (shown.json["la"] as? [String: Any] ?? [:], shown.json["history"] as? [[String: Any]] ?? [])
    }

    /// The answers recorded for the partner's LA `id`, read from the node's database.
    func recordedAnswers(_ net: PartnerNetwork, _ id: String) async throws -> [[String: Any]] {
        let store = try SQLiteStore(path: net.node(0).databasePath)
        let ids = try await store.ownObjectIDs(kind: "omobility-la-answer", heiID: nodeHEI, partnerHEI: sendingHEI,
                                               filters: ["la": ["\(sendingHEI) \(id)"]], modifiedSince: nil)
        return try await store.ownObjects(kind: "omobility-la-answer", heiID: nodeHEI, ids: ids).compactMap { object in
            object.document.flatMap { try? JSONSerialization.jsonObject(with: Data($0)) as? [String: Any] }
        }
    }

    func partnerLog(_ net: PartnerNetwork) async throws -> [PartnerLogEntry] {
        try await net.partner(0).log().filter { $0.path.hasPrefix("/omobility-las/") }
    }

    @Test("Approve: one signed get, one signed XML update naming the proposal, one get after; the answer says what was sent")
    func approves() async throws {
        let net = try requirePartnerNetwork()
        try await net.partner(0).reset()
        try await serve(net, "om-ok", proposal: "prop-ok")
        let done = try await admin(net, "/las/approve?sending_hei=\(sendingHEI)&omobility_id=om-ok&signer_name=Bruno%20Receiver")
        #expect(done.status == 200, "\(done.json)")
        #expect(done.json["changes_proposal_id"] as? String == "prop-ok" && done.json["action"] as? String == "approve")
        let log = try await partnerLog(net)
        #expect(log.map(\.path) == ["/omobility-las/get", "/omobility-las/update", "/omobility-las/get"], "\(log)")
        #expect(log.allSatisfy { $0.verified && $0.callerHeis == [nodeHEI] }, "\(log)")
        let body = try #require(log[1].body)
        #expect(log[1].method == "POST" && body.contains("<approve-proposal-v1>") && body.contains("<changes-proposal-id>prop-ok</changes-proposal-id>"), "\(body)")
        #expect(body.contains("<la:signer-name>Bruno Receiver</la:signer-name>") && body.contains("<la:signer-app>ewp-node</la:signer-app>"), "\(body)")
        #expect(done.json["answer_recorded"] as? Bool == true && done.json["record_problem"] is NSNull, "\(done.json)")

        let answers = try await recordedAnswers(net, "om-ok")
        #expect(answers.count == 1 && answers.first?["action"] as? String == "approve" && answers.first?["changesProposalID"] as? String == "prop-ok",
                "\(answers)")
        #expect((answers.first?["signature"] as? [String: Any])?["signerName"] as? String == "Bruno Receiver")
        // The fake partner still shows prop-ok pending: we approved it, so it is not rejected.
        let shown = try await show(net, "om-ok")
        #expect(shown.la["proposal_rejected"] as? Bool == false && shown.la["state"] as? String == "awaiting", "\(shown.la)")
        #expect(shown.history.map { $0["event"] as? String } == ["pulled", "approved"], "\(shown.history)")
        #expect(shown.history.last?["actor"] as? String == nodeHEI && shown.history.last?["changes_proposal_id"] as? String == "prop-ok")
    }

    @Test("Comment: comment-proposal-v1 with the text; an empty comment is a 400 before any request")
    func comments() async throws {
        let net = try requirePartnerNetwork()
        try await net.partner(0).reset()
        try await serve(net, "om-c", proposal: "prop-c")
        let empty = try await admin(net, "/las/comment?sending_hei=\(sendingHEI)&omobility_id=om-c")
        #expect(empty.status == 400)
        let done = try await admin(net, "/las/comment?sending_hei=\(sendingHEI)&omobility_id=om-c&comment=Take%20Calculus%20II")
        #expect(done.status == 200, "\(done.json)")
        let update = try #require(try await partnerLog(net).first { $0.path == "/omobility-las/update" })
        #expect(update.body?.contains("<comment-proposal-v1>") == true && update.body?.contains("<comment>Take Calculus II</comment>") == true)

        let shown = try await show(net, "om-c")
        #expect(shown.la["proposal_rejected"] as? Bool == true && shown.la["state"] as? String == "rejected", "\(shown.la)")
        let commented = try #require(shown.history.last)
        #expect(shown.history.count == 2 && commented["event"] as? String == "commented" && commented["comment"] as? String == "Take Calculus II",
                "\(shown.history)")
        #expect((commented["signature"] as? [String: Any])?["signer_name"] as? String == "International Relations Office")
    }

    @Test("Accepted but not recorded (the record's id is a deleted object's): still a 200 that says the answer was sent and not recorded")
    func acceptedButNotRecorded() async throws {
        let net = try requirePartnerNetwork()
        try await net.partner(0).reset()
        try await serve(net, "om-f", proposal: "prop-f")
        let store = try SQLiteStore(path: net.node(0).databasePath)
        let blocker = OwnObject(kind: "omobility-la-answer", heiID: nodeHEI, objectID: "\(sendingHEI) om-f prop-f", document: nil, modifiedAt: Date())
        try await store.commit(ChangeSet(upserts: [blocker], notificationsExpireAt: Date()), now: Date())
        let done = try await admin(net, "/las/approve?sending_hei=\(sendingHEI)&omobility_id=om-f")
        #expect(done.status == 200, "\(done.json)")
        #expect(done.json["answer_recorded"] as? Bool == false, "\(done.json)")
        #expect((done.json["record_problem"] as? String)?.contains("accepted the approval, but it could not be recorded") == true, "\(done.json)")
        #expect(try await partnerLog(net).map(\.path) == ["/omobility-las/get", "/omobility-las/update", "/omobility-las/get"])
    }

    @Test("409: the proposal changed — the LA is read again and the partner's message shown; the partner's 400: a 502 with its message")
    func conflictAndBadRequest() async throws {
        let net = try requirePartnerNetwork()
        try await net.partner(0).reset()
        try await serve(net, "om-x", proposal: "prop-x")
        try await net.partner(0).script(path: "/omobility-las/update", responses: ["409", "400"])
        let conflict = try await admin(net, "/las/approve?sending_hei=\(sendingHEI)&omobility_id=om-x")
        #expect(conflict.status == 409)
        #expect(conflict.json["reason"] as? String == "conflict")
        let message = conflict.json["error"] as? String ?? ""
        #expect(message.contains("the proposal changed: re-read") && message.contains("scripted 409") && message.contains("prop-x"), "\(message)")
        #expect(try await partnerLog(net).map(\.path) == ["/omobility-las/get", "/omobility-las/update", "/omobility-las/get"])
        let refused = try await admin(net, "/las/approve?sending_hei=\(sendingHEI)&omobility_id=om-x")
        #expect(refused.status == 502 && refused.json["reason"] as? String == "partner-refused")
        #expect((refused.json["error"] as? String)?.contains("HTTP 400") == true && (refused.json["error"] as? String)?.contains("scripted 400") == true,
                "\(refused.json)")
        // Refused twice: nothing recorded, the LA shows no answer of ours.
        #expect(try await recordedAnswers(net, "om-x").isEmpty)
        let shown = try await show(net, "om-x")
        #expect(shown.la["proposal_rejected"] as? Bool == false && shown.history.map { $0["event"] as? String } == ["pulled"], "\(shown.history)")
    }

    @Test("No request to update when the LA is unknown (404), the partner publishes no OMobility LAs API (400), or there is no proposal (409)")
    func refusedBeforeAnyUpdate() async throws {
        let net = try requirePartnerNetwork()
        try await net.partner(0).reset()
        let unknown = try await admin(net, "/las/approve?sending_hei=\(sendingHEI)&omobility_id=om-none")
        #expect(unknown.status == 404 && unknown.json["reason"] as? String == "not-found", "\(unknown.json)")
        let noAPI = try await admin(net, "/las/approve?sending_hei=\(noUpdatesHEI)&omobility_id=om-1")
        #expect(noAPI.status == 400 && noAPI.json["reason"] as? String == "no-update-endpoint", "\(noAPI.json)")
        let signed = LADocuments.la("om-signed", sending: sendingHEI, receiving: nodeHEI, stage: .signedFirstVersion)
            .replacingOccurrences(of: "<la>", with: "<la xmlns:trm=\"\(LADocuments.academicTerm)\">")
        try await net.partner(0).setObject(api: "omobility-las", id: "om-signed", xml: signed)
        let nothing = try await admin(net, "/las/approve?sending_hei=\(sendingHEI)&omobility_id=om-signed")
        #expect(nothing.status == 409 && nothing.json["reason"] as? String == "no-pending-proposal", "\(nothing.json)")
        #expect(try await partnerLog(net).allSatisfy { $0.path == "/omobility-las/get" })
    }
}
