import EWPCore
import EWPModel
import EWPNotifications
import EWPStore
import EWPXML
import Foundation

/// How our own IIAs live in the generic `OwnObjectStore`:
/// - kind `iia`; heiID = our covered HEI (the first partner); objectID = our iia-id;
/// - document = the `iia` element exactly as `get` serves it, with OUR iia-hash (IIAs API v7 README
///   › IIA hash calculation); nil = deleted (a tombstone: the id is never reused);
/// - partnerHEIs = [the other partner's HEI], lowercased (the access rule compares SCHAC ids
///   case-insensitively);
/// - filterKeys: `receiving-academic-year-id` = every academic year a cooperation condition covers
///   (first..last expanded), for `index`; `partner-iia-id` = the partner's iia-id once mapped
///   (find our IIA from a partner's id: `ownObjectIDs(partnerHEI:filters:)`);
/// - hash = our iia-hash; modifiedAt = when the content last changed (`index`'s modified_since).
///
/// Kind `iia-snapshot` (same heiID and objectID) keeps the last mutually approved version when a
/// mutually approved IIA is modified (IIAs API v7 README: SHOULD snapshot, to be able to revert).
/// Approval state is not stored here: see `IIAApprovalLookup`.
public enum OwnIIAStorage {
    public static let kind = "iia"
    public static let snapshotKind = "iia-snapshot"
    public static let academicYearKey = "receiving-academic-year-id"
    public static let partnerIIAKey = "partner-iia-id"
    public static let notificationAPI = NotificationAPI.iia.rawValue

    /// The stored form of `iia` (already checked with `OwnIIARules` for `heiID`).
    public static func object(_ iia: IIA, heiID: String, modifiedAt: Date) -> OwnObject {
        let hash = iia.computedHash
        var filters = [academicYearKey: iia.receivingAcademicYears]
        if let partnerID = iia.partner.iiaID, !partnerID.isEmpty { filters[partnerIIAKey] = [partnerID] }
        return OwnObject(kind: kind, heiID: heiID, objectID: iia.local.iiaID ?? "", document: document(iia.element(withHash: hash)),
                         partnerHEIs: [HEIID(iia.partner.heiID).normalized], filterKeys: filters, hash: hash, modifiedAt: modifiedAt)
    }

    /// The partner HEI and the partner's iia-id (nil while unmapped) of a stored IIA.
    public static func partner(of object: OwnObject) -> (hei: String, iiaID: String?)? {
        object.partnerHEIs.first.map { ($0, object.filterKeys[partnerIIAKey]?.first) }
    }

    /// The stored IIA as an element (nil for a tombstone); throws when the stored bytes are not XML.
    public static func element(_ object: OwnObject) throws(XMLProblem) -> XElement? {
        guard let document = object.document else { return nil }
        return try XMLReader.parse(document)
    }

    /// The stored IIA as `get` serves it (nil for a tombstone): its stored bytes, spliced into the
    /// answer without being parsed and written again (`XElement(storedDocument:name:namespace:)`).
    /// Those bytes are ours, never a partner's: `document(_:)` wrote them, escaping every text, from
    /// an IIA the institution's system imported and the node checked.
    public static func servedElement(_ object: OwnObject) throws(XMLProblem) -> XElement? {
        guard let document = object.document else { return nil }
        return try XElement(storedDocument: document, name: "iia", namespace: IIA.namespace)
    }

    /// The bytes stored for an `iia` element: one writer, fixed prefixes, so equal elements give equal bytes.
    public static func document(_ element: XElement) -> [UInt8] {
        XMLWriter.document(element, prefixes: prefixes)
    }

    static let prefixes = [
        "https://github.com/erasmus-without-paper/ewp-specs-types-contact/tree/stable-v1": "c",
        "https://github.com/erasmus-without-paper/ewp-specs-types-address/tree/stable-v1": "a",
        "https://github.com/erasmus-without-paper/ewp-specs-types-phonenumber/tree/stable-v1": "p",
    ]
}
