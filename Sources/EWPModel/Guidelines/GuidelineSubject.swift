import Foundation

/// One version of the tables in an LA: the original (tables A…E) or a list of changes (A2…E2).
struct LAVersion {
    enum Kind: Equatable {
        case firstVersion
        case approvedChanges
        case changesProposal(id: String)
    }

    let kind: Kind
    let list: ListOfComponents
    /// True for A2…E2: `approved-changes`, or a `changes-proposal` made after the first version.
    let isChanges: Bool

    /// How messages name it.
    var name: String {
        switch kind {
        case .firstVersion: "the first version"
        case .approvedChanges: "the list of approved changes"
        case .changesProposal(let id): isChanges ? "changes proposal \(id)" : "the proposed first version (changes proposal \(id))"
        }
    }

    /// The template's name of a table in this version: `Table A`, or `Table A2` for changes.
    func table(_ letter: TableLetter) -> String { "Table \(letter.rawValue)\(isChanges ? "2" : "")" }

    /// The tables present, with their letters, in schema order.
    var tables: [(letter: TableLetter, components: [Component])] {
        TableLetter.allCases.compactMap { letter in list[keyPath: letter.keyPath].map { (letter, $0) } }
    }

    /// Components of the given tables (present ones), skipping `deleted` change rows.
    func rows(_ letters: [TableLetter]) -> [(letter: TableLetter, component: Component)] {
        tables.filter { letters.contains($0.letter) }.flatMap { t in
            t.components.filter { $0.status != .deleted }.map { (t.letter, $0) }
        }
    }
}

/// The tables of the template and the lists that carry them.
enum TableLetter: String, CaseIterable {
    case a = "A", b = "B", c = "C", d = "D", e = "E"

    var keyPath: WritableKeyPath<ListOfComponents, [Component]?> {
        switch self {
        case .a: \.componentsStudied
        case .b: \.componentsRecognized
        case .c: \.virtualComponents
        case .d: \.blendedMobilityComponents
        case .e: \.shortTermDoctoralComponents
        }
    }

    /// The mobility type a table belongs to.
    var mobilityType: MobilityType {
        switch self {
        case .a, .b, .c: .semester
        case .d: .blended
        case .e: .doctoral
        }
    }
}

/// The components in force in one state of the LA: the original tables with a list of changes
/// applied. EWP change lists are cumulative: `approved-changes`, and a `changes-proposal` made after
/// the first version, each hold every change to the FIRST version (see the official example
/// scenario, steps 08 and 12), so the state is the first version plus one list.
struct EffectiveTables {
    let name: String
    private var tables: [TableLetter: [Component]] = [:]

    init(name: String, original: ListOfComponents?, changes: ListOfComponents?) {
        self.name = name
        for letter in TableLetter.allCases {
            var rows = (original?[keyPath: letter.keyPath] ?? []).filter { $0.status != .deleted }
            for change in changes?[keyPath: letter.keyPath] ?? [] {
                switch change.status {
                case .deleted: if let i = rows.firstIndex(where: { $0.isSameComponent(as: change) }) { rows.remove(at: i) }
                case .inserted: rows.append(change)
                case nil: break   // not a change: LA-CHANGES-SEPARATE reports it
                }
            }
            tables[letter] = rows
        }
    }

    subscript(_ letter: TableLetter) -> [Component] { tables[letter] ?? [] }
}

extension Component {
    /// Whether a `deleted` change row names this component: same `los-id` (and `loi-id` when both
    /// have one) if both have a `los-id`, else the same `los-code` if both have one, else the same
    /// title (ignoring case and surrounding spaces).
    func isSameComponent(as other: Component) -> Bool {
        if let a = losID, let b = other.losID {
            if let x = loiID, let y = other.loiID, x != y { return false }
            return a == b
        }
        if let a = losCode, let b = other.losCode { return a == b }
        return Self.normalized(title) == Self.normalized(other.title)
    }

    static func normalized(_ s: String) -> String { LexicalScanner.collapsed(s).lowercased() }

    /// How messages name it: “Course X” (CRSX).
    var label: String {
        let code = losCode.map { " (\($0))" } ?? ""
        return "“\(title)”\(code)"
    }
}

/// Whether an optional text says something (more than whitespace).
func hasText(_ s: String?) -> Bool { !LexicalScanner.collapsed(s ?? "").isEmpty }

/// What the rules look at: the LA, today, the context, and what follows from them.
struct GuidelineSubject {
    let la: LearningAgreement
    let today: CalendarDay
    let context: GuidelineContext
    let type: MobilityType
    /// The original version first (if any), then the change lists.
    let versions: [LAVersion]
    /// The latest state: the one to be signed next, or in force.
    let current: EffectiveTables

    init(_ la: LearningAgreement, today: CalendarDay, context: GuidelineContext) {
        self.la = la
        self.today = today
        self.context = context
        type = la.mobilityType
        var versions: [LAVersion] = []
        if let first = la.firstVersion { versions.append(LAVersion(kind: .firstVersion, list: first, isChanges: false)) }
        if let approved = la.approvedChanges { versions.append(LAVersion(kind: .approvedChanges, list: approved, isChanges: true)) }
        if let proposal = la.changesProposal {
            versions.append(LAVersion(kind: .changesProposal(id: proposal.id), list: proposal.components, isChanges: la.firstVersion != nil))
        }
        self.versions = versions
        let latestChanges = versions.last { $0.isChanges }
        let name = latestChanges.map { $0.kind == .approvedChanges ? "the LA with its approved changes" : "the LA as \($0.name) would make it" }
            ?? versions.first?.name ?? "the LA"
        current = EffectiveTables(name: name, original: la.originalTables, changes: latestChanges?.list)
    }

    var original: LAVersion? { versions.first { !$0.isChanges } }
    var changes: [LAVersion] { versions.filter(\.isChanges) }
    /// A changes proposal made after the first version, still waiting for the receiving HEI.
    var pendingChanges: LAVersion? { versions.last { $0.isChanges && $0.kind != .approvedChanges } }

    /// Fewest and most days the mobility may last (start and end days included), reading a month
    /// as any of its days.
    var shortestDays: Int { la.start.latestDay.days(to: la.end.earliestDay) + 1 }
    var longestDays: Int { la.start.earliestDay.days(to: la.end.latestDay) + 1 }

    /// Total ECTS of rows, nil if any row has no ECTS credit (its credits are "not applicable"
    /// or in another scheme, so the total says nothing) or there is no row.
    static func ectsTotal(_ rows: [Component]) -> Decimal? {
        guard !rows.isEmpty else { return nil }
        var total: Decimal = 0
        for r in rows {
            guard let e = r.ects else { return nil }
            total += e
        }
        return total
    }
}

extension Decimal {
    /// `30`, `7.5`: plain, for messages.
    var plain: String { NSDecimalNumber(decimal: self).stringValue }
}
