import EWPModel
import Foundation

/// One entry of an LA's history (kind `omobility-la-version`, see `OwnLAStorage`): what changed,
/// who signed, and the `la` as it stood afterwards.
public struct LAVersion: Sendable, Equatable, StoredJSONRecord {
    public enum Event: String, Sendable, Codable {
        /// Our system (the sending HEI) imported a new state: a first proposal, a new changes
        /// proposal, or any other change of the LA.
        case imported
        /// The receiving HEI approved the changes proposal `changesProposalID` (`update`).
        case approved
        /// The receiving HEI commented on (rejected) the changes proposal `changesProposalID`.
        case commented
    }

    /// A signature as given (`la:Signature`).
    public struct SignatureRecord: Sendable, Equatable, Codable {
        public var signerName: String?
        public var signerPosition: String?
        public var signerEmail: String?
        public var timestamp: String
        public var signerApp: String?

        public init(_ signature: Signature) {
            signerName = signature.signerName
            signerPosition = signature.signerPosition
            signerEmail = signature.signerEmail
            timestamp = signature.timestamp.text
            signerApp = signature.signerApp
        }
    }

    /// A guideline finding stored with an import (warnings only: errors reject the document).
    public struct FindingRecord: Sendable, Equatable, Codable, CustomStringConvertible {
        public var rule: String
        public var severity: String
        public var message: String

        public init(_ finding: Finding) {
            rule = finding.rule.id
            severity = finding.severity.rawValue
            message = finding.message
        }

        public var description: String { "\(severity) \(rule): \(message)" }
    }

    public var omobilityID: String
    public var revision: Int
    public var event: Event
    public var at: Date
    /// The HEI whose action this is: ours for an import, the receiving HEI for an update.
    public var actorHEI: String
    /// The changes proposal the event is about (for an import, the one the LA carries, if any).
    public var changesProposalID: String?
    public var signature: SignatureRecord?
    public var comment: String?
    public var findings: [FindingRecord]
    /// The `la` element after the event, as stored for `get`.
    public var document: String

    public init(omobilityID: String, revision: Int, event: Event, at: Date, actorHEI: String, changesProposalID: String?,
                signature: Signature? = nil, comment: String? = nil, findings: [Finding] = [], document: [UInt8]) {
        self.omobilityID = omobilityID
        self.revision = revision
        self.event = event
        self.at = at
        self.actorHEI = actorHEI
        self.changesProposalID = changesProposalID
        self.signature = signature.map(SignatureRecord.init)
        self.comment = comment
        self.findings = findings.map(FindingRecord.init)
        self.document = String(decoding: document, as: UTF8.self)
    }

    var json: [UInt8] { storedJSON }

    public init?(json: [UInt8]) {
        guard let version = Self.decodeStoredJSON(json) else { return nil }
        self = version
    }
}
