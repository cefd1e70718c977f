import EWPAPIs
import EWPCore
import EWPNotifications
import EWPStore
import Foundation

/// The institution's view of transcripts of records: those received from partners
/// (we are the sending HEI; partner copies of `imobility-tors`, as pulled) and those we issued (we
/// are the receiving HEI; `OwnToRStorage`, one object per ToRs version), with the ELMO document.
public struct ToROverview: Sendable {
    public static let receivedAPI = PullSource.imobilityToRs.rawValue

    let store: any Store

    public init(store: any Store) {
        self.store = store
    }

    public enum Direction: String, Sendable {
        /// A partner's transcript of our student, as pulled.
        case received
        /// A transcript our covered HEI issued for a partner's student.
        case issued
    }

    public struct Row: Sendable {
        /// Our covered HEI.
        public var heiID: HEIID
        public var direction: Direction
        public var omobilityID: OMobilityID
        /// The receiving HEI that issued a received ToR; the sending HEI of one we issued.
        public var partnerHEI: HEIID
        /// When the content last changed (received: as pulled; issued: the last import).
        public var changedAt: Date
        /// Received: the last pull that saw it.
        public var seenAt: Date?
        /// Issued: `v2` or `v3` (each version is its own document); received: pulled through ToRs v2.
        public var version: String
        /// The `tor` element (with its ELMO document); nil when the partner deleted it or hides it from us.
        public var document: [UInt8]?

        public var json: [String: Any] {
            ["hei": heiID.value, "direction": direction.rawValue, "omobility_id": omobilityID.value, "partner": partnerHEI.value,
             "changed_at": QueueRowFormat.timestamp(changedAt), "seen_at": seenAt.map(QueueRowFormat.timestamp) ?? NSNull(),
             "version": version, "deleted": document == nil]
        }

        /// The row with the document, for `show`.
        public var detailJSON: [String: Any] {
            json.merging(["document": document.map { String(decoding: $0, as: UTF8.self) } ?? NSNull()]) { $1 }
        }

        /// The student, as the ELMO document names them; nil when deleted or unnamed.
        public var learnerName: String? { document.flatMap(TranscriptOfRecords.learnerName) }

        /// Whether `text` (case-insensitive) occurs in the partner, the omobility-id, the student's
        /// name or the direction: the search of a transcript list.
        public func matches(_ text: String) -> Bool {
            let needle = text.trimmingCharacters(in: .whitespaces).lowercased()
            guard !needle.isEmpty else { return true }
            return [partnerHEI.value, omobilityID.value, learnerName ?? "", direction.rawValue].contains { $0.lowercased().contains(needle) }
        }

        public var line: String {
            "\(direction.rawValue) \(heiID) \(omobilityID) \(direction == .received ? "<-" : "->") \(partnerHEI)  \(version)"
                + "  changed \(QueueRowFormat.timestamp(changedAt))" + (seenAt.map { "  seen \(QueueRowFormat.timestamp($0))" } ?? "")
                + (document == nil ? "  (deleted or no longer shown to us)" : "")
        }
    }

    /// Received and issued ToRs of the covered HEIs `heiIDs`, optionally with one partner only.
    /// Received copies the partner deleted are listed (marked); our own deleted ones are not.
    public func rows(heiIDs: [HEIID], partnerHEI: HEIID? = nil) async throws -> [Row] {
        var rows: [Row] = []
        for hei in heiIDs {
            rows += try await received(hei, partnerHEI: partnerHEI, omobilityID: nil)
            rows += try await issued(hei, partnerHEI: partnerHEI, ids: nil)
        }
        return rows
    }

    /// Every ToR of `omobilityID` exchanged with `partnerHEI`: the one received and those issued.
    public func show(heiIDs: [HEIID], partnerHEI: HEIID, omobilityID: OMobilityID) async throws -> [Row] {
        var rows: [Row] = []
        for hei in heiIDs {
            rows += try await received(hei, partnerHEI: partnerHEI, omobilityID: omobilityID)
            rows += try await issued(hei, partnerHEI: partnerHEI, ids: [omobilityID])
        }
        return rows
    }

    private func received(_ hei: HEIID, partnerHEI: HEIID?, omobilityID: OMobilityID?) async throws -> [Row] {
        let copies: [PartnerCopy]
        if let omobilityID, let partnerHEI {
            copies = try await store.partnerCopy(api: Self.receivedAPI, localHEI: hei.value, partnerHEI: partnerHEI.value, objectID: omobilityID.value)
                .map { [$0] } ?? []
        } else {
            copies = try await store.partnerCopies(api: Self.receivedAPI, localHEI: hei.value, partnerHEI: partnerHEI?.value, includeDeleted: true)
        }
        return copies.map { copy in
            Row(heiID: hei, direction: .received, omobilityID: OMobilityID(copy.objectID), partnerHEI: HEIID(copy.partnerHEI), changedAt: copy.changedAt,
                seenAt: copy.seenAt, version: "v2", document: copy.document)
        }
    }

    private func issued(_ hei: HEIID, partnerHEI: HEIID?, ids: [OMobilityID]?) async throws -> [Row] {
        var rows: [Row] = []
        for version in ToRsVersion.allCases {
            let found: [String]
            if let ids {
                found = ids.map(\.value)
            } else {
                found = try await store.ownObjectIDs(kind: version.storageKind, heiID: hei.value, partnerHEI: partnerHEI?.normalized,
                                                     filters: [:], modifiedSince: nil)
            }
            for object in try await store.ownObjects(kind: version.storageKind, heiID: hei.value, ids: found) where !object.isTombstone {
                let sending = HEIID(OwnToRStorage.sendingHEI(object) ?? "")
                if let partnerHEI, partnerHEI != sending { continue }
                rows.append(Row(heiID: hei, direction: .issued, omobilityID: OMobilityID(object.objectID), partnerHEI: sending, changedAt: object.modifiedAt,
                                seenAt: nil, version: "v\(version.rawValue)", document: object.document))
            }
        }
        return rows.sorted { ($0.omobilityID, $0.version) < ($1.omobilityID, $1.version) }
    }
}
