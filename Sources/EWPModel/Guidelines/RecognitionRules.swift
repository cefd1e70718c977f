/// Automatic recognition: "Yes" by default; "No" with a justification and the alternative.
/// EWP writes "No" as `recognition-conditions` on a component (present = not automatically
/// recognised; its text = why, and how it is recognised instead); "Yes" as its absence, so the
/// default needs no check. Tables B, C, D and E say how credits are recognised; Table A does not.
enum RecognitionRules {
    /// "No" carries a clear justification: `recognition-conditions` is not empty.
    /// KA131 "Automatic recognition"; KA131 "Tables A and B" (confirm automatic recognition or
    /// justify the alternative); KA131 "Table C", "Table D".
    static let justification = GuidelineRule(
        "LA-RECOGNITION-JUSTIFICATION", .error, "A component not recognised automatically says why.",
        sources: [.ka131("Automatic recognition", "If the “No” option is selected a clear justification needs to be provided"),
                  .ka131("Tables A and B", "The sending institution/student has to either confirm automatic recognition in line with the principles of automatic mutual recognition")])

    /// "No" names the other formal recognition (e.g. the diploma supplement or the Europass
    /// Mobility Document). Found by words in the text, hence a warning.
    /// KA131 "Automatic recognition".
    static let alternative = GuidelineRule(
        "LA-RECOGNITION-ALTERNATIVE", .warning, "A component not recognised automatically names the alternative recognition.",
        sources: [.ka131("Automatic recognition", "an indication on what other type of formal recognition will be applied e.g. registration in the students’ diploma supplement or Europass Mobility Document.")])

    /// Recognition is the sending institution's, in Table B (and C, D, E): never in Table A.
    /// get-response.xsd `recognition-conditions` ("MUST NOT be provided for components in
    /// `components-studied`"); KA131 "Tables A and B".
    static let tableA = GuidelineRule(
        "LA-RECOGNITION-TABLE-A", .error, "Recognition conditions belong to Table B (or C, D, E), never to Table A.",
        sources: [.spec("recognition-conditions", "This field MUST NOT be provided for components in `components-studied`."),
                  .ka131("Tables A and B", "The sending institution should indicate in Table B the group of educational components")])

    static let checks: [RuleCheck] = [
        RuleCheck(justification) { s in
            s.versions.flatMap { v in
                v.rows([.b, .c, .d, .e]).compactMap { letter, c in
                    guard c.recognitionConditions != nil, !hasText(c.recognitionConditions) else { return nil }
                    return "\(v.table(letter)) of \(v.name): \(c.label) is not recognised automatically (recognition-conditions present) but gives no reason: "
                        + "justify it and name the other formal recognition, or remove the recognition conditions to keep automatic recognition (the default)"
                }
            }
        },
        RuleCheck(alternative) { s in
            s.versions.flatMap { v in
                v.rows([.b, .c, .d, .e]).compactMap { letter, c in
                    guard let text = c.recognitionConditions, hasText(text), !namesAlternative(text) else { return nil }
                    return "\(v.table(letter)) of \(v.name): \(c.label) is not recognised automatically; say which other formal recognition applies "
                        + "(e.g. registration in the diploma supplement or the Europass Mobility Document)"
                }
            }
        },
        RuleCheck(tableA) { s in
            s.versions.flatMap { v in
                v.rows([.a]).compactMap { _, c in
                    guard c.recognitionConditions != nil else { return nil }
                    return "\(v.table(.a)) of \(v.name): \(c.label) has recognition conditions: recognition is stated by the sending institution in Table B; move them there"
                }
            }
        },
    ]

    static let alternativeWords = ["supplement", "europass", "mobility document", "registration", "registered", "record",
                                   "certificate", "extracurricular", "extra-curricular", "additional credit", "optional credit"]

    static func namesAlternative(_ text: String) -> Bool {
        let t = text.lowercased()
        return alternativeWords.contains { t.contains($0) }
    }
}
