import EWPCore
import EWPNotifications
import EWPStore
import EWPXML
import Foundation

/// How the outgoing mobilities our covered HEIs nominate (as sending HEIs) live in the generic
/// `OwnObjectStore`:
/// - kind `omobility`; heiID = the sending HEI (us); objectID = the omobility-id;
/// - document = the `student-mobility` element as `get` serves it; nil = deleted (a tombstone);
/// - partnerHEIs = [the receiving HEI], lowercased (`OMobilityAccess`);
/// - filterKeys: `receiving-hei-id` = [the receiving HEI] and `receiving-academic-year-id` = [its
///   year] (`index`'s filters);
/// - modifiedAt = when the content last changed (`index`'s modified_since).
public enum OwnOMobilityStorage {
    public static let kind = "omobility"
    public static let receivingHEIKey = "receiving-hei-id"
    public static let academicYearKey = "receiving-academic-year-id"
    /// The CNR telling the receiving HEI that a mobility changed (Outgoing Mobility CNR v1).
    public static let notificationAPI = NotificationAPI.omobility.rawValue

    /// The stored form of `mobility`, owned by `sendingHEI` (the covered HEI it names, spelled as
    /// the node's configuration spells it).
    public static func object(_ mobility: OutgoingMobility, sendingHEI: String, modifiedAt: Date) -> OwnObject {
        let receiving = mobility.receivingHEI.normalized
        return OwnObject(kind: kind, heiID: sendingHEI, objectID: mobility.omobilityID.value,
                         document: XMLWriter.document(mobility.element), partnerHEIs: [receiving],
                         filterKeys: [receivingHEIKey: [receiving], academicYearKey: [mobility.receivingAcademicYear]], modifiedAt: modifiedAt)
    }

    /// The receiving HEI a stored mobility names.
    public static func receivingHEI(_ object: OwnObject) -> HEIID? { object.partnerHEIs.first.map(HEIID.init) }

    /// The stored mobility as a `student-mobility` element (nil for a tombstone); throws when the bytes are not XML.
    public static func element(_ object: OwnObject) throws(XMLProblem) -> XElement? {
        guard let document = object.document else { return nil }
        return try XMLReader.parse(document)
    }

    /// The OMobility CNR to the receiving HEI about `omobilityID` of `sendingHEI`.
    public static func notification(sendingHEI: String, receivingHEI: HEIID, omobilityID: OMobilityID) -> NotificationKey {
        NotificationKey(api: notificationAPI, localHEI: sendingHEI, partnerHEI: receivingHEI.normalized, objectID: omobilityID.value)
    }
}
