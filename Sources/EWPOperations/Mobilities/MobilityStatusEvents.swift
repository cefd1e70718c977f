import EWPAPIs
import EWPCore
import EWPNotifications
import EWPStore
import EWPXML
import Foundation

/// One observed change of a mobility's status on one side: the sending HEI's status of the
/// mobility (ewp-specs-api-omobilities, get-response.xsd › MobilityStatus: nomination, live,
/// recognized, cancelled) or the receiving HEI's answer to the nomination
/// (ewp-specs-api-imobilities, get-response.xsd › NominationStatus: pending, verified, rejected).
public struct MobilityStatusEvent: Sendable, Equatable, StoredJSONRecord {
    public enum Side: String, Sendable, Codable, CaseIterable {
        /// The sending HEI's status of the mobility (Outgoing Mobilities).
        case sending
        /// The receiving HEI's answer to the nomination (Incoming Mobilities).
        case receiving
    }

    /// How the node learnt of the change.
    public enum Origin: String, Sendable, Codable {
        /// Our own nomination, imported.
        case imported
        /// Our own answer, set by our staff.
        case answered
        /// A partner's copy, pulled after its CNR or an index-sync.
        case pulled
    }

    public var sendingHEI: String
    public var omobilityID: String
    public var side: Side
    public var status: String
    public var at: Date
    public var origin: Origin

    public init(sendingHEI: String, omobilityID: String, side: Side, status: String, at: Date, origin: Origin) {
        self.sendingHEI = sendingHEI
        self.omobilityID = omobilityID
        self.side = side
        self.status = status
        self.at = at
        self.origin = origin
    }

    public var json: [String: Any] {
        ["side": side.rawValue, "status": status, "at": QueueRowFormat.timestamp(at), "origin": origin.rawValue]
    }

    public var line: String { "\(QueueRowFormat.timestamp(at))  \(side.rawValue) HEI: \(status) (\(origin.rawValue))" }
}

/// The history of status changes of the mobilities a covered HEI takes part in, kept as own objects
/// (kind `mobility-status-event`, owner our covered HEI, never served to partners): one per observed
/// change, written with the change itself where the node makes it (an import, our answer) and by the
/// puller's observer step for partners' copies. Only the latest copy of a partner's object is kept,
/// so the history cannot be derived from stored versions; an event is written when the status read
/// differs from the latest event of that side, so pulling an unchanged copy again writes nothing.
public enum MobilityStatusEvents {
    static let kind = "mobility-status-event"
    /// Filter key naming the mobility (`mobilityKey`), to list one mobility's events.
    static let mobilityFilter = "mobility"

    /// A SCHAC id has no spaces, so "<sending hei> <omobility-id>" names one mobility unambiguously.
    public static func mobilityKey(sendingHEI: String, omobilityID: String) -> String {
        HEIID(sendingHEI).normalized + " " + omobilityID
    }

    /// The stored form of `event`, owned by `localHEI` and visible to nobody (`partnerHEI` only
    /// narrows listings: the other HEI of the mobility).
    static func object(_ event: MobilityStatusEvent, localHEI: String, partnerHEI: String) -> OwnObject {
        let key = mobilityKey(sendingHEI: event.sendingHEI, omobilityID: event.omobilityID)
        let stamp = String(Int64((event.at.timeIntervalSince1970 * 1_000_000).rounded()))
        return OwnObject(kind: kind, heiID: localHEI, objectID: "\(key) \(event.side.rawValue) \(stamp) \(event.status)", document: event.storedJSON,
                         partnerHEIs: [HEIID(partnerHEI).normalized], filterKeys: [mobilityFilter: [key]], modifiedAt: event.at)
    }

    /// Whether `status` on `side` is a change after `history` (one mobility's events, oldest first):
    /// false when the latest event of that side already says `status`, or `status` is empty.
    static func isChange(after history: [MobilityStatusEvent], side: MobilityStatusEvent.Side, status: String) -> Bool {
        !status.isEmpty && history.last(where: { $0.side == side })?.status != status
    }

    /// The events of `localHEI`, by mobility key, each list oldest first; only those of `keys` when given.
    static func history(store: any OwnObjectStore, localHEI: String, keys: [String]? = nil) async throws -> [String: [MobilityStatusEvent]] {
        if let keys, keys.isEmpty { return [:] }
        let ids = try await store.ownObjectIDs(kind: kind, heiID: localHEI, partnerHEI: nil, filters: keys.map { [mobilityFilter: $0] } ?? [:],
                                               modifiedSince: nil)
        // In the order they were committed (the store's change stamps of one owner only grow), then
        // by when they were observed (a store opened without a change clock keeps the times given).
        var out: [String: [(event: MobilityStatusEvent, stamp: Date)]] = [:]
        for start in stride(from: 0, to: ids.count, by: 500) {
            for object in try await store.ownObjects(kind: kind, heiID: localHEI, ids: Array(ids[start..<min(start + 500, ids.count)])) {
                guard let event = object.document.flatMap(MobilityStatusEvent.decodeStoredJSON) else { continue }
                out[mobilityKey(sendingHEI: event.sendingHEI, omobilityID: event.omobilityID), default: []].append((event, object.modifiedAt))
            }
        }
        return out.mapValues { $0.sorted { ($0.stamp, $0.event.at) < ($1.stamp, $1.event.at) }.map(\.event) }
    }

    /// The puller's observer step: an event for each pulled nomination (Outgoing Mobilities: the
    /// sending HEI's status) or answer (Incoming Mobilities: the receiving HEI's status) whose status
    /// differs from the latest recorded one. Idempotent, so a pull retried after a failure here
    /// records each change once.
    public static func apply(store: any Store, _ source: PullSource, _ copies: [PartnerCopy]) async throws {
        guard source == .omobilities || source == .imobilities else { return }
        for (local, group) in Dictionary(grouping: copies, by: \.localHEI) {
            var observed: [(event: MobilityStatusEvent, partner: String)] = []
            for copy in group {
                guard let document = copy.document, let element = try? XMLReader.parse(document) else { continue }
                if source == .omobilities, let mobility = try? OutgoingMobility(element) {
                    observed.append((MobilityStatusEvent(sendingHEI: copy.partnerHEI, omobilityID: copy.objectID, side: .sending, status: mobility.status,
                                                         at: copy.seenAt, origin: .pulled), copy.partnerHEI))
                } else if source == .imobilities, let answer = NominationAnswer(element) {
                    observed.append((MobilityStatusEvent(sendingHEI: local, omobilityID: copy.objectID, side: .receiving, status: answer.status.rawValue,
                                                         at: copy.seenAt, origin: .pulled), copy.partnerHEI))
                }
            }
            let keys = observed.map { mobilityKey(sendingHEI: $0.event.sendingHEI, omobilityID: $0.event.omobilityID) }
            let history = try await Self.history(store: store, localHEI: local, keys: keys)
            let upserts = zip(observed, keys).compactMap { item, key in
                isChange(after: history[key] ?? [], side: item.event.side, status: item.event.status) ? object(item.event, localHEI: local, partnerHEI: item.partner) : nil
            }
            guard let at = upserts.first?.modifiedAt else { continue }
            try await store.commit(ChangeSet(upserts: upserts, notificationsExpireAt: at), now: at)
        }
    }
}
