import EWPCore
import EWPNotifications
import EWPStore
import EWPXML
import Foundation

/// How our answers to the nominations partners sent us (we are the receiving HEI) live in the
/// generic `OwnObjectStore`:
/// - kind `imobility`; heiID = the receiving HEI (us); objectID = the sending HEI's omobility-id;
/// - document = the `student-mobility-for-studies` element `get` serves;
/// - partnerHEIs = [the sending HEI], lowercased (only it may `get` the answer);
/// - modifiedAt = when the answer last changed.
/// A nomination we received (a partner copy of its Outgoing Mobility) but have not answered yet is
/// served as `pending` (`IMobilitiesServer`).
public enum OwnNominationAnswerStorage {
    public static let kind = "imobility"
    /// The CNR telling the sending HEI that our answer changed (Incoming Mobility CNR v1).
    public static let notificationAPI = NotificationAPI.imobility.rawValue

    public static func object(_ answer: NominationAnswer, receivingHEI: String, sendingHEI: HEIID, modifiedAt: Date) -> OwnObject {
        OwnObject(kind: kind, heiID: receivingHEI, objectID: answer.omobilityID.value, document: XMLWriter.document(answer.element),
                  partnerHEIs: [sendingHEI.normalized], modifiedAt: modifiedAt)
    }

    /// The stored answer (nil for a tombstone or unreadable bytes).
    public static func answer(_ object: OwnObject) -> NominationAnswer? {
        guard let document = object.document, let element = try? XMLReader.parse(document) else { return nil }
        return NominationAnswer(element)
    }

    /// The IMobility CNR to the sending HEI about `omobilityID`, from `receivingHEI`.
    public static func notification(receivingHEI: String, sendingHEI: HEIID, omobilityID: OMobilityID) -> NotificationKey {
        NotificationKey(api: notificationAPI, localHEI: receivingHEI, partnerHEI: sendingHEI.normalized, objectID: omobilityID.value)
    }
}
