import EWPModel

/// One thing wrong (or skipped) in an imported LA document: the import issue IIAs use (line,
/// path such as `omobility-las-get-response/la[2]/first-version`, message).
public typealias LAImportIssue = IIAImportIssue

/// What an import of one `omobility-las-get-response` did. With `problems` the document was
/// rejected and nothing was stored or queued (all or nothing per document).
public struct LAImportReport: Sendable, Equatable {
    public enum Outcome: String, Sendable, Equatable {
        case created, updated, unchanged
    }

    public struct Entry: Sendable, Equatable {
        public var heiID: String
        public var omobilityID: String
        public var outcome: Outcome
        /// The guideline warnings of the LA as imported (stored with its version when it changed).
        public var warnings: [Finding]

        public init(heiID: String, omobilityID: String, outcome: Outcome, warnings: [Finding] = []) {
            self.heiID = heiID
            self.omobilityID = omobilityID
            self.outcome = outcome
            self.warnings = warnings
        }
    }

    public var entries: [Entry] = []
    /// LAs left alone because their sending HEI is not a HEI this node covers.
    public var skipped: [LAImportIssue] = []
    public var problems: [LAImportIssue] = []
    /// Outbox rows written (LA CNRs to receiving HEIs).
    public var notifications = 0

    public init() {}

    public var rejected: Bool { !problems.isEmpty }

    public func count(_ outcome: Outcome) -> Int { entries.filter { $0.outcome == outcome }.count }

    /// The lines `ewp-node import` prints for this document.
    public var lines: [String] {
        if rejected {
            return ["rejected, nothing stored (\(problems.count) problem\(problems.count == 1 ? "" : "s")):"] + problems.map { "  \($0)" }
        }
        var lines = ["\(count(.created)) created, \(count(.updated)) updated, \(count(.unchanged)) unchanged, \(skipped.count) skipped; "
            + "\(notifications) change notification\(notifications == 1 ? "" : "s") queued"]
        for entry in entries {
            lines.append("  \(entry.outcome.rawValue) \(entry.heiID) \(entry.omobilityID)")
            lines += entry.warnings.map { "    \($0)" }
        }
        lines += skipped.map { "  skipped: \($0)" }
        return lines
    }
}
