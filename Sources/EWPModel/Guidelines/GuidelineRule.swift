/// How serious a finding is.
public enum GuidelineSeverity: String, Sendable, Comparable, CaseIterable {
    /// The learning agreement cannot be valid as it stands.
    case error
    /// The guidelines recommend otherwise.
    case warning

    public static func < (a: GuidelineSeverity, b: GuidelineSeverity) -> Bool { a == .error && b == .warning }
}

/// Where a rule comes from: a document under `../shared` (a guideline text or a specification
/// file), the section it is in, and a passage quoted word for word (tests check that the passage
/// is in the document).
public struct GuidelineSource: Sendable, Hashable, CustomStringConvertible {
    /// Path under `../shared`.
    public let document: String
    public let section: String
    public let quote: String

    public static let ka131Document = "docs/guidelines/la-guidelines-ka131.txt"
    public static let olaDocument = "docs/guidelines/ola-guidelines-ka1.txt"
    public static let getResponseDocument = "ewp-specs/ewp-specs-api-omobility-las/endpoints/get-response.xsd"

    /// The current KA131 guidelines for the learning agreement for studies.
    static func ka131(_ section: String, _ quote: String) -> GuidelineSource {
        GuidelineSource(document: ka131Document, section: section, quote: quote)
    }

    /// The earlier KA1 guidelines for the Online Learning Agreement for studies.
    static func ola(_ section: String, _ quote: String) -> GuidelineSource {
        GuidelineSource(document: olaDocument, section: section, quote: quote)
    }

    /// The OMobility LAs v1 get-response schema (its annotations state what the EWP data means).
    static func spec(_ section: String, _ quote: String) -> GuidelineSource {
        GuidelineSource(document: getResponseDocument, section: section, quote: quote)
    }

    public var description: String {
        switch document {
        case Self.ka131Document: "KA131 LA guidelines, \(section)"
        case Self.olaDocument: "KA1 OLA guidelines, \(section)"
        default: "OMobility LAs v1 get-response.xsd, \(section)"
        }
    }
}

/// One rule of the Erasmus+ guidelines, as ewp-node checks it.
public struct GuidelineRule: Sendable, Hashable, Identifiable, CustomStringConvertible {
    /// Stable id, e.g. `LA-TABLES-SEMESTER`.
    public let id: String
    public let severity: GuidelineSeverity
    /// What the rule asks for, in one line.
    public let summary: String
    /// The guideline sections (and spec annotations) it implements; the first is the main one.
    public let sources: [GuidelineSource]

    init(_ id: String, _ severity: GuidelineSeverity, _ summary: String, sources: [GuidelineSource]) {
        self.id = id
        self.severity = severity
        self.summary = summary
        self.sources = sources
    }

    public var description: String { id }

    public static func == (a: GuidelineRule, b: GuidelineRule) -> Bool { a.id == b.id }
    public func hash(into h: inout Hasher) { h.combine(id) }
}

/// What a rule found in one learning agreement.
public struct Finding: Sendable, Hashable, CustomStringConvertible {
    public let rule: GuidelineRule
    public let omobilityID: String
    /// Says what is wrong and what to change.
    public let message: String

    public var severity: GuidelineSeverity { rule.severity }

    /// The `la check` line: `error|warning RULE-ID OMOBILITY-ID: message`.
    public var description: String { "\(rule.severity.rawValue) \(rule.id) \(omobilityID): \(message)" }
}
