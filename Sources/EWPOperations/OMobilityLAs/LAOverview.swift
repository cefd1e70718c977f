import EWPAPIs
import EWPCore
import EWPModel
import EWPStore
import Foundation

/// The institution's view of its learning agreements: ours (we are
/// the sending HEI: `OwnLAStorage`) and partners' (we are the receiving HEI: partner copies of
/// `omobility-las`), each with its state per party, its history, and its guideline findings.
///
/// Findings: for ours, the warnings recorded by the import that made the current content (errors
/// reject an import, so ours have none); for partners', computed from the copy against the day it
/// changed (`PartnerLAFindings`). A partner's state per party and history include our answers to
/// its proposals (`LAAnswers`): we are its receiving HEI, so we know whether we commented.
public struct LAOverview: Sendable {
    let store: any Store

    public init(store: any Store) {
        self.store = store
    }

    /// Our LAs and partners' LAs of the covered HEIs `heiIDs`, optionally one role or one partner.
    public func rows(heiIDs: [HEIID], role: Role? = nil, partnerHEI: HEIID? = nil) async throws -> [Row] {
        var rows: [Row] = []
        for hei in heiIDs.map(\.value) {
            if role != .receiving { rows += try await ourRows(hei, partnerHEI: partnerHEI) }
            if role != .sending { rows += try await partnerRows(hei, partnerHEI: partnerHEI) }
        }
        return rows
    }

    /// One page of `heiID`'s LAs of one `role`: ours sorted by omobility-id, partners' by sending HEI
    /// and omobility-id, cut by the store, so only the page's documents are read. `matching` (a
    /// search or a state, made of the documents) is applied here (see `ListPage.read`).
    public func page(heiID: HEIID, role: Role, matching: (@Sendable (Row) -> Bool)? = nil, limit: Int, offset: Int) async throws -> ListPage<Row> {
        let hei = heiID.value
        return try await ListPage.read(limit: limit, offset: offset, matching: matching) { limit, offset in
            switch role {
            case .sending:
                let page = try await store.ownObjectIDPage(kind: OwnLAStorage.kind, heiID: hei, search: nil, searchKeys: [], limit: limit, offset: offset)
                return (try await ourRows(hei, ids: page.ids), page.ids.count, page.total)
            case .receiving:
                let page = try await store.partnerCopyPage(api: PartnerLAFindings.api, localHEI: hei, limit: limit, offset: offset)
                return (try await partnerRows(hei, copies: page.copies), page.copies.count, page.total)
            }
        }
    }

    private func ourRows(_ hei: String, partnerHEI: HEIID?) async throws -> [Row] {
        let ids = try await store.ownObjectIDs(kind: OwnLAStorage.kind, heiID: hei, partnerHEI: partnerHEI?.normalized,
                                               filters: [:], modifiedSince: nil)
        return try await ourRows(hei, ids: ids)
    }

    private func ourRows(_ hei: String, ids: [String]) async throws -> [Row] {
        let objects = try await store.ownObjects(kind: OwnLAStorage.kind, heiID: hei, ids: ids)
        let findings = try await importFindings(hei, objects)
        return objects.map { ourRow($0, findings: findings[$0.objectID] ?? []) }
    }

    private func ourRow(_ object: OwnObject, findings: [LAVersion.FindingRecord]) -> Row {
        var la: LearningAgreement?, problem: String?
        do { la = try OwnLAStorage.learningAgreement(object) } catch { problem = error.description }
        return Row(heiID: HEIID(object.heiID), role: .sending, omobilityID: OMobilityID(object.objectID),
                   partnerHEI: HEIID(la?.receivingHEI.heiID ?? object.partnerHEIs.first ?? ""), la: la, marks: OwnLAStorage.marks(object),
                   lastChange: object.modifiedAt, findings: findings, problem: problem)
    }

    /// Partners' LAs with our answers to their pending proposals (`LAAnswers`), one batch per HEI.
    private func partnerRows(_ hei: String, partnerHEI: HEIID?) async throws -> [Row] {
        try await partnerRows(hei, copies: try await store.partnerCopies(api: PartnerLAFindings.api, localHEI: hei, partnerHEI: partnerHEI?.value,
                                                                         includeDeleted: false))
    }

    private func partnerRows(_ hei: String, copies: [PartnerCopy]) async throws -> [Row] {
        let checked = copies.map { ($0, PartnerLAFindings.check($0)) }
        let pendingIDs = checked.compactMap { copy, checked in
            checked?.la?.changesProposal.map { LAAnswers.objectID(sendingHEI: copy.partnerHEI, omobilityID: copy.objectID, changesProposalID: $0.id) }
        }
        let answers = try await LAAnswers.answers(store: store, localHEI: hei, objectIDs: pendingIDs)
        return checked.map { copy, checked in
            let pending = checked?.la?.changesProposal.flatMap {
                answers[LAAnswers.objectID(sendingHEI: copy.partnerHEI, omobilityID: copy.objectID, changesProposalID: $0.id)]
            }
            return partnerRow(copy, checked, answers: pending.map { [$0] } ?? [])
        }
    }

    /// `answers`: ours to this LA's proposals (at least to the pending one), oldest first.
    private func partnerRow(_ copy: PartnerCopy, _ checked: PartnerLAFindings.Checked?, answers: [LAAnswer]) -> Row {
        Row(heiID: HEIID(copy.localHEI), role: .receiving, omobilityID: OMobilityID(copy.objectID), partnerHEI: HEIID(copy.partnerHEI), la: checked?.la,
            marks: checked?.la.map { LAAnswers.marks($0, answers: answers) },
            lastChange: copy.changedAt, findings: (checked?.findings ?? []).map(LAVersion.FindingRecord.init),
            problem: checked == nil ? "deleted by the partner, or no longer shown to us" : checked?.problem)
    }

    /// For each of our LAs, the findings of the import that made its current content: the latest
    /// `imported` version record, found walking back from the current revision (approvals and
    /// comments in between record none), a batch of records per step.
    private func importFindings(_ hei: String, _ objects: [OwnObject]) async throws -> [String: [LAVersion.FindingRecord]] {
        var out: [String: [LAVersion.FindingRecord]] = [:]
        var pending = Dictionary(objects.map { ($0.objectID, OwnLAStorage.revision($0)) }, uniquingKeysWith: { a, _ in a }).filter { $0.value > 0 }
        while !pending.isEmpty {
            let ids = pending.map { OwnLAStorage.versionID($0.key, revision: $0.value) }
            let versions = try await store.ownObjects(kind: OwnLAStorage.versionKind, heiID: hei, ids: ids)
                .compactMap { $0.document.flatMap(LAVersion.init(json:)) }
            var next: [String: Int] = [:]
            for (id, revision) in pending {
                if let version = versions.first(where: { $0.omobilityID == id && $0.revision == revision }), version.event == .imported {
                    out[id] = version.findings
                } else if revision > 1 {
                    next[id] = revision - 1
                }
            }
            pending = next
        }
        return out
    }

    // MARK: show

    /// What `show` finds for an omobility-id.
    public enum Lookup: Sendable {
        case found(Detail)
        case notFound
        /// Several LAs carry the id (several partners, or several covered HEIs): these sending HEIs.
        case ambiguous([String])
    }

    /// The LA `omobilityID` held by one of `heiIDs`: ours when `sendingHEI` is nil or one of them,
    /// else (or when we hold none) a partner's copy, from `sendingHEI` when given.
    public func show(heiIDs: [HEIID], omobilityID id: OMobilityID, sendingHEI: HEIID? = nil) async throws -> Lookup {
        var found: [Detail] = []
        let omobilityID = id.value
        for covered in heiIDs {
            let hei = covered.value
            if sendingHEI.map({ $0 == covered }) ?? true,
               let object = try await store.ownObjects(kind: OwnLAStorage.kind, heiID: hei, ids: [omobilityID]).first, !object.isTombstone {
                found.append(try await ourDetail(object))
            }
            for copy in try await partnerCopies(hei, omobilityID: omobilityID, sendingHEI: sendingHEI) { found.append(try await partnerDetail(copy)) }
        }
        switch found.count {
        case 0: return .notFound
        case 1: return .found(found[0])
        default: return .ambiguous(found.map { "\($0.row.sendingHEI) (held by \($0.row.heiID))" })
        }
    }

    /// A partner's copies of `omobilityID` held by `hei`. Without `sendingHEI`, the partners we sync
    /// LAs with (every partner we pulled from is registered) are asked one by one; only when none
    /// holds it are all copies scanned (a copy saved without registration), so a hit stays cheap.
    private func partnerCopies(_ hei: String, omobilityID: String, sendingHEI: HEIID?) async throws -> [PartnerCopy] {
        let api = PartnerLAFindings.api
        if let sendingHEI {
            return try await store.partnerCopy(api: api, localHEI: hei, partnerHEI: sendingHEI.value, objectID: omobilityID).map { [$0] } ?? []
        }
        var found: [PartnerCopy] = []
        for state in try await store.syncStates() where state.api == api && HEIID(state.localHEI) == HEIID(hei) {
            if let copy = try await store.partnerCopy(api: api, localHEI: hei, partnerHEI: state.partnerHEI, objectID: omobilityID) { found.append(copy) }
        }
        guard found.isEmpty else { return found }
        return try await store.partnerCopies(api: api, localHEI: hei, partnerHEI: nil, includeDeleted: true).filter { $0.objectID == omobilityID }
    }

    private func ourDetail(_ object: OwnObject) async throws -> Detail {
        let history = try await OwnLAStorage.history(store, heiID: object.heiID, omobilityID: object.objectID)
        let findings = history.last(where: { $0.event == .imported })?.findings ?? []
        let row = ourRow(object, findings: findings)
        return Detail(row: row, la: try? OwnLAStorage.learningAgreement(object), document: object.document, versions: history, pulled: nil,
                      answers: [], findings: findings, findingsAsOf: history.last(where: { $0.event == .imported })?.at)
    }

    private func partnerDetail(_ copy: PartnerCopy) async throws -> Detail {
        let checked = PartnerLAFindings.check(copy)
        let findings = (checked?.findings ?? []).map(LAVersion.FindingRecord.init)
        let answers = try await LAAnswers.answers(store: store, localHEI: copy.localHEI, sendingHEI: copy.partnerHEI, omobilityID: copy.objectID)
        return Detail(row: partnerRow(copy, checked, answers: answers), la: checked?.la, document: copy.document, versions: [], pulled: copy,
                      answers: answers, findings: findings, findingsAsOf: checked?.asOf)
    }
}
