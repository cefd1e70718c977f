import EWPAPIs

/// What an import of one `imobility-tors-get-response` did. With `problems` the document was
/// refused and nothing was stored or queued (all or nothing per document).
public struct ToRImportReport: Sendable, Equatable {
    /// created, updated or unchanged, as for IIAs.
    public typealias Outcome = IIAImportReport.Outcome

    public struct Entry: Sendable, Equatable {
        public var receivingHEI: String
        public var omobilityID: String
        public var sendingHEI: String
        public var outcome: Outcome

        public init(receivingHEI: String, omobilityID: String, sendingHEI: String, outcome: Outcome) {
            self.receivingHEI = receivingHEI
            self.omobilityID = omobilityID
            self.sendingHEI = sendingHEI
            self.outcome = outcome
        }
    }

    /// One thing wrong: where (line and element path) and why. The same value IIA imports report.
    public typealias Problem = IIAImportIssue

    /// Which version the document was (nil when it was not recognised).
    public var version: ToRsVersion?
    public var entries: [Entry] = []
    public var problems: [Problem] = []
    /// Outbox rows written (ToR CNRs to the sending HEIs).
    public var notifications = 0

    public init() {}

    public var rejected: Bool { !problems.isEmpty }

    public func count(_ outcome: Outcome) -> Int { entries.filter { $0.outcome == outcome }.count }

    /// The lines `ewp-node import` prints for this document.
    public var lines: [String] {
        if rejected {
            return ["rejected, nothing stored (\(problems.count) problem\(problems.count == 1 ? "" : "s")):"] + problems.map { "  \($0)" }
        }
        let head = "\(version.map { "\($0): " } ?? "")\(count(.created)) created, \(count(.updated)) updated, "
            + "\(count(.unchanged)) unchanged; \(notifications) change notification\(notifications == 1 ? "" : "s") queued"
        return [head] + entries.map { "  \($0.outcome.rawValue) \($0.receivingHEI) \($0.omobilityID) (sending HEI \($0.sendingHEI))" }
    }
}
