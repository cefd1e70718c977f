import EWPXML
import Foundation

/// `component`: one row of a table of the LA template. Its "owner" is the receiving HEI in
/// `components-studied` (and the virtual, blended and doctoral lists), the sending HEI in
/// `components-recognized`.
public struct Component: Sendable, Hashable {
    /// `los-id` (`course:LosID`, as in the owner's Courses API).
    public var losID: String?
    /// `los-code`: the component code shown to people (the template's "Component code").
    public var losCode: String?
    public var title: String
    /// `loi-id` (`course:LoiID`).
    public var loiID: String?
    /// `term-id`: the academic term at the owner (required in tables A and B by the annotation).
    public var termID: TermID?
    /// `credit`*: none means credits are "not applicable" for this component.
    public var credits: [Credit]
    /// `recognition-conditions`: present means NOT automatically recognised; the text is why and
    /// how it is recognised instead. MUST NOT appear in `components-studied`.
    public var recognitionConditions: String?
    /// `short-description` of the virtual component (tables C, D, E only).
    public var shortDescription: String?
    /// `@status`: given if and only if the component is a change (`inserted` or `deleted`).
    public var status: ComponentStatus?
    /// `@reason-code` as written; see `reason` for the known codes.
    public var reasonCode: String?
    /// `@reason-text`: the "Reason for change" column of tables A2, B2, C2.
    public var reasonText: String?

    public init(losID: String? = nil, losCode: String? = nil, title: String, loiID: String? = nil, termID: TermID? = nil,
                credits: [Credit] = [], recognitionConditions: String? = nil, shortDescription: String? = nil,
                status: ComponentStatus? = nil, reasonCode: String? = nil, reasonText: String? = nil) {
        self.losID = losID
        self.losCode = losCode
        self.title = title
        self.loiID = loiID
        self.termID = termID
        self.credits = credits
        self.recognitionConditions = recognitionConditions
        self.shortDescription = shortDescription
        self.status = status
        self.reasonCode = reasonCode
        self.reasonText = reasonText
    }

    /// The reason code, nil when absent or not one the schema knows (the spec says an unknown code
    /// counts as no code).
    public var reason: ReasonCode? { reasonCode.flatMap(ReasonCode.init(rawValue:)) }

    /// The ECTS credits (`scheme` "ects"), summed if given more than once; nil when none is given.
    public var ects: Decimal? {
        let values = credits.filter { $0.scheme == Credit.ects }.map(\.value.value)
        return values.isEmpty ? nil : values.reduce(0, +)
    }

    static let known: Set<QName> = Set(["los-id", "los-code", "title", "loi-id", "term-id", "credit",
                                        "recognition-conditions", "short-description"].map { QName($0) })

    init(_ node: Node, ignored: inout [String]) throws(LADecodingError) {
        var r = try ChildReader(node, known: Self.known, ignored: &ignored)
        losID = try r.optional("los-id")?.restricted("a course:LosID (CR/, CLS/, MOD/ or DEP/ and 1 to 40 characters)", SimpleTypes.isLosID)
        losCode = try r.optional("los-code")?.string()
        title = try r.required("title").string()
        loiID = try r.optional("loi-id")?.restricted("a course:LoiID (CRI/, CLSI/, MODI/ or DEPI/ and 1 to 40 characters)", SimpleTypes.isLoiID)
        if let t = r.optional("term-id") { termID = try TermID(t, ignored: &ignored) } else { termID = nil }
        credits = []
        for c in r.many("credit") { credits.append(try Credit(c, ignored: &ignored)) }
        recognitionConditions = try r.optional("recognition-conditions")?.string()
        shortDescription = try r.optional("short-description")?.string()
        try r.finish()
        if let s = node.attribute("status") {
            guard let status = ComponentStatus(rawValue: s) else {
                throw LADecodingError(path: node.path + "/@status", "\"\(s)\" is not a component status (inserted or deleted)")
            }
            self.status = status
        } else {
            status = nil
        }
        reasonCode = node.attribute("reason-code")
        reasonText = node.attribute("reason-text")
    }

    var element: XElement {
        var attributes: [XAttribute] = []
        if let status { attributes.append(XAttribute("status", value: status.rawValue)) }
        if let reasonCode { attributes.append(XAttribute("reason-code", value: reasonCode)) }
        if let reasonText { attributes.append(XAttribute("reason-text", value: reasonText)) }
        return LAWriter.element("component", [
            LAWriter.leaf("los-id", losID), LAWriter.leaf("los-code", losCode), LAWriter.leaf("title", title),
            LAWriter.leaf("loi-id", loiID), termID?.element,
        ] + credits.map(\.element) + [
            LAWriter.leaf("recognition-conditions", recognitionConditions), LAWriter.leaf("short-description", shortDescription),
        ], attributes: attributes)
    }
}

public enum ComponentStatus: String, Sendable, CaseIterable {
    /// Added after the first version.
    case inserted
    /// Deleted after the first version.
    case deleted
}

/// The reason codes of the schema (defined by the EUC glossary), each allowed for one status only.
public enum ReasonCode: String, Sendable, CaseIterable {
    case notAvailable = "not-available"
    case languageMismatch = "language-mismatch"
    case timetableConflict = "timetable-conflict"
    case substitutingDeleted = "substituting-deleted"
    case extendingMobility = "extending-mobility"
    case addingVirtualComponent = "adding-virtual-component"

    /// The only status this code may be used with.
    public var status: ComponentStatus {
        switch self {
        case .notAvailable, .languageMismatch, .timetableConflict: .deleted
        case .substitutingDeleted, .extendingMobility, .addingVirtualComponent: .inserted
        }
    }
}

/// `credit`: a scheme (`ects`, lowercase, or a custom one) and a decimal value.
public struct Credit: Sendable, Hashable {
    public static let ects = "ects"
    public var scheme: String
    public var value: XSDecimal

    public init(scheme: String = Credit.ects, value: XSDecimal) {
        self.scheme = scheme
        self.value = value
    }

    static let known: Set<QName> = [QName("scheme"), QName("value")]

    init(_ node: Node, ignored: inout [String]) throws(LADecodingError) {
        var r = try ChildReader(node, known: Self.known, ignored: &ignored)
        scheme = try r.required("scheme").string()
        value = try r.required("value").value("an xs:decimal", XSDecimal.init)
        try r.finish()
    }

    var element: XElement {
        LAWriter.element("credit", [LAWriter.leaf("scheme", scheme), LAWriter.leaf("value", value.text)])
    }
}

/// `term-id` (academic term v2 `TermId`): term `termNumber` of `totalTerms` in the academic year.
public struct TermID: Sendable, Hashable {
    public var termNumber: XSInteger
    public var totalTerms: XSInteger

    public init(termNumber: Int, totalTerms: Int) {
        self.termNumber = XSInteger(termNumber)
        self.totalTerms = XSInteger(totalTerms)
    }

    static let known: Set<QName> = [QName("term-number", LANamespace.academicTerm), QName("total-terms", LANamespace.academicTerm)]

    init(_ node: Node, ignored: inout [String]) throws(LADecodingError) {
        var r = try ChildReader(node, known: Self.known, ignored: &ignored)
        termNumber = try r.required("term-number", LANamespace.academicTerm).value("an xs:integer", XSInteger.init)
        totalTerms = try r.required("total-terms", LANamespace.academicTerm).value("an xs:integer", XSInteger.init)
        try r.finish()
    }

    var element: XElement {
        LAWriter.element("term-id", [LAWriter.leaf("term-number", termNumber.text, namespace: LANamespace.academicTerm),
                                     LAWriter.leaf("total-terms", totalTerms.text, namespace: LANamespace.academicTerm)])
    }
}
