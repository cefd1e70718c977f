import Foundation

/// A document one of our covered HEIs owns (an IIA, a learning agreement, a transcript of records).
public struct OwnObject: Sendable, Equatable {
    /// "iia", "omobility-la", "imobility-tor".
    public var kind: String
    /// The owner: our covered HEI.
    public var heiID: String
    public var objectID: String
    /// The XML; nil = deleted (a tombstone: the id is never reused).
    public var document: [UInt8]?
    /// Who may see it (input of the API's access rule). A set: stores return it sorted, without duplicates.
    public var partnerHEIs: [String]
    /// Index filters, e.g. ["receiving-academic-year-id": ["2024/2025"]]. Sets of values: stores return each
    /// sorted without duplicates, and drop keys without values.
    public var filterKeys: [String: [String]]
    public var hash: String?
    public var modifiedAt: Date

    public init(kind: String, heiID: String, objectID: String, document: [UInt8]?, partnerHEIs: [String] = [],
                filterKeys: [String: [String]] = [:], hash: String? = nil, modifiedAt: Date) {
        self.kind = kind
        self.heiID = heiID
        self.objectID = objectID
        self.document = document
        self.partnerHEIs = partnerHEIs
        self.filterKeys = filterKeys
        self.hash = hash
        self.modifiedAt = modifiedAt
    }

    public var isTombstone: Bool { document == nil }

    /// The form stores return: partnerHEIs and filter values sorted and unique, keys without values dropped.
    public var normalized: OwnObject {
        var object = self
        object.partnerHEIs = Array(Set(partnerHEIs)).sorted()
        object.filterKeys = filterKeys.compactMapValues { $0.isEmpty ? nil : Array(Set($0)).sorted() }
        return object
    }

    /// Throws when this object may not replace `existing` (same identity, nil if none): an identifying field
    /// or a filter key is empty, modifiedAt is not a finite time, or a live document would reuse the id of
    /// a deleted object.
    public func validate(replacing existing: OwnObject?) throws {
        let subject = "\(kind) \(objectID) of \(heiID)"
        try StoreError.requireNonEmpty(["kind": kind, "heiID": heiID, "objectID": objectID], in: subject)
        guard !filterKeys.keys.contains(""), !partnerHEIs.contains("") else {
            throw StoreError(.invalidInput, "\(subject) has an empty filter key or partner HEI")
        }
        guard modifiedAt.timeIntervalSince1970.isFinite else { throw StoreError(.invalidInput, "\(subject) has no valid modifiedAt") }
        if let existing, existing.isTombstone, !isTombstone {
            throw StoreError(.conflict, "\(subject) was deleted; a deleted object's id is never reused")
        }
    }
}

/// Changes to our own objects and the notifications they cause, applied together.
public struct ChangeSet: Sendable {
    /// A document nil here records a deletion (a tombstone).
    public var upserts: [OwnObject]
    /// Go to the outbox in the same transaction.
    public var notifications: [NotificationKey]
    public var notificationsExpireAt: Date
    /// How the notifications settle before they are due (see `QueueSettling`).
    public var settling: QueueSettling

    public init(upserts: [OwnObject] = [], notifications: [NotificationKey] = [], notificationsExpireAt: Date,
                settling: QueueSettling = .none) {
        self.upserts = upserts
        self.notifications = notifications
        self.notificationsExpireAt = notificationsExpireAt
        self.settling = settling
    }
}
