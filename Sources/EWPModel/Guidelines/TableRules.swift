/// The tables each mobility type calls for, and only those.
enum TableRules {
    /// One mobility type per LA: tables A/B/C (semester), D (blended) and E (doctoral) are never
    /// mixed, in any version, and changes use the tables of the original's type.
    /// KA131 "Mobility type and tables" ("only applicable tables and fields should be visible");
    /// OLA "Administrative data" (the relevant tables are generated from the mobility type).
    static let mobilityType = GuidelineRule(
        "LA-TABLES-MOBILITY-TYPE", .error, "Only the tables of the LA's mobility type are used.",
        sources: [.ka131("Mobility type and tables", "only applicable tables and fields should be visible to the student"),
                  .ola("Administrative data", "only applicable tables and fields will be visible to the student")])

    /// Semester mobility: Table A (components at the receiving HEI) and Table B (components replaced
    /// at the sending HEI) are both filled in before the mobility, and stay non-empty after changes.
    /// KA131 "Tables A and B"; OLA "Mobility type: Semester(s), Educational components (Tables A
    /// and B)"; get-response.xsd: `components-studied` / `components-recognized` "is required for
    /// semester(s) type mobilities".
    static let semester = GuidelineRule(
        "LA-TABLES-SEMESTER", .error, "A semester mobility has Table A and Table B, each with at least one component.",
        sources: [.ka131("Tables A and B", "It is necessary to fill in Tables A and B thoroughly before the mobility."),
                  .ola("Mobility type: Semester(s)", "It is necessary to fill in Tables A and B"),
                  .spec("components-studied", "is required for semester(s) type mobilities")])

    /// Blended (Table D) and short-term doctoral (Table E) mobilities describe the programme in that
    /// one table, which holds at least one component when present.
    /// KA131 "Table D" and "Table E"; get-response.xsd: "If present it MUST contain at least one component."
    static let shortTerm = GuidelineRule(
        "LA-TABLES-SHORT-TERM", .error, "Table D (blended) or Table E (doctoral), when present, has at least one component.",
        sources: [.ka131("Table D", "describe the study programme and recognition of the learning outcomes using Table D"),
                  .ka131("Table E", "describe the study programme and recognition of the learning outcomes using Table E"),
                  .spec("blended-mobility-components", "If present it MUST contain at least one component.")])

    /// Short-term doctoral mobility is for doctoral candidates: EQF level 8 at departure.
    /// OLA "Mobility type: Short-term doctoral mobility" ("Doctoral Candidates should select this
    /// mobility type"); KA131 "Table E".
    static let doctoralEQF = GuidelineRule(
        "LA-TABLES-DOCTORAL-EQF", .error, "Table E (short-term doctoral mobility) is for doctoral candidates (EQF level 8).",
        sources: [.ola("Administrative data", "Doctoral Candidates should select this mobility type"),
                  .ka131("Table E", "If the doctoral candidate is taking part in a short-term physical mobility")])

    /// Rows of Tables A and B give their term (the template's "Semester" column): `term-id`,
    /// which the schema annotation requires there. get-response.xsd `term-id`; KA131
    /// "Practical examples" (Table B's columns).
    static let term = GuidelineRule(
        "LA-TABLES-TERM", .warning, "Rows of Tables A and B give their term.",
        sources: [.spec("term-id", "This field is required in 'components-studied' and 'components-recognized' but optional"),
                  .ka131("Practical examples", "Semester [e.g. autumn/spring; term]")])

    static let checks: [RuleCheck] = [
        RuleCheck(mobilityType) { s in
            var out: [String] = []
            for v in s.versions {
                let used = Set(v.tables.filter { !$0.components.isEmpty }.map(\.letter.mobilityType))
                if used.count > 1 {
                    out.append("\(v.name) fills in \(describe(used, in: v)) at once: an LA has the tables of one mobility type only; "
                               + "keep Tables A and B (and C) for a semester mobility, Table D for a blended mobility, or Table E for a short-term doctoral mobility")
                } else if let t = used.first, v.isChanges, t != s.type {
                    out.append("\(v.name) holds changes in \(describe([t], in: v)) but the first version is a \(s.type.displayName) mobility: "
                               + "changes go in \(tables(of: s.type, in: v))")
                }
            }
            return out
        },
        RuleCheck(semester) { s in
            guard s.type == .semester, let original = s.original else { return [] }
            var out: [String] = []
            let rows = original.rows(TableLetter.allCases)
            if rows.isEmpty {
                return ["\(original.name) has no component in any table: fill in Tables A and B (semester mobility), "
                        + "Table D (blended mobility) or Table E (short-term doctoral mobility)"]
            }
            for letter in [TableLetter.a, .b] where original.rows([letter]).isEmpty {
                out.append("\(original.name) has no component in \(original.table(letter)): \(letter == .a ? "list every component the student will take at the receiving institution" : "list the components the sending institution replaces") before the mobility")
            }
            if out.isEmpty && !s.changes.isEmpty {
                for letter in [TableLetter.a, .b] where s.current[letter].isEmpty {
                    out.append("\(s.current.name) leaves \(original.table(letter)) without any component: a semester mobility keeps at least one")
                }
            }
            return out
        },
        RuleCheck(shortTerm) { s in
            s.versions.flatMap { v in
                v.tables.filter { [.d, .e].contains($0.letter) && $0.components.isEmpty }.map { t in
                    "\(v.name) has an empty \(v.table(t.letter)): describe the \(t.letter == .d ? "blended mobility (e.g. the Blended Intensive Programme)" : "short-term doctoral mobility") in at least one component, or remove the empty table"
                }
            }
        },
        RuleCheck(term) { s in
            s.versions.flatMap { v in
                v.rows([.a, .b]).compactMap { letter, c in
                    guard c.termID == nil else { return nil }
                    return "\(v.table(letter)) of \(v.name): \(c.label) has no term-id: give the term (e.g. autumn = term 1 of 2) in which it is taken"
                }
            }
        },
        RuleCheck(doctoralEQF) { s in
            guard s.type == .doctoral, s.la.eqfLevelStudiedAtDeparture.value != 8 else { return [] }
            return ["the LA uses Table E (short-term doctoral mobility) but the student studies at EQF level \(s.la.eqfLevelStudiedAtDeparture.value): "
                    + "Table E is for doctoral candidates (EQF 8); use Tables A and B, or Table D for a blended mobility"]
        },
    ]

    static func describe(_ types: Set<MobilityType>, in v: LAVersion) -> String {
        let parts = MobilityType.allCases.filter(types.contains).map { "\(tables(of: $0, in: v)) (\($0.displayName) mobility)" }
        return parts.count > 1 ? parts.dropLast().joined(separator: ", ") + " and " + parts.last! : parts.joined()
    }

    /// `Tables A, B, C` / `Tables A2, B2, C2`, `Table D`, `Table E2`.
    static func tables(of type: MobilityType, in v: LAVersion) -> String {
        let suffix = v.isChanges ? "2" : ""
        switch type {
        case .semester: return "Tables A\(suffix), B\(suffix), C\(suffix)"
        case .blended: return v.table(.d)
        case .doctoral: return v.table(.e)
        }
    }
}

extension MobilityType {
    var displayName: String {
        switch self {
        case .semester: "semester"
        case .blended: "blended"
        case .doctoral: "short-term doctoral"
        }
    }
}
