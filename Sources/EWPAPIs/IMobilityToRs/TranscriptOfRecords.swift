import EWPCore
import EWPXML

/// One `tor` element of an `imobility-tors-get-response` (v2 or v3), with what the node needs to
/// know about it: the mobility it belongs to, v3's academic year, and the HEIs that issued it (ELMO
/// `report/issuer/identifier[@type="schac"]`, SHOULD in ELMO v1, MUST in v2). The element itself
/// is kept whole: it is what `get` serves. A ToR does not name the mobility's sending HEI.
public struct TranscriptOfRecords: Sendable, Equatable {
    public let version: ToRsVersion
    public let element: XElement
    public let omobilityID: String
    /// v3's `receiving-academic-year-id` (nil in v2).
    public let receivingAcademicYear: String?
    /// The issuers' SCHAC ids, lowercased, each once, in document order.
    public let issuerHEIs: [String]

    /// Reads `element`, which must be a `tor` of `version` with an `omobility-id` (and in v3 a
    /// `receiving-academic-year-id`); everything else is the schema's business.
    public init(_ element: XElement, version: ToRsVersion) throws(ToRReadError) {
        let ns = version.getResponseNamespace
        guard element.name == "tor", element.namespace == ns else {
            throw ToRReadError("expected a tor element of \(version) (namespace \(ns)), found \(element.name) in \"\(element.namespace)\"")
        }
        guard let id = element.element("omobility-id", namespace: ns).map({ Self.collapsed($0.text) }), !id.isEmpty else {
            throw ToRReadError("the tor has no omobility-id")
        }
        omobilityID = id
        if version == .v3 {
            guard let year = element.element("receiving-academic-year-id", namespace: ns).map({ Self.collapsed($0.text) }), !year.isEmpty else {
                throw ToRReadError("the tor of omobility-id \(id) has no receiving-academic-year-id (required in \(version))")
            }
            receivingAcademicYear = year
        } else {
            receivingAcademicYear = nil
        }
        let elmo = version.elmoNamespace
        var seen = Set<String>()
        issuerHEIs = (element.element("elmo", namespace: elmo)?.elements("report", namespace: elmo) ?? [])
            .compactMap { $0.element("issuer", namespace: elmo) }
            .flatMap { $0.elements("identifier", namespace: elmo) }
            .filter { $0.attribute("type") == "schac" }
            .map { HEIID(Self.collapsed($0.text)).normalized }
            .filter { !$0.isEmpty && seen.insert($0).inserted }
        self.version = version
        self.element = element
    }

    private static func collapsed(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
    }
}

/// Why a `tor` element cannot be read.
public struct ToRReadError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
