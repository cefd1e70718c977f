import EWPCore
import EWPNotifications
import EWPStore
import EWPXML
import Foundation

/// How the transcripts of records our covered HEIs issued (as receiving HEIs) live in the generic
/// `OwnObjectStore`. One object per version: a v2 transcript (ELMO v1) and a v3
/// one (ELMO v2) are different documents, each stored as imported and served by its version only.
/// - kind `ToRsVersion.storageKind` (`imobility-tor` for v2, `imobility-tor-v3` for v3);
///   heiID = the receiving HEI (us, the issuer); objectID = the omobility-id;
/// - document = the `tor` element exactly as `get` serves it: byte for byte as imported (its
///   `verbatim` bytes, with the namespace declarations it inherited), so that a signed ELMO document
///   inside still verifies; nil = deleted (a tombstone);
/// - partnerHEIs = [the mobility's sending HEI], lowercased (`ToRAccess`);
/// - filterKeys: `sending-hei-id` = [the sending HEI] (v2 `index`'s `sending_hei_id` filter), and in
///   v3 `receiving-academic-year-id` = [its year];
/// - modifiedAt = when the content last changed (`index`'s modified_since).
///
/// Only transcripts approved as ready for recognition may be exposed (IMobility ToRs API v2 README
/// › Security and permissions). Neither ELMO version carries such a state, so importing a
/// transcript is the act of publishing it: the institution's system exports only approved
/// transcripts.
public enum OwnToRStorage {
    public static let sendingHEIKey = "sending-hei-id"
    public static let academicYearKey = "receiving-academic-year-id"
    /// The CNR telling the sending HEI that its student's transcript changed (ToR CNR v1 or v2: the
    /// outbox dispatcher picks the version the partner publishes when it sends).
    public static let notificationAPI = NotificationAPI.imobilityToR.rawValue

    /// The stored form of `tor` issued by `receivingHEI` for a student of `sendingHEI`.
    public static func object(_ tor: TranscriptOfRecords, receivingHEI: String, sendingHEI: String, modifiedAt: Date) -> OwnObject {
        let sending = HEIID(sendingHEI).normalized
        var filters = [sendingHEIKey: [sending]]
        if let year = tor.receivingAcademicYear { filters[academicYearKey] = [year] }
        return OwnObject(kind: tor.version.storageKind, heiID: receivingHEI, objectID: tor.omobilityID,
                         document: XMLWriter.document(tor.element), partnerHEIs: [sending], filterKeys: filters, modifiedAt: modifiedAt)
    }

    /// The sending HEI a stored transcript names.
    public static func sendingHEI(_ object: OwnObject) -> String? { object.partnerHEIs.first }

    /// The stored transcript as a `tor` element (nil for a tombstone); throws when the bytes are not XML.
    public static func element(_ object: OwnObject) throws(XMLProblem) -> XElement? {
        guard let document = object.document else { return nil }
        return try XMLReader.parse(document, keepingBytesAtDepth: 0)
    }

    /// The stored transcript as `get` of `version` serves it (nil for a tombstone): its stored bytes,
    /// spliced into the answer without being parsed again (`XElement(storedDocument:name:namespace:)`),
    /// as `element(_:)` would serve its kept bytes. Those bytes are ours, never a partner's: the
    /// document the institution's system imported, well-formed (no DOCTYPE) and valid against the
    /// XSD when the node accepted it, made standalone by `XMLReader` and stored by `object`.
    public static func servedElement(_ object: OwnObject, version: ToRsVersion) throws(XMLProblem) -> XElement? {
        guard let document = object.document else { return nil }
        return try XElement(storedDocument: document, name: "tor", namespace: version.getResponseNamespace)
    }

    /// The ToR CNR to the sending HEI about `omobilityID` of `receivingHEI`.
    public static func notification(receivingHEI: String, sendingHEI: String, omobilityID: String) -> NotificationKey {
        NotificationKey(api: notificationAPI, localHEI: receivingHEI, partnerHEI: sendingHEI, objectID: omobilityID)
    }
}
