/// The sending institution's provisions for components not completed.
enum ProvisionRules {
    /// Given as a web link: `provisions-url` (optional in the schema, required by the guidelines).
    /// KA131 "Provisions".
    static let url = GuidelineRule(
        "LA-PROVISIONS-URL", .error, "The provisions for components not completed are given by a web link.",
        sources: [.ka131("Provisions", "The sending institution must foresee which provisions will apply if the student does not successfully complete some of the educational components from their study programme abroad, by providing a web link in the relevant data field.")])

    static let checks: [RuleCheck] = [
        RuleCheck(url) { s in
            guard !hasText(s.la.provisionsURL) else { return [] }
            return ["no provisions-url: give the web link to the sending institution's provisions for components the student does not complete successfully"]
        },
    ]
}
