/// The virtual component's obligatory short description (tables C and D).
enum VirtualComponentRules {
    /// Table C: every component has a short description of the nature of its virtual component.
    /// Table D: at least one component has one (the schema's minimum; the KA131 example table
    /// calls the column obligatory). Table E: optional. Deleted change rows are not checked.
    /// KA131 "Table C", "Table D" and "Practical examples"; get-response.xsd `short-description`.
    static let description = GuidelineRule(
        "LA-VIRTUAL-DESCRIPTION", .error, "The virtual component has its short description (every row of Table C, a row of Table D).",
        sources: [.ka131("Table C", "Table C must include a title or description of the educational component in addition to a short description of the nature of the virtual component"),
                  .ka131("Table D", "a short description of the nature of the virtual component should be included"),
                  .ka131("Practical examples", "Short description of the virtual component (obligatory field)"),
                  .spec("short-description", "MUST be provided for at least one component in `blended-mobility-components`")])

    static let checks: [RuleCheck] = [
        RuleCheck(description) { s in
            s.versions.flatMap { v -> [String] in
                var out = v.rows([.c]).compactMap { letter, c -> String? in
                    guard !hasText(c.shortDescription) else { return nil }
                    return "\(v.table(letter)) of \(v.name): the virtual component \(c.label) has no short description: "
                        + "describe its nature (e.g. online lectures, online cultural preparation with other exchange students, online training with a teacher)"
                }
                let d = v.rows([.d])
                if !v.isChanges, !d.isEmpty, !d.contains(where: { hasText($0.component.shortDescription) }) {
                    out.append("\(v.table(.d)) of \(v.name) describes no virtual component: give the short description of the mandatory virtual component "
                               + "(e.g. online workshop, learning exchange and teamwork, academic assignment with a supervisor)")
                }
                return out
            }
        },
    ]
}
