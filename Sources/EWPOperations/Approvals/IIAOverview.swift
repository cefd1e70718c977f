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
            let objects = try await store.ownObjects(kind: OwnIIAStorage.kind, heiID: hei, ids: ids)
            let states = try await StoredIIAApprovals(store: store).states(heiID: hei, iias: objects)
            for object in objects {
                rows.append(try await row(object, state: states[object.objectID] ?? IIAApprovalState()))
            }
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

    /// Our copy's text-to-hash beside the partner's copy's, and where they differ.
    public func explain(heiID hei: HEIID, iiaID id: IIAID) async throws -> String {
        let heiID = hei.value, iiaID = id.value
        guard let object = try await store.ownObjects(kind: OwnIIAStorage.kind, heiID: heiID, ids: [iiaID]).first,
              let element = try OwnIIAStorage.element(object) else {
            return "\(heiID) has no IIA \(iiaID)"
        }
        let ours = IIAHash.textToHash(element)
        var out = "our copy (\(heiID) \(iiaID)), iia-hash \(IIAHash.hash(element)):\n\(ours)\n"
        guard let iia = try? IIA(element), let partnerIIAID = iia.partner.iiaID else {
            return out + "\nour copy is not mapped to a partner IIA yet: there is no partner copy to compare with"
        }
        guard let copy = try await store.partnerCopy(api: "iias", localHEI: heiID, partnerHEI: iia.partner.heiID, objectID: partnerIIAID),
              let document = copy.document, let theirs = try? XMLReader.parse(document) else {
            return out + "\nwe hold no copy of \(iia.partner.heiID)'s IIA \(partnerIIAID): it is pulled after its CNR or by `ewp-node sync --partner \(iia.partner.heiID)`"
        }
        let theirText = IIAHash.textToHash(theirs)
        out += "\n\(iia.partner.heiID)'s copy (\(partnerIIAID)), iia-hash \(IIAHash.hash(theirs)):\n\(theirText)\n\n"
        out += IIAHash.explainDifference(ours: ours, theirs: theirText) ?? "the two texts are identical"
        return out
    }
}
