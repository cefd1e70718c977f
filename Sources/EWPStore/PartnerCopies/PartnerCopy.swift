import EWPCore
import Foundation

/// What we pulled from a partner: one of its objects, as last seen.
public struct PartnerCopy: Sendable, Equatable {
    /// The API it came from: "iias", "iias-approval", "omobility-las", "imobility-tors".
    public var api: String
    public var localHEI: String
    public var partnerHEI: String
    /// The partner's id of the object.
    public var objectID: String
    /// The object's XML element as received; nil = deleted or hidden from us.
    public var document: [UInt8]?
    /// Our own computed hash where the API has one (iia-hash).
    public var hash: String?
    /// The last pull that saw it (or saw it missing).
    public var seenAt: Date
    /// When document or hash last changed.
    public var changedAt: Date

    public init(api: String, localHEI: String, partnerHEI: String, objectID: String, document: [UInt8]?,
                hash: String?, seenAt: Date, changedAt: Date) {
        self.api = api
        self.localHEI = localHEI
        self.partnerHEI = partnerHEI
        self.objectID = objectID
        self.document = document
        self.hash = hash
        self.seenAt = seenAt
        self.changedAt = changedAt
    }

    /// This copy as saved over `existing` (same identity): when document and hash are unchanged, the
    /// existing changedAt stays, so changedAt always says when the content last changed.
    public func saved(over existing: PartnerCopy?) -> PartnerCopy {
        guard let existing, existing.document == document, existing.hash == hash else { return self }
        var kept = self
        kept.changedAt = existing.changedAt
        return kept
    }

    /// The stored and compared form of a SCHAC id (case-insensitive, so kept lower-cased: `HEIID`'s rule).
    public static func heiKey(_ hei: String) -> String { HEIID(hei).normalized }

    /// Throws when an identifying field is empty.
    public func validate() throws {
        try StoreError.requireNonEmpty(["api": api, "localHEI": localHEI, "partnerHEI": partnerHEI, "objectID": objectID],
                                       in: "partner copy \(api)/\(localHEI)/\(partnerHEI)/\(objectID)")
    }
}
