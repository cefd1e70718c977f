/// One thing wrong (or skipped) in an imported document: where, as precisely as known, and why.
public struct IIAImportIssue: Sendable, Equatable, CustomStringConvertible {
    public var line: Int?
    /// XPath-like path of the element, e.g. `/iias-get-response/iia[2]/partner[1]/iia-code`.
    public var path: String?
    public var message: String

    public init(line: Int? = nil, path: String? = nil, message: String) {
        self.line = line
        self.path = path
        self.message = message
    }

    public var description: String {
        let place = [line.map { "line \($0)" }, path].compactMap { $0 }.joined(separator: ", ")
        return place.isEmpty ? message : "\(place): \(message)"
    }
}

/// What an import of one `iias-get-response` did. With `problems` the document was rejected and
/// nothing was stored or queued (all or nothing per document).
public struct IIAImportReport: Sendable, Equatable {
    public enum Outcome: String, Sendable, Equatable {
        case created, updated, unchanged
    }

    public struct Entry: Sendable, Equatable {
        public var heiID: String
        public var iiaID: String
        public var outcome: Outcome

        public init(heiID: String, iiaID: String, outcome: Outcome) {
            self.heiID = heiID
            self.iiaID = iiaID
            self.outcome = outcome
        }
    }

    public var entries: [Entry] = []
    /// IIAs left alone because their first partner is not a HEI this node covers.
    public var skipped: [IIAImportIssue] = []
    public var problems: [IIAImportIssue] = []
    /// Outbox rows written (CNRs to partners).
    public var notifications = 0

    public var rejected: Bool { !problems.isEmpty }

    public func count(_ outcome: Outcome) -> Int { entries.filter { $0.outcome == outcome }.count }

    /// The lines `ewp-node import` prints for this document.
    public var lines: [String] {
        if rejected {
            return ["rejected, nothing stored (\(problems.count) problem\(problems.count == 1 ? "" : "s")):"] + problems.map { "  \($0)" }
        }
        var lines = entries.map { "  \($0.outcome.rawValue) \($0.heiID) \($0.iiaID)" }
        lines += skipped.map { "  skipped: \($0)" }
        lines.insert("\(count(.created)) created, \(count(.updated)) updated, \(count(.unchanged)) unchanged, \(skipped.count) skipped; "
            + "\(notifications) change notification\(notifications == 1 ? "" : "s") queued", at: 0)
        return lines
    }
}
