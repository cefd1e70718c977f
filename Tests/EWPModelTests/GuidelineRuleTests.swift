import EWPModel
import Foundation
import Testing

/// Every guideline rule with a passing and a failing learning agreement, built from the examples
/// of the guidelines (`LAExamples`) with one thing changed.
@Suite struct GuidelineRuleTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let rule: String
        let name: String
        let passing: LearningAgreement
        let failing: LearningAgreement
        /// The day the failing LA is checked; the passing one on `passingToday` if given.
        var today = LAExamples.today
        var context = GuidelineContext()
        var passingToday: Date? = nil
        var testDescription: String { "\(rule): \(name)" }
    }

    typealias E = LAExamples

    static func changed(_ la: LearningAgreement, _ change: (inout LearningAgreement) -> Void) -> LearningAgreement {
        var copy = la
        change(&copy)
        return copy
    }

    static func dates(_ la: LearningAgreement, _ start: String, _ end: String) -> LearningAgreement {
        changed(la) {
            $0.start = start.count == 7 ? .yearMonth(XSGYearMonth(start)!) : .date(XSDate(start)!)
            $0.end = end.count == 7 ? .yearMonth(XSGYearMonth(end)!) : .date(XSDate(end)!)
        }
    }

    /// `table60` with `approved-changes` holding these A2 rows.
    static func table60Changed(_ rows: [Component], b: [Component]? = nil, c: [Component]? = nil) -> LearningAgreement {
        changed(E.table60) { $0.approvedChanges = E.signedTables(a: rows, b: b, c: c, signed: "2024-09-20") }
    }

    /// `mobilityWindow` with changes (S3 replaced) requested by the student on `requested`, approved
    /// (`approved-changes`) or still proposed (`changes-proposal`).
    static func windowChanged(requested: String, proposal: Bool) -> LearningAgreement {
        let rows = [E.row("S3", "Data visualisation", E.spring, "10", status: .deleted, reason: .timetableConflict),
                    E.row("S4", "Game theory", E.spring, "10", status: .inserted, reason: .substitutingDeleted)]
        return changed(E.mobilityWindow) {
            let tables = E.signedTables(a: rows, signed: requested, receiving: !proposal)
            if proposal { $0.changesProposal = ChangesProposal(id: "p-1", components: tables) } else { $0.approvedChanges = tables }
        }
    }

    static let insertedExtra = E.row("RA5", "Spanish for beginners", E.autumn, "3", status: .inserted, reason: .extendingMobility)
    static let justified = "The student already has the credits the degree requires; registered in the diploma supplement."

    static let cases: [Case] = [
        // General information.
        Case(rule: "LA-GENERAL-INFORMATION", name: "student without birth date and e-mail", passing: E.table60,
             failing: changed(E.table60) { $0.student.birthDate = nil; $0.student.email = nil }),
        Case(rule: "LA-GENERAL-INFORMATION", name: "sending institution without its unit", passing: E.doctoralPHD,
             failing: changed(E.doctoralPHD) { $0.sendingHEI.ounitName = nil }),

        // Tables per mobility type.
        Case(rule: "LA-TABLES-MOBILITY-TYPE", name: "Table D beside Tables A and B", passing: E.table60,
             failing: changed(E.table60) { $0.firstVersion!.blendedMobilityComponents = E.blendedBIP.firstVersion!.blendedMobilityComponents }),
        Case(rule: "LA-TABLES-MOBILITY-TYPE", name: "a blended LA changed in Table A2", passing: E.blendedBIP,
             failing: changed(E.blendedBIP) { $0.approvedChanges = E.signedTables(a: [insertedExtra], signed: "2025-03-11") }),
        Case(rule: "LA-TABLES-SEMESTER", name: "no Table B", passing: E.table60,
             failing: changed(E.table60) { $0.firstVersion!.componentsRecognized = nil }),
        Case(rule: "LA-TABLES-SEMESTER", name: "no table at all", passing: E.table34,
             failing: changed(E.table34) { $0.firstVersion = E.signedTables(a: []) }),
        Case(rule: "LA-TABLES-SEMESTER", name: "changes delete all of Table B", passing: table60Changed([insertedExtra]),
             failing: table60Changed([insertedExtra], b: E.tableB60.map { var r = $0; r.status = .deleted; r.reasonCode = "not-available"; return r })),
        Case(rule: "LA-TABLES-SHORT-TERM", name: "empty Table D", passing: E.blendedBIP,
             failing: changed(E.blendedBIP) { $0.firstVersion!.blendedMobilityComponents = [] }),
        Case(rule: "LA-TABLES-SHORT-TERM", name: "empty Table E", passing: E.doctoralPHD,
             failing: changed(E.doctoralPHD) { $0.firstVersion!.shortTermDoctoralComponents = [] }),
        Case(rule: "LA-TABLES-DOCTORAL-EQF", name: "PHD row for an EQF 7 student", passing: E.doctoralPHD,
             failing: changed(E.doctoralPHD) { $0.eqfLevelStudiedAtDeparture = XSInteger(7) }),
        Case(rule: "LA-TABLES-TERM", name: "Table B row without term", passing: E.table34,
             failing: changed(E.table34) { $0.firstVersion!.componentsRecognized![2].termID = nil }),

        // Changes.
        Case(rule: "LA-CHANGES-SEPARATE", name: "first version row marked inserted", passing: table60Changed([insertedExtra]),
             failing: changed(E.table60) { $0.firstVersion!.componentsStudied![3].status = .inserted }),
        Case(rule: "LA-CHANGES-SEPARATE", name: "A2 row without status", passing: table60Changed([insertedExtra]),
             failing: table60Changed([E.row("RA5", "Spanish for beginners", E.autumn, "3")])),
        Case(rule: "LA-CHANGES-ORIGINAL-ALTERED", name: "Table B credits edited in the first version",
             passing: table60Changed([insertedExtra]),
             failing: changed(E.table60) { $0.firstVersion!.componentsRecognized![0].credits = [Credit(value: XSDecimal("12")!)] },
             context: GuidelineContext(previous: E.table60)),
        Case(rule: "LA-CHANGES-ORIGINAL-ALTERED", name: "first version removed", passing: E.table60,
             failing: changed(E.table60) { $0.changesProposal = ChangesProposal(id: "p-2", components: $0.firstVersion!); $0.firstVersion = nil },
             context: GuidelineContext(previous: E.table60)),
        Case(rule: "LA-CHANGES-SHORT-TERM", name: "changes to a BIP after the first version", passing: E.blendedBIP,
             failing: changed(E.blendedBIP) {
                 $0.changesProposal = ChangesProposal(id: "p-3", components: E.signedTables(
                     d: [E.row("BIPY", "Blended Intensive Programme Y", E.spring, "3", description: "Online lab", status: .inserted, reason: .substitutingDeleted)],
                     signed: "2025-03-11", receiving: false))
             }),
        Case(rule: "LA-CHANGES-REASON", name: "deletion with an insertion's reason",
             passing: table60Changed([E.row("RA1", "Advanced Logic", E.autumn, "15", status: .deleted, reason: .timetableConflict)]),
             failing: table60Changed([E.row("RA1", "Advanced Logic", E.autumn, "15", status: .deleted, reason: .substitutingDeleted)])),
        Case(rule: "LA-CHANGES-REASON-MISSING", name: "insertion without reason",
             passing: table60Changed([changed2(insertedExtra) { $0.reasonCode = nil; $0.reasonText = "The student asked for it" }]),
             failing: table60Changed([changed2(insertedExtra) { $0.reasonCode = nil }])),
        Case(rule: "LA-CHANGES-DELETED-UNKNOWN", name: "deleting a component the first version lacks",
             passing: table60Changed([E.row("RA1", "Advanced Logic (renamed)", E.autumn, "15", status: .deleted, reason: .notAvailable)]),
             failing: table60Changed([E.row(nil, "Quantum basket weaving", E.autumn, "15", status: .deleted, reason: .notAvailable)])),
        Case(rule: "LA-CHANGES-WINDOW", name: "spring change requested after five weeks",
             passing: windowChanged(requested: "2025-03-10", proposal: false), failing: windowChanged(requested: "2025-04-20", proposal: false),
             today: E.day("2025-05-01")),
        Case(rule: "LA-CHANGES-WINDOW", name: "a full year's late change cannot be judged",
             passing: changed(table60Changed([insertedExtra])) { $0.approvedChanges!.studentSignature = E.signature("2025-04-20T10:00:00Z", institution: false) },
             failing: windowChanged(requested: "2025-04-20", proposal: true), today: E.day("2025-04-25")),
        Case(rule: "LA-CHANGES-ANSWER", name: "proposal waiting 19 days",
             passing: windowChanged(requested: "2025-03-01", proposal: true), failing: windowChanged(requested: "2025-03-01", proposal: true),
             today: E.day("2025-03-20"), passingToday: E.day("2025-03-15")),

        // Approval.
        Case(rule: "LA-SIGNATURES", name: "first version without the receiving signature", passing: E.table60,
             failing: changed(E.table60) { $0.firstVersion!.receivingHEISignature = nil }),
        Case(rule: "LA-SIGNATURES", name: "sending signature without the signer's position", passing: E.blendedBIP,
             failing: changed(E.blendedBIP) { $0.firstVersion!.sendingHEISignature.signerPosition = nil }),
        Case(rule: "LA-APPROVAL-BEFORE-START", name: "unsigned proposal after the start",
             passing: proposedOnly(E.table60), failing: proposedOnly(E.table60), today: E.day("2024-10-01"),
             passingToday: E.today),

        // Dates and durations.
        Case(rule: "LA-DATES-ORDER", name: "BIP ending before it starts", passing: E.blendedBIP, failing: dates(E.blendedBIP, "2025-03-10", "2025-03-01")),
        Case(rule: "LA-DATES-ACADEMIC-YEAR", name: "autumn 2024 in 2023/2024", passing: E.table60, failing: changed(E.table60) { $0.receivingAcademicYearID = "2023/2024" }),
        Case(rule: "LA-DATES-ACADEMIC-YEAR", name: "2024/2026 is no academic year", passing: E.table34, failing: changed(E.table34) { $0.receivingAcademicYearID = "2024/2026" }),
        Case(rule: "LA-DURATION-SEMESTER-MIN", name: "six weeks", passing: dates(E.table60, "2024-09-01", "2024-10-31"),
             failing: dates(E.table60, "2024-09-01", "2024-10-15")),
        Case(rule: "LA-DURATION-SEMESTER-MAX", name: "fourteen months", passing: dates(E.table60, "2024-09", "2025-08"),
             failing: dates(E.table60, "2024-09", "2025-10")),
        Case(rule: "LA-DURATION-SHORT-TERM", name: "BIP of 52 days", passing: dates(E.blendedBIP, "2025-03-01", "2025-03-30"),
             failing: dates(E.blendedBIP, "2025-03-10", "2025-04-30")),
        Case(rule: "LA-DURATION-SHORT-TERM", name: "doctoral mobility of 3 days", passing: dates(E.doctoralPHD, "2024-10-07", "2024-10-11"),
             failing: dates(E.doctoralPHD, "2024-10-07", "2024-10-09")),
        Case(rule: "LA-DATES-EXACT", name: "BIP given by month", passing: E.blendedBIP, failing: dates(E.blendedBIP, "2025-03", "2025-03")),

        // Credits.
        Case(rule: "LA-CREDITS-A-B", name: "Table B 34, Table A 30", passing: E.table34,
             failing: changed(E.table34) { $0.firstVersion!.componentsStudied![2].credits = [Credit(value: XSDecimal("4")!)] }),
        Case(rule: "LA-CREDITS-A-B", name: "justified difference",
             passing: changed(E.table34) {
                 $0.firstVersion!.componentsStudied![2].credits = [Credit(value: XSDecimal("4")!)]
                 $0.firstVersion!.componentsRecognized![2].recognitionConditions = justified
             },
             failing: changed(E.table60) { $0.firstVersion!.componentsRecognized![0].credits = [Credit(value: XSDecimal("6")!)] }),
        Case(rule: "LA-CREDITS-PROPORTION", name: "12 ECTS for ten months", passing: E.table60,
             failing: changed(E.table60) { la in
                 for i in 0..<4 {
                     la.firstVersion!.componentsStudied![i].credits = [Credit(value: XSDecimal("3")!)]
                     la.firstVersion!.componentsRecognized![i].credits = [Credit(value: XSDecimal("3")!)]
                 }
             }),
        Case(rule: "LA-CREDITS-PROPORTION", name: "34 ECTS for three months", passing: E.table34, failing: dates(E.table34, "2024-09", "2024-11")),
        Case(rule: "LA-CREDITS-NOT-APPLICABLE", name: "\"not applicable\" only for thesis research",
             passing: changed(E.table60) { $0.firstVersion!.componentsStudied![3].credits = [] },
             failing: changed(E.table60) { $0.firstVersion!.componentsStudied![0].credits = [] }),
        Case(rule: "LA-CREDITS-NOT-APPLICABLE", name: "OLA Table B thesis row \"10 / not applicable\"",
             passing: changed(E.table34) { $0.firstVersion!.componentsRecognized![3].credits = [] },
             failing: changed(E.table34) { $0.firstVersion!.componentsRecognized![1].credits = [] }),
        Case(rule: "LA-CREDITS-MOBILITY-WINDOW", name: "window line of 25 for 30", passing: E.mobilityWindow,
             failing: changed(E.mobilityWindow) { $0.firstVersion!.componentsRecognized![0].credits = [Credit(value: XSDecimal("25")!)] }),
        Case(rule: "LA-CREDITS-MOBILITY-WINDOW", name: "window line among others", passing: E.mobilityWindow,
             failing: changed(E.mobilityWindow) { $0.firstVersion!.componentsRecognized!.append(E.row("CRSX", "Course X", E.spring, "10")) }),
        Case(rule: "LA-CREDITS-MOBILITY-WINDOW", name: "window not recognised automatically", passing: E.mobilityWindow,
             failing: changed(E.mobilityWindow) { $0.firstVersion!.componentsRecognized![0].recognitionConditions = justified }),

        // Recognition.
        Case(rule: "LA-RECOGNITION-JUSTIFICATION", name: "\"No\" without a reason",
             passing: changed(E.table60) { $0.firstVersion!.componentsRecognized![0].recognitionConditions = justified },
             failing: changed(E.table60) { $0.firstVersion!.componentsRecognized![0].recognitionConditions = " " }),
        Case(rule: "LA-RECOGNITION-ALTERNATIVE", name: "\"No\" without the other recognition",
             passing: changed(E.table60) { $0.firstVersion!.componentsRecognized![0].recognitionConditions = "Recognised through the Europass Mobility Document." },
             failing: changed(E.table60) { $0.firstVersion!.componentsRecognized![0].recognitionConditions = "Not part of the degree programme." }),
        Case(rule: "LA-RECOGNITION-TABLE-A", name: "recognition conditions in Table A", passing: E.table60,
             failing: changed(E.table60) { $0.firstVersion!.componentsStudied![0].recognitionConditions = justified }),

        // Virtual component, provisions, language.
        Case(rule: "LA-VIRTUAL-DESCRIPTION", name: "Table C row without description",
             passing: changed(E.table60) { $0.firstVersion!.virtualComponents = [E.row("VC1", "Intercultural preparation", nil, "2", description: "Online lectures")] },
             failing: changed(E.table60) { $0.firstVersion!.virtualComponents = [E.row("VC1", "Intercultural preparation", nil, "2")] }),
        Case(rule: "LA-VIRTUAL-DESCRIPTION", name: "C2 insertion without description",
             passing: table60Changed([], c: [E.row("VC1", "Intercultural preparation", nil, "2", description: "Online training with a teacher", status: .inserted, reason: .addingVirtualComponent)]),
             failing: table60Changed([], c: [E.row("VC1", "Intercultural preparation", nil, "2", status: .inserted, reason: .addingVirtualComponent)])),
        Case(rule: "LA-VIRTUAL-DESCRIPTION", name: "BIP without its online workshop", passing: E.blendedBIP,
             failing: changed(E.blendedBIP) { $0.firstVersion!.blendedMobilityComponents![0].shortDescription = nil }),
        Case(rule: "LA-PROVISIONS-URL", name: "no provisions link", passing: E.table60, failing: changed(E.table60) { $0.provisionsURL = nil }),
        Case(rule: "LA-LANGUAGE-LEVEL", name: "B1 below the recommended B2", passing: E.table60,
             failing: changed(E.table60) { $0.studentLanguageSkill.cefrLevel = "B1" },
             context: GuidelineContext(recommendedLanguageSkills: [StudentLanguageSkill(language: "en", cefrLevel: "B2")])),
        Case(rule: "LA-LANGUAGE-LEVEL", name: "level stated for another language", passing: changed(E.table60) { $0.studentLanguageSkill.language = "de-AT" },
             failing: E.table60, context: GuidelineContext(recommendedLanguageSkills: [StudentLanguageSkill(language: "DE", cefrLevel: "B1")])),
    ]

    static func changed2(_ c: Component, _ change: (inout Component) -> Void) -> Component {
        var copy = c
        change(&copy)
        return copy
    }

    /// The LA as a proposed first version: no `first-version`, the tables in a `changes-proposal`.
    static func proposedOnly(_ la: LearningAgreement) -> LearningAgreement {
        changed(la) {
            var tables = $0.firstVersion!
            tables.receivingHEISignature = nil
            $0.changesProposal = ChangesProposal(id: "first-1", components: tables)
            $0.firstVersion = nil
        }
    }

    @Test(arguments: cases)
    func passingAndFailing(_ c: Case) throws {
        try #require(GuidelineCheck.rule(id: c.rule) != nil, "no rule \(c.rule)")
        let passing = GuidelineCheck.findings(for: c.passing, today: c.passingToday ?? c.today, context: c.context).filter { $0.rule.id == c.rule }
        #expect(passing.isEmpty, "\(passing)")
        let failing = GuidelineCheck.findings(for: c.failing, today: c.today, context: c.context).filter { $0.rule.id == c.rule }
        #expect(!failing.isEmpty)
        for f in failing {
            #expect(f.severity == f.rule.severity && f.omobilityID == c.failing.omobilityID)
            #expect(f.description.hasPrefix("\(f.rule.severity.rawValue) \(c.rule) \(c.failing.omobilityID): "))
        }
    }

    @Test(arguments: LAExamples.all)
    func guidelineExamplesHaveNoFinding(_ la: LearningAgreement) {
        let findings = GuidelineCheck.findings(for: la, today: LAExamples.today)
        #expect(findings.isEmpty, "\(findings.map(\.description).joined(separator: "\n"))")
    }

    @Test func everyRuleHasACase() {
        let tested = Set(Self.cases.map(\.rule))
        #expect(GuidelineCheck.rules.map(\.id).filter { !tested.contains($0) } == [])
    }

    /// Dates in a finding read as the document wrote them: a zone only where the document gave one.
    @Test(arguments: [("2025-03-10", "2025-04-30"), ("2025-03-10+01:00", "2025-04-30"), ("2025-03-10Z", "2025-04-30-05:00")])
    func datesPrintAsWritten(_ start: String, _ end: String) throws {
        let la = Self.dates(E.blendedBIP, start, end)
        let finding = try #require(GuidelineCheck.findings(for: la, today: E.today).first { $0.rule.id == "LA-DURATION-SHORT-TERM" })
        #expect(finding.description.contains("(\(start) to \(end))"), "\(finding)")
    }
}
