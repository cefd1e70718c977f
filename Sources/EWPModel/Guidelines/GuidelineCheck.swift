import Foundation

/// What the check may know beyond the LA itself.
public struct GuidelineContext: Sendable {
    /// The same LA as held before (e.g. the stored copy an import replaces): lets
    /// `LA-CHANGES-ORIGINAL-ALTERED` see an original table that was modified.
    public var previous: LearningAgreement?
    /// The recommended levels in the language(s) of instruction agreed in the IIA
    /// (`recommended-language-skill`): the LA itself does not carry them.
    public var recommendedLanguageSkills: [StudentLanguageSkill]

    public init(previous: LearningAgreement? = nil, recommendedLanguageSkills: [StudentLanguageSkill] = []) {
        self.previous = previous
        self.recommendedLanguageSkills = recommendedLanguageSkills
    }
}

/// The Erasmus+ guidelines for the learning agreement for studies, as pure checks of a
/// `LearningAgreement`. No I/O: the caller passes today's date and any context.
public enum GuidelineCheck {
    /// Every rule, in the order findings are reported.
    public static var rules: [GuidelineRule] { checks.map(\.rule) }

    static let checks: [RuleCheck] = GeneralInformationRules.checks + TableRules.checks + ChangeRules.checks + ApprovalRules.checks + DurationRules.checks
        + CreditRules.checks + RecognitionRules.checks + VirtualComponentRules.checks + ProvisionRules.checks
        + LanguageRules.checks

    public static func rule(id: String) -> GuidelineRule? { rules.first { $0.id == id } }

    /// All findings for `la`, rule by rule (in `rules` order), each rule's in document order.
    /// `today` matters for the rules about time (approval before the start, answering changes).
    public static func findings(for la: LearningAgreement, today: Date, context: GuidelineContext = GuidelineContext()) -> [Finding] {
        let subject = GuidelineSubject(la, today: CalendarDay(today), context: context)
        return checks.flatMap { check in
            check.run(subject).map { Finding(rule: check.rule, omobilityID: la.omobilityID, message: $0) }
        }
    }
}

/// A rule and the function that applies it: each message returned is one finding.
struct RuleCheck: Sendable {
    let rule: GuidelineRule
    let run: @Sendable (GuidelineSubject) -> [String]

    init(_ rule: GuidelineRule, _ run: @escaping @Sendable (GuidelineSubject) -> [String]) {
        self.rule = rule
        self.run = run
    }
}
