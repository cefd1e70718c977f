import EWPModel
import Foundation

/// Learning agreements built from the examples of the guidelines, each without any finding:
/// - `table60`: KA131 "Practical examples", Table B of 60 ECTS (CRSX, MDLY, LAB, THS) for a year;
/// - `table34`: the KA1 OLA example, Table B of 34 ECTS (Course X 6, Module Y 10, Laboratory Work 8,
///   Thesis research/Doctoral work 10);
/// - `mobilityWindow`: KA131 "Mobility window | Spring | 30 | Yes", the one-line Table B;
/// - `blendedBIP`: KA131 Table D row "BIPX | Blended Intensive Programme X | Online workshop | Spring | 3 | Yes";
/// - `doctoralPHD`: KA131 Table E row "PHD | Doctoral work | Participation in webinars | Autumn | "not applicable" | Yes".
/// Rule tests change one thing in them.
enum LAExamples {
    static let autumn = TermID(termNumber: 1, totalTerms: 2)
    static let spring = TermID(termNumber: 2, totalTerms: 2)
    /// The day the checks run unless a test says otherwise: before every example's mobility.
    static let today = day("2024-07-01")

    static func day(_ s: String) -> Date {
        Date(timeIntervalSince1970: Double(XSDate(s)!.day.ordinal) * 86_400)
    }

    static func row(_ code: String?, _ title: String, _ term: TermID?, _ ects: String?, recognition: String? = nil,
                    description: String? = nil, status: ComponentStatus? = nil, reason: ReasonCode? = nil) -> Component {
        Component(losCode: code, title: title, termID: term, credits: ects.map { [Credit(value: XSDecimal($0)!)] } ?? [],
                  recognitionConditions: recognition, shortDescription: description, status: status, reasonCode: reason?.rawValue)
    }

    static func signature(_ timestamp: String, institution: Bool = true) -> Signature {
        institution ? Signature(signerName: "Ann Coordinator", signerPosition: "Erasmus coordinator", signerEmail: "ann@hei.example",
                                timestamp: XSDateTime(timestamp)!, signerApp: "SIS")
                    : Signature(timestamp: XSDateTime(timestamp)!)
    }

    /// Tables signed by the three parties on `signed` (student), +1 day (sending), +2 days (receiving);
    /// the receiving signature left out for a proposal (`receiving: false`).
    static func signedTables(a: [Component]? = nil, b: [Component]? = nil, c: [Component]? = nil, d: [Component]? = nil,
                             e: [Component]? = nil, signed: String = "2024-06-10", receiving: Bool = true) -> ListOfComponents {
        let first = XSDate(signed)!.day
        return ListOfComponents(componentsStudied: a, componentsRecognized: b, virtualComponents: c, blendedMobilityComponents: d,
                                shortTermDoctoralComponents: e,
                                studentSignature: signature("\(first)T10:00:00Z", institution: false),
                                sendingHEISignature: signature("\(first.adding(days: 1))T10:00:00Z"),
                                receivingHEISignature: receiving ? signature("\(first.adding(days: 2))T10:00:00Z") : nil)
    }

    static func la(_ id: String, start: String, end: String, eqf: Int = 7, year: String = "2024/2025",
                   firstVersion: ListOfComponents?, approvedChanges: ListOfComponents? = nil,
                   changesProposal: ChangesProposal? = nil, language: String = "B2") -> LearningAgreement {
        func date(_ s: String) -> MobilityDate { s.count == 7 ? .yearMonth(XSGYearMonth(s)!) : .date(XSDate(s)!) }
        return LearningAgreement(
            omobilityID: id,
            sendingHEI: MobilityInstitution(heiID: "sending.example", ounitName: "Faculty of Science",
                                            contactPerson: ContactPerson(givenNames: "Ann", familyName: "Coordinator", email: "ann@sending.example")),
            receivingHEI: MobilityInstitution(heiID: "receiving.example",
                                              contactPerson: ContactPerson(givenNames: "Bob", familyName: "Officer", email: "bob@receiving.example")),
            receivingAcademicYearID: year,
            student: Student(givenNames: "Eva", familyName: "Student", globalID: "urn:schac:personalUniqueCode:int:esi:sending.example:1",
                             birthDate: XSDate("2002-04-01"), citizenship: "PL", gender: XSInteger(2), email: "eva@sending.example"),
            start: date(start), end: date(end), eqfLevelStudiedAtDeparture: eqf, iscedFCode: "0541",
            studentLanguageSkill: StudentLanguageSkill(language: "en", cefrLevel: language),
            firstVersion: firstVersion, approvedChanges: approvedChanges, changesProposal: changesProposal,
            learningOutcomesURL: "https://receiving.example/catalogue", provisionsURL: "https://sending.example/provisions")
    }

    /// Table A of 60 ECTS for a year at the receiving institution.
    static let tableA60 = [
        row("RA1", "Advanced Logic", autumn, "15"), row("RA2", "Big Data Mining", autumn, "15"),
        row("RA3", "Distributed Systems", spring, "15"), row("RA4", "Master thesis research", spring, "15"),
    ]

    /// KA131 Table B: CRSX Course X Autumn 10, MDLY Module Y Spring 10, LAB Laboratory work Autumn 20,
    /// THS Thesis research / Doctoral work Spring 20: total 60.
    static let tableB60 = [
        row("CRSX", "Course X", autumn, "10"), row("MDLY", "Module Y", spring, "10"),
        row("LAB", "Laboratory work", autumn, "20"), row("THS", "Thesis research / Doctoral work", spring, "20"),
    ]

    static let table60 = la("la-table-60", start: "2024-09", end: "2025-06", firstVersion: signedTables(a: tableA60, b: tableB60))

    /// KA1 OLA Table B: Course X 6, Module Y 10, Laboratory Work 8, Thesis research/Doctoral work 10: total 34.
    static let tableB34 = [
        row(nil, "Course X", autumn, "6"), row(nil, "Module Y", spring, "10"),
        row(nil, "Laboratory Work", spring, "8"), row(nil, "Thesis research/Doctoral work", spring, "10"),
    ]

    static let tableA34 = [
        row("RB1", "Logic", autumn, "6"), row("RB2", "Modules", spring, "10"),
        row("RB3", "Laboratory", spring, "8"), row("RB4", "Thesis research", spring, "10"),
    ]

    /// 34 ECTS for about seven months (September to March).
    static let table34 = la("la-table-34", start: "2024-09", end: "2025-03", firstVersion: signedTables(a: tableA34, b: tableB34))

    /// Spring semester: Table A of 30 ECTS, Table B one line "Mobility window | Spring | 30 | Yes".
    static let mobilityWindow = la("la-window", start: "2025-02", end: "2025-06", firstVersion: signedTables(
        a: [row("S1", "Statistics", spring, "10"), row("S2", "Econometrics", spring, "10"), row("S3", "Data visualisation", spring, "10")],
        b: [row(nil, "Mobility window", spring, "30")]))

    /// Blended Intensive Programme, 7 days in March.
    static let blendedBIP = la("la-bip", start: "2025-03-10", end: "2025-03-16", eqf: 6, firstVersion: signedTables(
        d: [row("BIPX", "Blended Intensive Programme X", spring, "3", description: "Online workshop")]))

    /// Short-term doctoral mobility, 12 days in October, doctoral work without credits.
    static let doctoralPHD = la("la-phd", start: "2024-10-07", end: "2024-10-18", eqf: 8, firstVersion: signedTables(
        e: [row("PHD", "Doctoral work", autumn, nil, description: "Participation in webinars")]))

    static let all = [table60, table34, mobilityWindow, blendedBIP, doctoralPHD]
}
