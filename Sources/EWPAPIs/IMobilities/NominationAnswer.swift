import EWPCore
import EWPXML
import Foundation

/// The receiving HEI's answer to one nomination, as Incoming Mobilities v1 serves it
/// (`student-mobility-for-studies`): the nomination's status, a comment and the actual dates.
public struct NominationAnswer: Sendable, Equatable {
    /// ewp-specs-api-imobilities, get-response.xsd › NominationStatus.
    public enum Status: String, Sendable, CaseIterable {
        case pending, verified, rejected
    }

    public var omobilityID: OMobilityID
    public var status: Status
    public var comment: String?
    /// `xs:date` texts (YYYY-MM-DD).
    public var actualArrivalDate: String?
    public var actualDepartureDate: String?

    public init(omobilityID: OMobilityID, status: Status = .pending, comment: String? = nil,
                actualArrivalDate: String? = nil, actualDepartureDate: String? = nil) {
        self.omobilityID = omobilityID
        self.status = status
        self.comment = comment
        self.actualArrivalDate = actualArrivalDate
        self.actualDepartureDate = actualDepartureDate
    }

    /// The `student-mobility-for-studies` element, children in the schema's order.
    public var element: XElement {
        let ns = IMobilitiesAPI.getResponseNamespace
        var children = [XElement("omobility-id", namespace: ns, text: omobilityID.value), XElement("status", namespace: ns, text: status.rawValue)]
        if let comment { children.append(XElement("comment", namespace: ns, text: comment)) }
        if let actualArrivalDate { children.append(XElement("actual-arrival-date", namespace: ns, text: actualArrivalDate)) }
        if let actualDepartureDate { children.append(XElement("actual-departure-date", namespace: ns, text: actualDepartureDate)) }
        return XElement("student-mobility-for-studies", namespace: ns, children: children)
    }

    /// Reads a `student-mobility-for-studies` (ours as stored, or a partner's as pulled; by element
    /// names only); nil when it has no id or no known status.
    public init?(_ element: XElement) {
        func text(_ name: String) -> String? {
            element.children.first { $0.name == name }.map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) }
        }
        guard element.name == "student-mobility-for-studies", let id = text("omobility-id"), !id.isEmpty,
              let status = text("status").flatMap(Status.init(rawValue:)) else { return nil }
        self.init(omobilityID: OMobilityID(id), status: status, comment: text("comment"),
                  actualArrivalDate: text("actual-arrival-date"), actualDepartureDate: text("actual-departure-date"))
    }
}
