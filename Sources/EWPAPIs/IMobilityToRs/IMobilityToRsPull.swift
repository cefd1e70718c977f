import EWPCore
import EWPNotifications
import EWPXML
import Foundation

/// Pulling a partner's IMobility ToRs (we are the sending HEI, the partner the receiving one), v3
/// when the partner publishes it, else v2. v2 names the partner as `receiving_hei_id` (and `index`
/// names us as `sending_hei_id`); v3 names no HEI: the server takes ours from the signature. Both
/// repeat `omobility_id` (up to `max-omobility-ids`); a transcript's id is its `omobility-id`.
public struct IMobilityToRsPull: PulledAPI {
    public init() {}

    public static let v3 = APIReference(namespace: ToRsVersion.v3.entryNamespace, name: "imobility-tors", majorVersion: 3)
    public static let v2 = APIReference(namespace: ToRsVersion.v2.entryNamespace, name: "imobility-tors", majorVersion: 2)

    public var source: PullSource { .imobilityToRs }
    public var entries: [APIReference] { [Self.v3, Self.v2] }
    public var maxIDsElement: String { "max-omobility-ids" }

    public func getParameters(for entry: APIReference, partnerHEI: String, localHEI: String, ids: [String]) -> [(String, String)] {
        (Self.isV3(entry) ? [] : [("receiving_hei_id", partnerHEI)]) + ids.map { ("omobility_id", $0) }
    }

    public func indexParameters(for entry: APIReference, partnerHEI: String, localHEI: String, modifiedSince: String?) -> [(String, String)] {
        (Self.isV3(entry) ? [] : [("receiving_hei_id", partnerHEI), ("sending_hei_id", localHEI)])
            + (modifiedSince.map { [("modified_since", $0)] } ?? [])
    }

    public func indexIDs(_ root: XElement) -> [String] { PulledAnswer.ids(root, named: "omobility-id") }

    /// A ToRs v3 `get` names no HEI, so a host serving several HEIs may answer for all of them: a v3
    /// transcript whose ELMO issuer carries a SCHAC id (v3 makes it a MUST) of another HEI is not
    /// this partner's and is left out (so it reads as absent). Without a SCHAC issuer we take the
    /// answer as it is.
    public func objects(in root: XElement, entry: APIReference, partnerHEI: String) -> [(id: String, element: XElement)] {
        let all = PulledAnswer.objects(root, named: "tor") { PulledAnswer.text($0, "omobility-id") }
        return Self.isV3(entry) ? all.filter { Self.issuedBy($0.element, partnerHEI) } : all
    }

    /// Whether a `tor`'s ELMO names `hei` as issuer, or names no SCHAC issuer at all (read by
    /// element names only: an answer in an unexpected namespace is not left out for it).
    static func issuedBy(_ tor: XElement, _ hei: String) -> Bool {
        let issuers = tor.children.filter { $0.name == "elmo" }
            .flatMap { $0.children.filter { $0.name == "report" } }
            .flatMap { $0.children.filter { $0.name == "issuer" } }
            .flatMap { $0.children.filter { $0.name == "identifier" && $0.attribute("type") == "schac" } }
            .map { HEIID($0.text.trimmingCharacters(in: .whitespacesAndNewlines)) }
        return issuers.isEmpty || issuers.contains(HEIID(hei))
    }

    static func isV3(_ entry: APIReference) -> Bool { entry.majorVersion == v3.majorVersion }
}

extension PullSource {
    /// The key of its partner copies and index-sync states (stored: never changes).
    public static let imobilityToRs = PullSource("imobility-tors")
}
