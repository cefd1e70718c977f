import EWPXML

/// One `la` of an OMobility LAs v1 `omobility-las-get-response` (type `LearningAgreement`,
/// OMobility LAs API v1 endpoints/get.md). Decoded from an `XElement` (with the path of the
/// offending element on error) and encoded back so that a decoded document is written unchanged
/// (modulo whitespace between elements): every element and attribute the schema defines is kept,
/// texts exactly as read.
public struct LearningAgreement: Sendable, Hashable {
    /// `omobility-id` (`ewp:AsciiPrintableIdentifier`): the mobility id, immutable.
    public var omobilityID: String
    public var sendingHEI: MobilityInstitution
    public var receivingHEI: MobilityInstitution
    /// `receiving-academic-year-id` (`trm:AcademicYearId`, `2018/2019`), the receiving HEI's year.
    public var receivingAcademicYearID: String
    public var student: Student
    /// `start-date` or `start-year-month`: when the student is supposed to arrive.
    public var start: MobilityDate
    /// `end-date` or `end-year-month`: when the student is supposed to leave.
    public var end: MobilityDate
    /// `eqf-level-studied-at-departure` (`ewp:EqfLevel`, 1 to 8).
    public var eqfLevelStudiedAtDeparture: XSInteger
    public var iscedFCode: String
    public var iscedClarification: String?
    public var studentLanguageSkill: StudentLanguageSkill
    /// `first-version`: tables A, B, C (or D, E) as signed by all three parties.
    public var firstVersion: ListOfComponents?
    /// `approved-changes`: the latest approved list of changes to the first version (A2, B2, C2).
    public var approvedChanges: ListOfComponents?
    /// `changes-proposal`: the proposed first version, or proposed changes to it.
    public var changesProposal: ChangesProposal?
    /// `learning-outcomes-url`: the receiving HEI's course catalogue describing learning outcomes.
    public var learningOutcomesURL: String?
    /// `provisions-url`: provisions applying if the student does not complete some components.
    public var provisionsURL: String?

    public init(omobilityID: String, sendingHEI: MobilityInstitution, receivingHEI: MobilityInstitution,
                receivingAcademicYearID: String, student: Student, start: MobilityDate, end: MobilityDate,
                eqfLevelStudiedAtDeparture: Int, iscedFCode: String, iscedClarification: String? = nil,
                studentLanguageSkill: StudentLanguageSkill, firstVersion: ListOfComponents? = nil,
                approvedChanges: ListOfComponents? = nil, changesProposal: ChangesProposal? = nil,
                learningOutcomesURL: String? = nil, provisionsURL: String? = nil) {
        self.omobilityID = omobilityID
        self.sendingHEI = sendingHEI
        self.receivingHEI = receivingHEI
        self.receivingAcademicYearID = receivingAcademicYearID
        self.student = student
        self.start = start
        self.end = end
        self.eqfLevelStudiedAtDeparture = XSInteger(eqfLevelStudiedAtDeparture)
        self.iscedFCode = iscedFCode
        self.iscedClarification = iscedClarification
        self.studentLanguageSkill = studentLanguageSkill
        self.firstVersion = firstVersion
        self.approvedChanges = approvedChanges
        self.changesProposal = changesProposal
        self.learningOutcomesURL = learningOutcomesURL
        self.provisionsURL = provisionsURL
    }

    /// Decodes an `la` element (in the get-response namespace). Unknown elements are ignored.
    /// `path` names `la` in error messages.
    public init(_ la: XElement, path: String = "la") throws(LADecodingError) {
        var ignored: [String] = []
        try self.init(Node(element: la, path: path), ignored: &ignored)
    }

    static let known: Set<QName> = Set([
        "omobility-id", "sending-hei", "receiving-hei", "receiving-academic-year-id", "student", "start-date",
        "start-year-month", "end-date", "end-year-month", "eqf-level-studied-at-departure", "isced-f-code",
        "isced-clarification", "student-language-skill", "first-version", "approved-changes", "changes-proposal",
        "learning-outcomes-url", "provisions-url",
    ].map { QName($0) })

    init(_ node: Node, ignored: inout [String]) throws(LADecodingError) {
        guard node.element.name == "la", node.element.namespace == LANamespace.getResponse else {
            throw LADecodingError(path: node.path, "expected <la> in the namespace \(LANamespace.getResponse)")
        }
        var r = try ChildReader(node, known: Self.known, ignored: &ignored)
        omobilityID = try r.required("omobility-id").restricted("an ewp:AsciiPrintableIdentifier (1 to 64 printable ASCII characters)",
                                                                SimpleTypes.isAsciiPrintableIdentifier)
        sendingHEI = try MobilityInstitution(r.required("sending-hei"), ignored: &ignored)
        receivingHEI = try MobilityInstitution(r.required("receiving-hei"), ignored: &ignored)
        receivingAcademicYearID = try r.required("receiving-academic-year-id")
            .restricted("a trm:AcademicYearId (YYYY/YYYY)", SimpleTypes.isAcademicYearID)
        student = try Student(r.required("student"), ignored: &ignored)
        start = try MobilityDate.read(&r, date: "start-date", yearMonth: "start-year-month")
        end = try MobilityDate.read(&r, date: "end-date", yearMonth: "end-year-month")
        eqfLevelStudiedAtDeparture = try r.required("eqf-level-studied-at-departure").value("an ewp:EqfLevel (1 to 8)") { t in
            XSInteger(t).flatMap { (1...8).contains($0.value) ? $0 : nil }
        }
        iscedFCode = try r.required("isced-f-code").string()
        iscedClarification = try r.optional("isced-clarification")?.string()
        studentLanguageSkill = try StudentLanguageSkill(r.required("student-language-skill"), ignored: &ignored)
        if let n = r.optional("first-version") { firstVersion = try ListOfComponents(n, ignored: &ignored) } else { firstVersion = nil }
        if let n = r.optional("approved-changes") { approvedChanges = try ListOfComponents(n, ignored: &ignored) } else { approvedChanges = nil }
        if let n = r.optional("changes-proposal") { changesProposal = try ChangesProposal(n, ignored: &ignored) } else { changesProposal = nil }
        learningOutcomesURL = try r.optional("learning-outcomes-url")?.restricted("an ewp:HTTP URL (http:// or https://)", SimpleTypes.isHTTP)
        provisionsURL = try r.optional("provisions-url")?.restricted("an ewp:HTTP URL (http:// or https://)", SimpleTypes.isHTTP)
        try r.finish()
    }

    /// The `la` element, children in schema order.
    public var element: XElement {
        LAWriter.element("la", [
            LAWriter.leaf("omobility-id", omobilityID), sendingHEI.element("sending-hei"), receivingHEI.element("receiving-hei"),
            LAWriter.leaf("receiving-academic-year-id", receivingAcademicYearID), student.element,
            start.element(date: "start-date", yearMonth: "start-year-month"), end.element(date: "end-date", yearMonth: "end-year-month"),
            LAWriter.leaf("eqf-level-studied-at-departure", eqfLevelStudiedAtDeparture.text), LAWriter.leaf("isced-f-code", iscedFCode),
            LAWriter.leaf("isced-clarification", iscedClarification), studentLanguageSkill.element,
            firstVersion.map { LAWriter.element("first-version", $0.children) },
            approvedChanges.map { LAWriter.element("approved-changes", $0.children) },
            changesProposal?.element, LAWriter.leaf("learning-outcomes-url", learningOutcomesURL),
            LAWriter.leaf("provisions-url", provisionsURL),
        ])
    }
}

/// A planned start or end: a day (`start-date`) or, the day being optional, a month (`start-year-month`).
public enum MobilityDate: Sendable, Hashable, CustomStringConvertible {
    case date(XSDate)
    case yearMonth(XSGYearMonth)

    /// The earliest day it may stand for (the first of the month for a month).
    public var earliestDay: CalendarDay {
        switch self {
        case .date(let d): d.day
        case .yearMonth(let m): m.firstDay
        }
    }

    /// The latest day it may stand for (the last of the month for a month).
    public var latestDay: CalendarDay {
        switch self {
        case .date(let d): d.day
        case .yearMonth(let m): m.lastDay
        }
    }

    public var isExactDay: Bool {
        if case .date = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .date(let d): d.text
        case .yearMonth(let m): m.text
        }
    }

    static func read(_ r: inout ChildReader, date: String, yearMonth: String) throws(LADecodingError) -> MobilityDate {
        if let n = r.optional(date) { return .date(try n.value("an xs:date (YYYY-MM-DD)", XSDate.init)) }
        if let n = r.optional(yearMonth) { return .yearMonth(try n.value("an xs:gYearMonth (YYYY-MM)", XSGYearMonth.init)) }
        throw r.missing([date, yearMonth])
    }

    func element(date: String, yearMonth: String) -> XElement {
        switch self {
        case .date(let d): XElement(date, namespace: LANamespace.getResponse, text: d.text)
        case .yearMonth(let m): XElement(yearMonth, namespace: LANamespace.getResponse, text: m.text)
        }
    }
}
