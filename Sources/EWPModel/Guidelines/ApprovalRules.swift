/// Approvals (signatures) and the time limits around them.
enum ApprovalRules {
    /// A signed version carries all three signatures, and each institution's signature says who
    /// signed (name, position, e-mail). get-response.xsd `receiving-hei-signature` ("optional only
    /// inside `changes-proposal`") and `signer-name`; KA131 "Approval" ("All parties must digitally
    /// approve").
    static let signatures = GuidelineRule(
        "LA-SIGNATURES", .error, "Signed versions have all three signatures; institution signatures name the signer.",
        sources: [.ka131("Approval", "All parties must digitally approve the learning agreement before the start of the mobility."),
                  .spec("receiving-hei-signature", "This field is optional only inside `changes-proposal` element and required otherwise."),
                  .spec("signer-name", "this field SHOULD NOT be set for `student-signature` element and MUST be set otherwise.")])

    /// The first version is approved by all parties before the mobility starts.
    /// KA131 "Approval".
    static let beforeStart = GuidelineRule(
        "LA-APPROVAL-BEFORE-START", .warning, "All three parties approve the LA before the mobility starts.",
        sources: [.ka131("Approval", "All parties must digitally approve the learning agreement before the start of the mobility.")])

    /// The student initiates changes within five weeks after the start of each semester. EWP gives
    /// the mobility's start but not the receiving HEI's semester dates, so only a mobility of one
    /// semester (at most about six months, or every Table A row in one term) is checked: its
    /// semester is taken to start with the mobility. The request is the student's signature of the
    /// change list; for `approved-changes` only the latest request is known (the lists are cumulative).
    /// KA131 "Changes to the study programme".
    static let changeWindow = GuidelineRule(
        "LA-CHANGES-WINDOW", .warning, "The student requests changes within five weeks after the start of the semester.",
        sources: [.ka131("Changes to the study programme", "the student can initiate the changes within five weeks after the start of each semester.")])

    /// Changes are agreed within two weeks of the request: a changes proposal older than that
    /// still waits for the receiving institution. KA131 "Changes to the study programme".
    static let changeAnswer = GuidelineRule(
        "LA-CHANGES-ANSWER", .warning, "A changes proposal is approved or commented within two weeks of the request.",
        sources: [.ka131("Changes to the study programme", "These changes should be agreed by all parties as soon as possible, within two-weeks following the request.")])

    static let checks: [RuleCheck] = [
        RuleCheck(signatures) { s in
            s.versions.flatMap { v -> [String] in
                var out: [String] = []
                if v.kind == .firstVersion || v.kind == .approvedChanges, v.list.receivingHEISignature == nil {
                    out.append("\(v.name) has no receiving-hei-signature: a version in force is signed by the student, the sending and the receiving institution")
                }
                let signed = [("sending-hei-signature", v.list.sendingHEISignature), ("receiving-hei-signature", v.list.receivingHEISignature)]
                for case let (name, sig?) in signed {
                    let missing = [("signer-name", sig.signerName), ("signer-position", sig.signerPosition), ("signer-email", sig.signerEmail)]
                        .filter { !hasText($0.1) }.map(\.0)
                    if !missing.isEmpty {
                        out.append("\(name) of \(v.name) lacks \(missing.joined(separator: ", ")): an institution's signature names the person who signed")
                    }
                }
                return out
            }
        },
        RuleCheck(beforeStart) { s in
            guard s.la.firstVersion == nil, s.today > s.la.start.latestDay else { return [] }
            return ["the mobility started (\(s.la.start)) but no version is signed by all three parties yet: approve the LA now; all parties approve it before the start of the mobility"]
        },
        RuleCheck(changeWindow) { s in
            guard s.la.firstVersion != nil, isOneSemester(s) else { return [] }
            let start = s.la.start.latestDay
            let limit = start.adding(days: 35)
            return s.changes.compactMap { v in
                let requested = CalendarDay(v.list.studentSignature.timestamp.date)
                guard requested > limit else { return nil }
                return "\(v.name) was requested on \(requested), \(start.days(to: requested)) days after the mobility started (\(s.la.start)): "
                    + "the student initiates changes within five weeks after the start of the semester (by \(limit)); any later change needs all parties' agreement as an exception"
            }
        },
        RuleCheck(changeAnswer) { s in
            guard let v = s.pendingChanges else { return [] }
            let requested = CalendarDay(v.list.studentSignature.timestamp.date)
            let waited = requested.days(to: s.today)
            guard waited > 14 else { return [] }
            return ["\(v.name) was requested on \(requested) and has waited \(waited) days: the receiving institution approves it or comments on it within two weeks of the request"]
        },
    ]

    /// One semester: the mobility lasts at most about six months, or every Table A row (original
    /// and changes) is in the same term.
    static func isOneSemester(_ s: GuidelineSubject) -> Bool {
        if s.longestDays <= 190 { return true }
        let terms = s.versions.flatMap { $0.list.componentsStudied ?? [] }.map(\.termID)
        guard let first = terms.first, first != nil else { return false }
        return terms.allSatisfy { $0 == first }
    }
}
