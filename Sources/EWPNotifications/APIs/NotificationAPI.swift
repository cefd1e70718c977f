/// The four change-notification (CNR) APIs: who is notified of what, with which form, and where the
/// notified side pulls the changed objects from. One value per spec repository: the raw value keys
/// the queues, so a repository's major versions share one row per (API, partner, object) and the
/// version is chosen at send time (`entries`, `form(for:localHEI:objectIDs:)`).
public enum NotificationAPI: String, Sendable, CaseIterable {
    /// IIA CNR v3: the master of an IIA copy tells the partner; the id is the sender's IIA id.
    case iia = "iia-cnr"
    /// IIA Approval CNR v2: the approver tells the copy's owner; the id is the owner's IIA id.
    case iiaApproval = "iia-approval-cnr"
    /// OMobility LA CNR v1: the sending HEI tells the receiving HEI; the id is the omobility id.
    case omobilityLA = "omobility-la-cnr"
    /// IMobility ToR CNR v1 and v2 (v2 beside ToRs v3): the receiving HEI tells the sending HEI; the
    /// id is the omobility id.
    case imobilityToR = "imobility-tor-cnr"

    /// The partner's manifest entry we send to (element name = the raw value); the oldest major
    /// version we send, see `entries` for all of them.
    public var entry: APIReference {
        switch self {
        case .iia: APIReference(namespace: Self.entryNamespace("iia-cnr", 3), name: rawValue, majorVersion: 3)
        case .iiaApproval: APIReference(namespace: Self.entryNamespace("iia-approval-cnr", 2), name: rawValue, majorVersion: 2)
        case .omobilityLA: APIReference(namespace: Self.entryNamespace("omobility-la-cnr", 1), name: rawValue, majorVersion: 1)
        case .imobilityToR: APIReference(namespace: Self.entryNamespace("imobility-tor-cnr", 1), name: rawValue, majorVersion: 1)
        }
    }

    /// The namespace of the empty response element our CNR endpoint answers with.
    public var responseNamespace: String {
        switch self {
        case .iia: "https://github.com/erasmus-without-paper/ewp-specs-api-iia-cnr/tree/stable-v3"
        case .iiaApproval: "https://github.com/erasmus-without-paper/ewp-specs-api-iia-approval-cnr/tree/stable-v2"
        case .omobilityLA: "https://github.com/erasmus-without-paper/ewp-specs-api-omobility-la-cnr/tree/stable-v1"
        case .imobilityToR: "https://github.com/erasmus-without-paper/ewp-specs-api-imobility-tor-cnr/tree/stable-v1"
        }
    }

    public var responseElementName: String { rawValue + "-response" }

    /// The form a CNR about `objectIDs` carries in the version `entry` names. IIA CNRs name one IIA
    /// each (not repeatable); LA and ToR v1 CNRs name their own HEI and repeat `omobility_id`;
    /// ToR CNR v2 repeats `omobility_id` only (the partner learns our HEI from our signature).
    public func form(for entry: APIReference, localHEI: String, objectIDs: [String]) -> [(String, String)] {
        if self == .imobilityToR, entry.majorVersion == Self.imobilityToRv2.majorVersion {
            return objectIDs.map { ("omobility_id", $0) }
        }
        return form(localHEI: localHEI, objectIDs: objectIDs)
    }

    /// The form of the oldest version (`entry`).
    public func form(localHEI: String, objectIDs: [String]) -> [(String, String)] {
        switch self {
        case .iia, .iiaApproval: objectIDs.prefix(1).map { ("iia_id", $0) }
        case .omobilityLA: [("sending_hei_id", localHEI)] + objectIDs.map { ("omobility_id", $0) }
        case .imobilityToR: [("receiving_hei_id", localHEI)] + objectIDs.map { ("omobility_id", $0) }
        }
    }

    /// How many object ids one CNR may carry to a partner whose entry declares `limits`.
    public func idsPerNotification(limits: [String: Int]) -> Int {
        switch self {
        case .iia, .iiaApproval: 1
        case .omobilityLA, .imobilityToR: max(1, limits["max-omobility-ids"] ?? 1)
        }
    }

    /// Where the notified side pulls the changed objects from.
    public var source: PullSource {
        switch self {
        case .iia: .iias
        case .iiaApproval: .iiasApproval
        case .omobilityLA: .omobilityLAs
        case .imobilityToR: .imobilityToRs
        }
    }

    static func entryNamespace(_ repository: String, _ major: Int) -> String {
        "https://github.com/erasmus-without-paper/ewp-specs-api-\(repository)/blob/stable-v\(major)/manifest-entry.xsd"
    }
}

/// A manifest API entry to look up in the registry catalogue.
public struct APIReference: Sendable, Hashable {
    public let namespace: String
    public let name: String
    public let majorVersion: Int

    public init(namespace: String, name: String, majorVersion: Int) {
        self.namespace = namespace
        self.name = name
        self.majorVersion = majorVersion
    }
}

extension NotificationAPI {
    /// After we notify a partner through this API, the partner is someone we hold objects with, so
    /// its copies of the counterpart objects are worth an index-sync: IIAs for IIA CNRs and approval
    /// CNRs; ToRs (it receives our students) for LA CNRs; LAs (it sends us students) for ToR CNRs.
    public var counterpartSource: PullSource {
        switch self {
        case .iia, .iiaApproval: .iias
        case .omobilityLA: .imobilityToRs
        case .imobilityToR: .omobilityLAs
        }
    }
}
