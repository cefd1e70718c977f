import EWPAPIs
import EWPCore
import EWPModel
import EWPStore
import EWPXML
import Foundation

/// The institution's view of its IIAs: each of ours with the approval state on both sides, the
/// partners' copies waiting for our approval, and why two copies hash differently.
public struct IIAOverview: Sendable {
    let store: any Store

    public init(store: any Store) {
        self.store = store
    }

    public struct Row: Sendable {
        public var heiID: HEIID
        public var iiaID: IIAID
        public var partnerHEI: HEIID
        public var partnerIIAID: IIAID?
        public var hash: String?
        /// The partner approved our current version.
        public var partnerApproved: Bool
        /// We approved the partner's current copy.
        public var locallyApproved: Bool
        public var deleted: Bool
        /// The partner's copy we hold (pulled), its hash, and whether it waits for our approval.
        public var partnerCopyHash: String?
        public var waitingForOurApproval: Bool

        public var json: [String: Any] {
            ["hei": heiID.value, "iia_id": iiaID.value, "partner": partnerHEI.value, "partner_iia_id": partnerIIAID?.value as Any? ?? NSNull(),
             "iia_hash": hash as Any? ?? NSNull(), "partner_approved": partnerApproved, "we_approved": locallyApproved,
             "mutually_approved": partnerApproved && locallyApproved, "deleted": deleted,
             "partner_copy_hash": partnerCopyHash as Any? ?? NSNull(), "waiting_for_our_approval": waitingForOurApproval]
        }

        public var line: String {
            "\(heiID) \(iiaID) <-> \(partnerHEI) \(partnerIIAID?.value ?? "(unmapped)")  partner-approved: \(partnerApproved ? "yes" : "no")"
                + "  we-approved: \(locallyApproved ? "yes" : "no")" + (waitingForOurApproval ? "  WAITING FOR OUR APPROVAL" : "")
                + (deleted ? "  (deleted)" : "")
        }
    }

    public func rows(heiIDs: [HEIID], partnerHEI: HEIID?) async throws -> [Row] {
        var rows: [Row] = []
        for hei in heiIDs.map(\.value) {
            let ids = try await store.ownObjectIDs(kind: OwnIIAStorage.kind, heiID: hei, partnerHEI: partnerHEI?.normalized,
                                                   filters: [:], modifiedSince: nil)
            rows += try await self.rows(hei, ids: ids)
        }
        return rows
    }

    /// Our live IIA `iiaID` of `heiID`; nil when it holds none (or deleted it).
    public func row(heiID: HEIID, iiaID: IIAID) async throws -> Row? {
        try await rows(heiID.value, ids: [iiaID.value]).first { !$0.deleted }
    }

    /// One page of `heiID`'s live IIAs, sorted by our iia-id: `search` (part of our iia-id, of the
    /// partner's HEI or of the partner's iia-id) is applied by the store, which gives only the page's
    /// ids, so only the page's documents are read. `matching` (an approval state) depends on the
    /// approvals and the partner's copy, which the store does not index (see `ListPage.read`).
    public func page(heiID: HEIID, search: String?, matching: (@Sendable (Row) -> Bool)? = nil, limit: Int, offset: Int) async throws -> ListPage<Row> {
        let hei = heiID.value
        return try await ListPage.read(limit: limit, offset: offset, matching: matching) { limit, offset in
            let page = try await store.ownObjectIDPage(kind: OwnIIAStorage.kind, heiID: hei, search: search, searchKeys: [OwnIIAStorage.partnerIIAKey],
                                                       limit: limit, offset: offset)
            return (try await rows(hei, ids: page.ids), page.ids.count, page.total)
        }
    }

    /// The rows of `hei`'s IIAs `ids`, sorted by iia-id.
    private func rows(_ hei: String, ids: [String]) async throws -> [Row] {
        let objects = try await store.ownObjects(kind: OwnIIAStorage.kind, heiID: hei, ids: ids)
        let states = try await StoredIIAApprovals(store: store).states(heiID: hei, iias: objects)
        var rows: [Row] = []
        for object in objects {
            rows.append(try await row(object, state: states[object.objectID] ?? IIAApprovalState()))
        }
        return rows
    }

    private func row(_ object: OwnObject, state: IIAApprovalState) async throws -> Row {
        let iia = try OwnIIAStorage.element(object).flatMap { try? IIA($0) }
        let partner = iia?.partner.heiID ?? object.partnerHEIs.first ?? ""
        var row = Row(heiID: HEIID(object.heiID), iiaID: IIAID(object.objectID), partnerHEI: HEIID(partner),
                      partnerIIAID: iia?.partner.iiaID.map(IIAID.init), hash: object.hash,
                      partnerApproved: state.partnerApproved, locallyApproved: state.localApproved,
                      deleted: object.isTombstone, partnerCopyHash: nil, waitingForOurApproval: false)
        if let partnerIIAID = row.partnerIIAID,
           let copy = try await store.partnerCopy(api: "iias", localHEI: object.heiID, partnerHEI: partner, objectID: partnerIIAID.value),
           let document = copy.document {
            row.partnerCopyHash = copy.hash
            let valid = (try? XMLReader.parse(document)).map(IIAHash.isValidForApproval) ?? false
            row.waitingForOurApproval = valid && !row.locallyApproved
        }
        return row
    }

    /// The partner's copy of an IIA as we last pulled it (nil when we hold none or it is gone).
    public func partnerCopy(heiID: HEIID, partnerHEI: HEIID, partnerIIAID: IIAID) async throws -> PartnerCopy? {
        try await store.partnerCopy(api: "iias", localHEI: heiID.value, partnerHEI: partnerHEI.value, objectID: partnerIIAID.value)
    }

    /// Our copy of an IIA beside the partner's, as the texts their iia-hashes are computed from.
    public struct Comparison: Sendable {
        public var heiID: HEIID
        public var iiaID: IIAID
        public var ourHash: String
        public var ourText: String
        public var partnerHEI: HEIID?
        public var partnerIIAID: IIAID?
        /// The partner's copy, when we hold it.
        public var partnerHash: String?
        public var partnerText: String?
        /// Why there is no partner copy to compare with (nil when there is one).
        public var noPartnerCopy: String?
        /// Where the two texts differ (`IIAHash.explainDifference`); nil when identical or no copy.
        public var difference: String?
        /// How the cooperation conditions differ, in words (`IIAHash.plainDifferences`): empty when
        /// they agree; nil when there is no copy or a text is unreadable.
        public var plainDifferences: [String]?
    }

    /// Our IIA `id` of `hei` beside the partner's copy; nil when `hei` holds no such IIA.
    public func compare(heiID hei: HEIID, iiaID id: IIAID) async throws -> Comparison? {
        guard let object = try await store.ownObjects(kind: OwnIIAStorage.kind, heiID: hei.value, ids: [id.value]).first,
              let element = try OwnIIAStorage.element(object) else {
            return nil
        }
        var comparison = Comparison(heiID: hei, iiaID: id, ourHash: IIAHash.hash(element), ourText: IIAHash.textToHash(element))
        guard let iia = try? IIA(element), let partnerIIAID = iia.partner.iiaID else {
            comparison.noPartnerCopy = "our copy is not mapped to a partner IIA yet: there is no partner copy to compare with"
            return comparison
        }
        comparison.partnerHEI = HEIID(iia.partner.heiID)
        comparison.partnerIIAID = IIAID(partnerIIAID)
        guard let copy = try await store.partnerCopy(api: "iias", localHEI: hei.value, partnerHEI: iia.partner.heiID, objectID: partnerIIAID),
              let document = copy.document, let theirs = try? XMLReader.parse(document) else {
            comparison.noPartnerCopy = "we hold no copy of \(iia.partner.heiID)'s IIA \(partnerIIAID): it is pulled after its CNR or by `ewp-node sync --partner \(iia.partner.heiID)`"
            return comparison
        }
        comparison.partnerHash = IIAHash.hash(theirs)
        comparison.partnerText = IIAHash.textToHash(theirs)
        comparison.difference = IIAHash.explainDifference(ours: comparison.ourText, theirs: comparison.partnerText ?? "")
        comparison.plainDifferences = IIAHash.plainDifferences(ours: comparison.ourText, theirs: comparison.partnerText ?? "")
        return comparison
    }

    /// Our copy's text-to-hash beside the partner's copy's, and where they differ.
    public func explain(heiID hei: HEIID, iiaID id: IIAID) async throws -> String {
        guard let comparison = try await compare(heiID: hei, iiaID: id) else { return "\(hei.value) has no IIA \(id.value)" }
        var out = "our copy (\(hei.value) \(id.value)), iia-hash \(comparison.ourHash):\n\(comparison.ourText)\n"
        if let missing = comparison.noPartnerCopy { return out + "\n" + missing }
        out += "\n\(comparison.partnerHEI?.value ?? "")'s copy (\(comparison.partnerIIAID?.value ?? "")), iia-hash \(comparison.partnerHash ?? ""):\n"
        out += "\(comparison.partnerText ?? "")\n\n"
        out += comparison.difference ?? "the two texts are identical"
        return out
    }
}
