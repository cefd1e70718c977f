import EWPCore
import EWPXML

/// One `student-mobility` of an `omobilities-get-response` (Outgoing Mobilities v2), with what the
/// node needs to know about it: its id, both HEIs, the receiving academic year and the status. The
/// element itself is kept whole: it is what `get` serves.
public struct OutgoingMobility: Sendable, Equatable {
    public let element: XElement
    public let omobilityID: OMobilityID
    public let sendingHEI: HEIID
    public let receivingHEI: HEIID
    public let receivingAcademicYear: String
    /// `nomination`, `live`, `recognized` or `cancelled` (get-response.xsd, MobilityStatus).
    public let status: String

    /// Reads `element`, which must be a `student-mobility` with an id, both HEIs and the receiving
    /// academic year; everything else is the schema's business.
    public init(_ element: XElement) throws(OutgoingMobilityReadError) {
        let ns = OMobilitiesAPI.getResponseNamespace
        guard element.name == "student-mobility", element.namespace == ns else {
            throw OutgoingMobilityReadError("expected a student-mobility of Outgoing Mobilities v2 (namespace \(ns)), found \(element.name) in \"\(element.namespace)\"")
        }
        func text(_ parent: XElement?, _ name: String) -> String {
            (parent?.element(name, namespace: ns)?.text ?? "").split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        let id = text(element, "omobility-id")
        guard !id.isEmpty else { throw OutgoingMobilityReadError("the student-mobility has no omobility-id") }
        let sending = text(element.element("sending-hei", namespace: ns), "hei-id")
        let receiving = text(element.element("receiving-hei", namespace: ns), "hei-id")
        guard !sending.isEmpty, !receiving.isEmpty else {
            throw OutgoingMobilityReadError("omobility-id \(id): sending-hei and receiving-hei must each name a hei-id")
        }
        let year = text(element, "receiving-academic-year-id")
        guard !year.isEmpty else { throw OutgoingMobilityReadError("omobility-id \(id): no receiving-academic-year-id") }
        self.element = element
        omobilityID = OMobilityID(id)
        sendingHEI = HEIID(sending)
        receivingHEI = HEIID(receiving)
        receivingAcademicYear = year
        status = text(element, "status")
    }
}

/// Why a `student-mobility` element cannot be read.
public struct OutgoingMobilityReadError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
