/// The general information on the student and the institutions.
enum GeneralInformationRules {
    /// The student's data is complete (given names, family name, global id (ESI), birth date,
    /// citizenship, gender, e-mail: the schema leaves each optional because a changes proposal
    /// repeats only what changed, its annotation requires them all otherwise) and the sending
    /// institution names the organisational unit responsible for the student.
    /// KA131 "General information"; get-response.xsd `student` and `ounit-name`.
    static let complete = GuidelineRule(
        "LA-GENERAL-INFORMATION", .error, "The student's data and the sending institution's unit are filled in.",
        sources: [.ka131("General information", "Before the mobility, it is necessary to fill in the general information data fields with information on the student, the sending and the receiving institutions."),
                  .spec("student", "All fields are optional only inside `changes-proposal` element and required otherwise!"),
                  .spec("ounit-name", "It MUST be provided for the sending HEI.")])

    static let checks: [RuleCheck] = [
        RuleCheck(complete) { s in
            let st = s.la.student
            let fields: [(String, Bool)] = [
                ("given-names", hasText(st.givenNames)), ("family-name", hasText(st.familyName)), ("global-id", hasText(st.globalID)),
                ("birth-date", st.birthDate != nil), ("citizenship", st.citizenship != nil), ("gender", st.gender != nil),
                ("email", st.email != nil),
            ]
            var out: [String] = []
            let missing = fields.filter { !$0.1 }.map(\.0)
            if !missing.isEmpty {
                out.append("the student's \(missing.joined(separator: ", ")) \(missing.count == 1 ? "is" : "are") missing: fill in the student's general information")
            }
            if !hasText(s.la.sendingHEI.ounitName) {
                out.append("the sending institution gives no ounit-name: name the faculty or department responsible for the student")
            }
            return out
        },
    ]
}
