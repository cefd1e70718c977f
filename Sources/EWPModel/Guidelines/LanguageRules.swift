/// The student's level in the main language of instruction.
enum LanguageRules {
    /// The level is stated (the schema requires `student-language-skill`, so decoding already
    /// ensures it) and compared with the recommended level of the IIA. The LA does not carry the
    /// recommended level, so this needs `GuidelineContext.recommendedLanguageSkills`; without it
    /// nothing is reported. Nor can EWP record the support agreed for a student below the level:
    /// the finding says to agree it. A recommendation for another language than the LA's is
    /// reported too (the level must be the one in the main language of instruction).
    /// KA131 "Language competence".
    static let level = GuidelineRule(
        "LA-LANGUAGE-LEVEL", .warning, "The student's level in the language of instruction reaches the IIA's recommended level, or support is agreed.",
        sources: [.ka131("Language competence", "In case the level of the selected student is below the recommended one when signing the learning agreement"),
                  .ka131("Language competence", "has to be reported in the field provided for that purpose in the learning agreement for studies")])

    static let checks: [RuleCheck] = [
        RuleCheck(level) { s in
            let recommended = s.context.recommendedLanguageSkills
            guard !recommended.isEmpty else { return [] }
            let skill = s.la.studentLanguageSkill
            guard let match = recommended.first(where: { primary($0.language) == primary(skill.language) }) else {
                let languages = recommended.map(\.language).joined(separator: ", ")
                return ["the LA states the level in \(skill.language) but the recommended language of instruction is \(languages): state the student's level in the main language of instruction"]
            }
            guard let have = skill.level, let want = match.level, have < want else { return [] }
            return ["the student's level in \(skill.language) is \(skill.cefrLevel), below the recommended \(match.cefrLevel): "
                    + "the sending institution and the student agree how \(match.cefrLevel) will be reached by the start and which support is given (e.g. Erasmus+ Online Language Support)"]
        },
    ]

    /// The primary subtag, lowercased (`en-GB` → `en`).
    static func primary(_ language: String) -> String {
        String(LexicalScanner.collapsed(language).split(separator: "-").first ?? "").lowercased()
    }
}
