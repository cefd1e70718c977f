import Foundation

/// Credits: Table A against Table B, against 60 ECTS a year, "not applicable", mobility windows.
/// Totals count ECTS (`scheme` "ects") of the LA in its latest state; a table with a row without
/// ECTS (not applicable, or another scheme only) has no comparable total and is not compared.
enum CreditRules {
    /// Table B's total corresponds to Table A's, or the discrepancy is justified. EWP has no field
    /// for that justification: the only free text the sending institution has in Table B is
    /// `recognition-conditions`, so a Table B row with recognition conditions counts as the
    /// justification. Hence a warning. KA131 "Tables A and B"; OLA "Educational components
    /// (Tables A and B)" (example of a justification).
    static let tableATableB = GuidelineRule(
        "LA-CREDITS-A-B", .warning, "Table B's total ECTS corresponds to Table A's, or the difference is justified.",
        sources: [.ka131("Tables A and B", "The total number of ECTS credits (or equivalent) in Table B should correspond to the total number of ECTS credits (or equivalent) contained in Table A."),
                  .ola("Educational components (Tables A and B)", "Example of justification for a discrepancy in the total number of ECTS credits")])

    /// Table A holds roughly 60 ECTS per academic year: 5 per month of mobility. "Roughly" is
    /// taken as between half and one and a half times that. The months are those of the longest
    /// reading of the dates (a month given as `start-year-month` counts from its first day, an
    /// `end-year-month` to its last). KA131 "Tables A and B".
    static let proportion = GuidelineRule(
        "LA-CREDITS-PROPORTION", .warning, "Table A's ECTS are roughly proportionate to 60 per academic year.",
        sources: [.ka131("Tables A and B", "It is recommended that for mobility periods shorter than a full academic year, the educational components selected should equate to a roughly proportionate number of credits")])

    /// A component without credits ("not applicable") is thesis research or doctoral work (or a
    /// row of a short-term doctoral mobility, Table E). EWP writes "not applicable" as no `credit`
    /// element ("If there are no credits, then credit evaluation is not applicable"); thesis or
    /// doctoral work is recognised by its title (thesis, doctoral, dissertation, PhD, research, …
    /// in several languages), since EWP has no field for the kind of component.
    /// KA131 "Tables A and B"; KA131 "Practical examples" (the PHD row of Table E).
    static let notApplicable = GuidelineRule(
        "LA-CREDITS-NOT-APPLICABLE", .error, "Only thesis research or doctoral work may have \"not applicable\" credits.",
        sources: [.ka131("Tables A and B", "If no ECTS credits are provided by the receiving institution, it is sufficient to write \"not applicable\" in that column."),
                  .ka131("Practical examples", "PHD | Doctoral work | Participation in webinars | Autumn | \"not applicable\" | Yes |")])

    /// The mobility-window form of Table B: one single line (e.g. "Mobility window | Spring | 30 |
    /// Yes") recognising all of Table A automatically. It is accepted by every other rule; this one
    /// checks the form: the only line, Table A's total, automatic recognition. A line is a
    /// mobility window when its title or code says "mobility window".
    /// KA131 "Mobility windows" and its example.
    static let mobilityWindow = GuidelineRule(
        "LA-CREDITS-MOBILITY-WINDOW", .error, "A mobility-window Table B is one line recognising all of Table A's credits automatically.",
        sources: [.ka131("Mobility windows", "Where all credits in Table A are automatically recognised as forming part of the programme at the sending institution, typically in the case of mobility windows, Table B is simplified and reduced to one single line"),
                  .ka131("Mobility windows", "Mobility window | Spring | 30 | Yes |")])

    static let checks: [RuleCheck] = [
        RuleCheck(tableATableB) { s in
            guard s.type == .semester, !isMobilityWindow(s.current[.b]),
                  let a = GuidelineSubject.ectsTotal(s.current[.a]), let b = GuidelineSubject.ectsTotal(s.current[.b]), a != b,
                  !s.current[.b].contains(where: { $0.recognitionConditions != nil }) else { return [] }
            return ["in \(s.current.name), Table B totals \(b.plain) ECTS but Table A totals \(a.plain): make them correspond, "
                    + "or justify the difference (e.g. the student already has the credits the degree requires) in the recognition conditions of Table B"]
        },
        RuleCheck(proportion) { s in
            guard s.type == .semester, let a = GuidelineSubject.ectsTotal(s.current[.a]), s.longestDays > 0 else { return [] }
            let months = Double(s.longestDays) / (365.25 / 12)
            let expected = 5 * months
            let total = NSDecimalNumber(decimal: a).doubleValue
            guard total < expected * 0.5 || total > expected * 1.5 else { return [] }
            let rounded = Int((expected).rounded())
            return ["in \(s.current.name), Table A totals \(a.plain) ECTS for about \(Int(months.rounded())) month\(months.rounded() == 1 ? "" : "s") of mobility (\(s.la.start) to \(s.la.end)): "
                    + "60 ECTS make an academic year, so about \(rounded) ECTS would be proportionate; "
                    + (total < expected ? "add components or check the dates" : "check the credits and the dates")]
        },
        RuleCheck(notApplicable) { s in
            guard s.type != .doctoral else { return [] }
            return s.versions.flatMap { v in
                v.rows([.a, .b, .c, .d]).compactMap { letter, c in
                    guard c.credits.isEmpty, !isThesisOrDoctoralWork(c) else { return nil }
                    return "\(v.table(letter)) of \(v.name): \(c.label) has no credits (\"not applicable\"), which only thesis research or doctoral work may have: give its ECTS credits"
                }
            }
        },
        RuleCheck(mobilityWindow) { s in
            guard s.type == .semester else { return [] }
            let b = s.current[.b]
            let windows = b.filter(isMobilityWindowLine)
            guard let line = windows.first else { return [] }
            if b.count > 1 {
                return ["in \(s.current.name), Table B has a mobility-window line \(line.label) among \(b.count) lines: the mobility-window form is one single line; "
                        + "remove the other lines, or list the replaced components without the mobility-window line"]
            }
            var out: [String] = []
            if line.recognitionConditions != nil {
                out.append("in \(s.current.name), the mobility-window line \(line.label) has recognition conditions: the one-line form is for credits recognised automatically; list the replaced components instead")
            }
            if let a = GuidelineSubject.ectsTotal(s.current[.a]), let w = line.ects, a != w {
                out.append("in \(s.current.name), the mobility-window line \(line.label) recognises \(w.plain) ECTS but Table A totals \(a.plain): a mobility window recognises all of Table A's credits; make them equal")
            }
            return out
        },
    ]

    static func isMobilityWindowLine(_ c: Component) -> Bool {
        [c.title, c.losCode ?? ""].contains { Component.normalized($0).contains("mobility window") }
    }

    static func isMobilityWindow(_ b: [Component]) -> Bool { b.contains(where: isMobilityWindowLine) }

    /// Words that name thesis research or doctoral work in titles (lowercased).
    static let thesisWords = ["thesis", "doctoral", "doctorate", "dissertation", "phd", "ph.d", "research",
                              "tesi", "tesis", "thèse", "mémoire", "masterarbeit", "bachelorarbeit", "diplomarbeit",
                              "abschlussarbeit", "doktorarbeit", "promotion", "praca dyplomowa", "praca magisterska",
                              "doktor", "proefschrift", "scriptie", "diplomová", "disertace", "väitöskirja", "opinnäytetyö",
                              "examensarbete", "avhandling", "speciale", "tese", "doutoramento", "doctorado", "dottorato"]

    static func isThesisOrDoctoralWork(_ c: Component) -> Bool {
        let text = Component.normalized(c.title + " " + (c.losCode ?? ""))
        return thesisWords.contains { text.contains($0) }
    }
}
