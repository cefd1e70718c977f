/// What an import of one document did, for every kind of object `ewp-node import` loads (IIAs, LAs,
/// ToRs). With `problems` the document was rejected and nothing was stored or queued (all or
/// nothing per document).
public struct ImportReport<Entry: ImportedObject>: Sendable, Equatable {
    public typealias Outcome = ImportOutcome

    /// What the document was, when that is worth saying first (e.g. "IMobility ToRs v2").
    public var heading: String?
    public var entries: [Entry] = []
    /// Objects left alone because they belong to a HEI this node does not cover.
    public var skipped: [ImportIssue] = []
    public var problems: [ImportIssue] = []
    /// Outbox rows written (CNRs to partners).
    public var notifications = 0

    public init() {}

    public var rejected: Bool { !problems.isEmpty }

    /// This report with the document refused for `problems` (nothing stored).
    func refused(_ problems: [ImportIssue]) -> Self {
        var report = self
        report.problems = problems
        return report
    }

    public func count(_ outcome: Outcome) -> Int { entries.filter { $0.outcome == outcome }.count }

    /// The lines `ewp-node import` prints for this document.
    public var lines: [String] {
        if rejected {
            return ["rejected, nothing stored (\(problems.count) problem\(problems.count == 1 ? "" : "s")):"] + problems.map { "  \($0)" }
        }
        let summary = "\(heading.map { "\($0): " } ?? "")\(count(.created)) created, \(count(.updated)) updated, "
            + "\(count(.unchanged)) unchanged, \(skipped.count) skipped; "
            + "\(notifications) change notification\(notifications == 1 ? "" : "s") queued"
        return [summary] + entries.flatMap(\.reportLines) + skipped.map { "  skipped: \($0)" }
    }
}

public enum ImportOutcome: String, Sendable, Equatable {
    case created, updated, unchanged
}

/// One imported object as a report lists it.
public protocol ImportedObject: Sendable, Equatable {
    var outcome: ImportOutcome { get }
    /// Its lines in the report, indented by two spaces.
    var reportLines: [String] { get }
}
