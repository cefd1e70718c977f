/// Changes go in tables A2…E2 and never alter the originals; their reasons; what they delete.
enum ChangeRules {
    /// Changes are rows marked `inserted` or `deleted` in A2/B2/C2 (`approved-changes`, or a
    /// `changes-proposal` after the first version); the original tables carry no such marks.
    /// KA131 "Changes to the study programme" ("Original Tables A, B, C, D and E should not be
    /// modified"); get-response.xsd `status` ("MUST be provided if the component represents a
    /// change and MUST NOT be provided otherwise").
    static let separate = GuidelineRule(
        "LA-CHANGES-SEPARATE", .error, "Changes are inserted/deleted rows of Tables A2…E2; the original tables have none.",
        sources: [.ka131("Changes to the study programme", "All changes should be indicated in Tables A2, B2 and when applicable C2, or in tables E2 or D2. Original Tables A, B, C, D and E should not be modified."),
                  .spec("component/@status", "MUST be provided if the component represents a change and MUST NOT be provided otherwise.")])

    /// The first version, once held, never changes. Needs the copy held before
    /// (`GuidelineContext.previous`): one document alone cannot show it.
    /// KA131 "Changes to the study programme".
    static let originalAltered = GuidelineRule(
        "LA-CHANGES-ORIGINAL-ALTERED", .error, "The first version is never modified once it exists.",
        sources: [.ka131("Changes to the study programme", "Original Tables A, B, C, D and E should not be modified.")])

    /// EWP forbids changes to blended and short-term doctoral LAs after the first version. The KA131
    /// guidelines do mention Tables D2 and E2, which OMobility LAs v1 therefore cannot carry.
    /// get-response.xsd `changes-proposal`; KA131 "Changes to the study programme".
    static let shortTerm = GuidelineRule(
        "LA-CHANGES-SHORT-TERM", .error, "Blended and short-term doctoral LAs have no changes after the first version (EWP cannot carry D2/E2).",
        sources: [.spec("changes-proposal", "Blended mobilities with short-term physical mobility and short-term doctoral mobilities MUST NOT have any proposals of changes after `first-version` of LA has been agreed."),
                  .ka131("Changes to the study programme", "or in tables E2 or D2")])

    /// A reason code fits the change: not-available, language-mismatch, timetable-conflict for
    /// deletions; substituting-deleted, extending-mobility, adding-virtual-component for insertions.
    /// KA131 "Changes to the study programme" (the template's glossary of changes); get-response.xsd `reason-code`.
    static let reason = GuidelineRule(
        "LA-CHANGES-REASON", .error, "A change's reason code is one allowed for its status (insert or delete).",
        sources: [.ka131("Changes to the study programme", "Please refer to the glossary provided in the higher education learning agreement for studies KA131 template to see the list of changes that can be encoded."),
                  .spec("reason-code", "This reason MUST be used ONLY for \"delete\" changes.")])

    /// Every change gives its reason (code or text): the "Reason for change" column of A2/B2/C2.
    /// get-response.xsd `reason-code`; KA131 "Changes to the study programme".
    static let reasonMissing = GuidelineRule(
        "LA-CHANGES-REASON-MISSING", .warning, "Every change gives a reason (code or text).",
        sources: [.spec("reason-code", "then the reason of the change (code or text, or both) SHOULD be provided."),
                  .ka131("Changes to the study programme", "Please refer to the glossary provided in the higher education learning agreement for studies KA131 template")])

    /// A deleted row names a component of the first version (same los-id, else los-code, else title).
    /// KA131 "Changes to the study programme"; get-response.xsd `status` "deleted".
    static let deletedUnknown = GuidelineRule(
        "LA-CHANGES-DELETED-UNKNOWN", .warning, "A deleted row names a component of the first version.",
        sources: [.ka131("Changes to the study programme", "All changes should be indicated in Tables A2, B2 and when applicable C2"),
                  .spec("component/@status", "This status means that the component has been deleted after the `first-version` of LA.")])

    static let checks: [RuleCheck] = [
        RuleCheck(separate) { s in
            s.versions.flatMap { v in
                v.tables.flatMap { t in
                    t.components.compactMap { c -> String? in
                        if v.isChanges && c.status == nil {
                            return "\(v.table(t.letter)) of \(v.name): \(c.label) is not marked inserted or deleted: every row of a changes table is a change (status inserted or deleted); keep unchanged components out of it"
                        }
                        if !v.isChanges, let status = c.status {
                            return "\(v.table(t.letter)) of \(v.name): \(c.label) is marked \(status.rawValue): the original tables are never modified; put changes in \(v.table(t.letter))2 (approved-changes or a changes proposal)"
                        }
                        return nil
                    }
                }
            }
        },
        RuleCheck(originalAltered) { s in
            guard let before = s.context.previous?.firstVersion else { return [] }
            guard let now = s.la.firstVersion else {
                return ["the first version held before is gone: the original tables are never removed or modified; send changes in a changes proposal"]
            }
            guard before != now else { return [] }
            let tables = TableLetter.allCases.filter { before[keyPath: $0.keyPath] != now[keyPath: $0.keyPath] }
            let what = tables.isEmpty ? "its signatures" : tables.map { "Table \($0.rawValue)" }.joined(separator: ", ")
            return ["the first version differs from the one held before (\(what)): the original tables are never modified; "
                    + "keep the first version as signed and put changes in Tables A2/B2/C2 (approved-changes or a changes proposal)"]
        },
        RuleCheck(shortTerm) { s in
            guard s.type != .semester, s.la.firstVersion != nil else { return [] }
            return s.changes.map { v in
                "\(v.name) alters a \(s.type.displayName) mobility after its first version: EWP (OMobility LAs v1) allows no changes to blended or short-term doctoral LAs; "
                    + "agree a new learning agreement instead"
            }
        },
        RuleCheck(reason) { s in
            changeRows(s).compactMap { v, letter, c in
                guard let status = c.status, let code = c.reason, code.status != status else { return nil }
                return "\(v.table(letter)) of \(v.name): \(c.label) is \(status.rawValue) with reason code \(code.rawValue), which is only for \(code.status == .deleted ? "deletions" : "insertions"); use "
                    + ReasonCode.allCases.filter { $0.status == status }.map(\.rawValue).joined(separator: ", ") + " or a reason-text"
            }
        },
        RuleCheck(reasonMissing) { s in
            changeRows(s).compactMap { v, letter, c in
                guard c.status != nil, c.reason == nil, !hasText(c.reasonText) else { return nil }
                return "\(v.table(letter)) of \(v.name): \(c.label) is \(c.status!.rawValue) without a reason: give a reason-code or a reason-text (the template's \"Reason for change\")"
            }
        },
        RuleCheck(deletedUnknown) { s in
            guard let first = s.la.firstVersion else { return [] }
            return changeRows(s).compactMap { v, letter, c in
                guard c.status == .deleted, !(first[keyPath: letter.keyPath] ?? []).contains(where: { $0.isSameComponent(as: c) }) else { return nil }
                return "\(v.table(letter)) of \(v.name) deletes \(c.label), which is not in Table \(letter.rawValue) of the first version: name the deleted component exactly as in the first version (los-id, los-code or title)"
            }
        },
    ]

    /// Every row of every change list.
    static func changeRows(_ s: GuidelineSubject) -> [(LAVersion, TableLetter, Component)] {
        s.changes.flatMap { v in v.tables.flatMap { t in t.components.map { (v, t.letter, $0) } } }
    }
}
