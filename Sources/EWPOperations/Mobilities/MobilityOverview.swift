import EWPAPIs
import EWPCore
import EWPNotifications
import EWPStore
import EWPXML
import Foundation

/// The whole mobility in one view, per covered HEI: each nomination (ours as the sending HEI, a
/// partner's copy as the receiving HEI) joined by omobility-id with its status on both sides, the
/// learning agreement (`LAOverview`), the transcripts of records (`ToROverview`) and the history of
/// status changes (`MobilityStatusEvents`). An LA or transcript whose nomination we do not hold is
/// listed too (without one), so nothing that carries the id is hidden.
public struct MobilityOverview: Sendable {
    /// What `status` may name: the sending HEI's statuses (ewp-specs-api-omobilities,
    /// get-response.xsd › MobilityStatus), the receiving HEI's (ewp-specs-api-imobilities,
    /// get-response.xsd › NominationStatus), and `flagged`.
    public static let statusFilters = ["nomination", "live", "recognized", "cancelled"] + NominationAnswer.Status.allCases.map(\.rawValue) + ["flagged"]

    let store: any Store

    public init(store: any Store) {
        self.store = store
    }

    /// The mobilities of the covered HEIs `heiIDs`, optionally with one partner only, and only those
    /// whose status on either side is `status` (`flagged`: those with flags).
    public func rows(heiIDs: [HEIID], partnerHEI: HEIID? = nil, status: String? = nil) async throws -> [MobilityRow] {
        var rows: [MobilityRow] = []
        for hei in heiIDs {
            let nominations = try await ourNominations(hei, partnerHEI: partnerHEI) + (try await receivedNominations(hei, partnerHEI: partnerHEI))
            let las = try await LAOverview(store: store).rows(heiIDs: [hei], partnerHEI: partnerHEI)
            let tors = try await ToROverview(store: store).rows(heiIDs: [hei], partnerHEI: partnerHEI)
            let history = try await MobilityStatusEvents.history(store: store, localHEI: hei.value)
            rows += Self.join(heiID: hei, nominations: nominations, learningAgreements: las, transcripts: tors, history: history)
        }
        guard let status else { return rows }
        return rows.filter { row in status == "flagged" ? !row.flags.isEmpty : row.sendingStatus == status || row.receivingStatus == status }
    }

    /// Every mobility `omobilityID` of the covered HEIs `heiIDs` (one per covered HEI and side that
    /// holds something of it; several partners may use the same id).
    public func show(heiIDs: [HEIID], omobilityID: OMobilityID) async throws -> [MobilityRow] {
        try await rows(heiIDs: heiIDs).filter { $0.omobilityID == omobilityID }
    }

    /// Joins by side, partner and omobility-id (pure): one row per key any input holds, sorted by
    /// role, partner and id.
    static func join(heiID: HEIID, nominations: [MobilityNomination], learningAgreements: [LAOverview.Row], transcripts: [ToROverview.Row],
                     history: [String: [MobilityStatusEvent]]) -> [MobilityRow] {
        struct Key: Hashable, Comparable {
            var role: String, partner: String, id: String
            static func < (a: Key, b: Key) -> Bool { (a.role, a.partner, a.id) < (b.role, b.partner, b.id) }
        }
        var rows: [Key: MobilityRow] = [:]
        func row(_ role: LAOverview.Role, _ partner: HEIID, _ id: OMobilityID) -> Key {
            let key = Key(role: role.rawValue, partner: partner.normalized, id: id.value)
            if rows[key] == nil {
                rows[key] = MobilityRow(heiID: heiID, role: role, omobilityID: id, partnerHEI: partner, nomination: nil, learningAgreement: nil,
                                        transcripts: [], history: [], flags: [])
            }
            return key
        }
        for nomination in nominations {
            let key = row(nomination.role, nomination.partnerHEI, nomination.omobilityID)
            rows[key]?.nomination = nomination
        }
        for la in learningAgreements {
            let key = row(la.role, la.partnerHEI, la.omobilityID)
            rows[key]?.learningAgreement = la
        }
        for tor in transcripts {
            let key = row(tor.direction == .received ? .sending : .receiving, tor.partnerHEI, tor.omobilityID)
            rows[key]?.transcripts.append(tor)
        }
        return rows.sorted { $0.key < $1.key }.map { _, row in
            var row = row
            row.history = history[MobilityStatusEvents.mobilityKey(sendingHEI: row.sendingHEI.value, omobilityID: row.omobilityID.value)] ?? []
            row.flags = MobilityFlags.flags(sendingStatus: row.sendingStatus, receivingStatus: row.receivingStatus,
                                            hasLearningAgreement: row.learningAgreement != nil, hasTranscript: !row.presentTranscripts.isEmpty)
            return row
        }
    }

    /// Our nominations (we are the sending HEI) with the receiving HEIs' answers as last pulled.
    private func ourNominations(_ hei: HEIID, partnerHEI: HEIID?) async throws -> [MobilityNomination] {
        let ids = try await store.ownObjectIDs(kind: OwnOMobilityStorage.kind, heiID: hei.value, partnerHEI: partnerHEI?.normalized, filters: [:], modifiedSince: nil)
        let answers = try await store.partnerCopies(api: PullSource.imobilities.rawValue, localHEI: hei.value, partnerHEI: partnerHEI?.value, includeDeleted: false)
        let byKey = Dictionary(answers.compactMap { copy in Self.answer(copy.document).map { ("\(HEIID(copy.partnerHEI).normalized) \(copy.objectID)", $0) } },
                               uniquingKeysWith: { first, _ in first })
        var out: [MobilityNomination] = []
        for start in stride(from: 0, to: ids.count, by: 500) {
            for object in try await store.ownObjects(kind: OwnOMobilityStorage.kind, heiID: hei.value, ids: Array(ids[start..<min(start + 500, ids.count)])) {
                guard let element = try? OwnOMobilityStorage.element(object), let mobility = try? OutgoingMobility(element) else { continue }
                out.append(MobilityNomination(role: .sending, partnerHEI: mobility.receivingHEI, omobilityID: mobility.omobilityID, status: mobility.status,
                                              academicYear: mobility.receivingAcademicYear, studentName: Self.studentName(element),
                                              answer: byKey["\(mobility.receivingHEI.normalized) \(mobility.omobilityID.value)"], changedAt: object.modifiedAt))
            }
        }
        return out
    }

    /// Partners' nominations we received (we are the receiving HEI) with our answers (`pending`
    /// until our staff act).
    private func receivedNominations(_ hei: HEIID, partnerHEI: HEIID?) async throws -> [MobilityNomination] {
        let copies = try await store.partnerCopies(api: PullSource.omobilities.rawValue, localHEI: hei.value, partnerHEI: partnerHEI?.value, includeDeleted: false)
        var answers: [String: OwnObject] = [:]
        let ids = copies.map(\.objectID)
        for start in stride(from: 0, to: ids.count, by: 500) {
            for object in try await store.ownObjects(kind: OwnNominationAnswerStorage.kind, heiID: hei.value, ids: Array(ids[start..<min(start + 500, ids.count)])) {
                answers[object.objectID] = object
            }
        }
        return copies.compactMap { copy in
            guard let element = copy.document.flatMap({ try? XMLReader.parse($0) }), let mobility = try? OutgoingMobility(element) else { return nil }
            let sending = HEIID(copy.partnerHEI)
            // Our answer is stored by omobility-id; it belongs to this partner's nomination only when it names this partner.
            let ours = answers[copy.objectID].flatMap { $0.partnerHEIs.contains(sending.normalized) ? OwnNominationAnswerStorage.answer($0) : nil }
            return MobilityNomination(role: .receiving, partnerHEI: sending, omobilityID: OMobilityID(copy.objectID), status: mobility.status,
                                      academicYear: mobility.receivingAcademicYear, studentName: Self.studentName(element),
                                      answer: ours ?? NominationAnswer(omobilityID: OMobilityID(copy.objectID)), changedAt: copy.changedAt)
        }
    }

    static func answer(_ document: [UInt8]?) -> NominationAnswer? {
        document.flatMap { try? XMLReader.parse($0) }.flatMap(NominationAnswer.init)
    }

    /// "given-names family-name" of the mobility's `student` (first of each).
    static func studentName(_ element: XElement) -> String? {
        let ns = OMobilitiesAPI.getResponseNamespace
        guard let student = element.element("student", namespace: ns) else { return nil }
        let name = ["given-names", "family-name"].compactMap { student.element($0, namespace: ns)?.text.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }.joined(separator: " ")
        return name.isEmpty ? nil : name
    }
}
