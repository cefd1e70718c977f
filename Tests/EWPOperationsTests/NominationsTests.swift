import EWPAPIs
import EWPCore
import EWPStore
import EWPTestSupport
import EWPXML
import Foundation
import Testing
@testable import EWPOperations

/// Our answers to the nominations partners send us (Incoming Mobilities v1), on a real SQLite file:
/// the rules of a change, the IMobility CNR queued with it, and `get` serving the answer to the
/// sending HEI only (a received but unanswered nomination reads `pending`).
@Suite("Nominations: our answers as the receiving HEI")
struct NominationsTests {
    static let sending = HEIID("sending.example")
    static let t0 = NodeOperationsQueueTests.t0

    /// A nomination `id` from the sending HEI, as the puller saves it (a partner copy of its Outgoing Mobility).
    static func receive(_ id: String, in fixture: NodeOperationsQueueTests.Fixture) async throws {
        let element = MobilityDocumentsElement.mobility(id, sending: sending.value, receiving: NodeOperationsQueueTests.hei)
        try await fixture.store.savePartnerCopies([PartnerCopy(api: "omobilities", localHEI: NodeOperationsQueueTests.hei, partnerHEI: sending.value,
                                                               objectID: id, document: element, hash: nil, seenAt: t0, changedAt: t0)])
    }

    static func get(_ ids: [String], as requester: HEIID, store: any Store) async throws -> [NominationAnswer] {
        let root = try await IMobilitiesServer(store: store).get(
            servedHEI: HEIID(NodeOperationsQueueTests.hei), requesterHEIs: [requester],
            parameters: RequestParameters([("receiving_hei_id", NodeOperationsQueueTests.hei)] + ids.map { ("omobility_id", $0) }))
        #expect(root.name == "imobilities-get-response" && root.namespace == IMobilitiesAPI.getResponseNamespace)
        let schema = try SchemaCache(directory: RepositoryPaths.schemas).schema(SchemaFile.imobilitiesGetResponse)
        #expect(schema.validate(XMLWriter.document(root)).isEmpty)
        let outcome = try await OfficialSchemas.validate(XMLWriter.document(root), against: RepositoryPaths.spec("ewp-specs-api-imobilities/endpoints/get-response.xsd"))
        #expect(outcome.valid, "\(outcome.messages)")
        return root.children.compactMap(NominationAnswer.init)
    }

    @Test("rules: verify and reject set the status and keep the comment unless a new one is given; dates need a verified nomination, a real date, departure not before arrival")
    func rules() throws {
        let pending = NominationAnswer(omobilityID: "om-1")
        #expect(throws: NominationError.self) { try NominationChange.arrival("2026-09-01").applied(to: pending) }
        let verified = try NominationChange.verify(comment: "Welcome").applied(to: pending)
        #expect(verified.status == .verified && verified.comment == "Welcome")
        #expect(try NominationChange.verify(comment: nil).applied(to: verified).comment == "Welcome")
        #expect(throws: NominationError.self) { try NominationChange.arrival("2026-02-30").applied(to: verified) }
        #expect(throws: NominationError.self) { try NominationChange.arrival("1.9.2026").applied(to: verified) }
        let arrived = try NominationChange.arrival("2026-09-01").applied(to: verified)
        #expect(throws: NominationError.self) { try NominationChange.departure("2026-08-31").applied(to: arrived) }
        #expect(try NominationChange.departure("2027-01-31").applied(to: arrived).actualDepartureDate == "2027-01-31")
        #expect(try NominationChange.reject(comment: "PhD student").applied(to: pending).status == .rejected)
    }

    @Test("verify a received nomination: stored for the sending HEI, the IMobility CNR queued to it; an unknown nomination is refused (404), nothing stored")
    func verifyQueuesTheCNR() async throws {
        let fixture = try NodeOperationsQueueTests.Fixture()
        await #expect(throws: NominationError.self) {
            _ = try await fixture.operations.changeNomination(sendingHEI: Self.sending, omobilityID: "om-1", .verify(comment: nil))
        }
        #expect(try await fixture.store.queueRows(.outbox, filter: QueueFilter()).isEmpty)
        try await Self.receive("om-1", in: fixture)
        let answer = try await fixture.operations.changeNomination(sendingHEI: HEIID("SENDING.example"), omobilityID: "om-1", .verify(comment: "Welcome"))
        #expect(answer.status == .verified)
        let rows = try await fixture.store.queueRows(.outbox, filter: QueueFilter())
        #expect(rows.map(\.key) == [NotificationKey(api: "imobility-cnr", localHEI: NodeOperationsQueueTests.hei, partnerHEI: "sending.example", objectID: "om-1")])
        _ = try await fixture.operations.changeNomination(sendingHEI: Self.sending, omobilityID: "om-1", .arrival("2026-09-01"))
        let served = try await Self.get(["om-1"], as: Self.sending, store: fixture.store)
        #expect(served == [NominationAnswer(omobilityID: "om-1", status: .verified, comment: "Welcome", actualArrivalDate: "2026-09-01")])
    }

    @Test("get: a received, unanswered nomination is pending for its sending HEI; a third HEI and unknown ids see nothing")
    func getAccess() async throws {
        let fixture = try NodeOperationsQueueTests.Fixture()
        try await Self.receive("om-1", in: fixture)
        try await Self.receive("om-2", in: fixture)
        _ = try await fixture.operations.changeNomination(sendingHEI: Self.sending, omobilityID: "om-2", .reject(comment: "Full"))
        let answers = try await Self.get(["om-1", "om-2", "unknown"], as: Self.sending, store: fixture.store)
        #expect(answers.map(\.status) == [.pending, .rejected])
        #expect(try await Self.get(["om-1", "om-2"], as: HEIID("third.example"), store: fixture.store).isEmpty)
    }
}

/// A `student-mobility` element's bytes, as a partner's get answer carries it.
enum MobilityDocumentsElement {
    static func mobility(_ id: String, sending: String, receiving: String) -> [UInt8] {
        let document = MobilityDocuments.getResponse([MobilityDocuments.mobility(id, sending: sending, receiving: receiving)])
        let root = try! XMLReader.parse(Array(document.utf8))
        return XMLWriter.document(root.children[0])
    }
}
