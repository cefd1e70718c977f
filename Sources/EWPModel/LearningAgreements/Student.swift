import EWPXML

/// `student`. Every field is optional in the schema: outside a `changes-proposal` the annotation
/// requires them all; inside one, only the fields that changed since the receiving HEI's last
/// approval are given (`given-names`, `family-name`, `global-id`, `birth-date` matter).
public struct Student: Sendable, Hashable {
    public var givenNames: String?
    public var familyName: String?
    /// `global-id`: the European Student Identifier.
    public var globalID: String?
    public var birthDate: XSDate?
    /// `citizenship` (`ewp:CountryCode`, two capital letters).
    public var citizenship: String?
    /// `gender` (`ewp:Gender`, ISO/IEC 5218: 0, 1, 2 or 9).
    public var gender: XSInteger?
    public var email: String?

    public init(givenNames: String? = nil, familyName: String? = nil, globalID: String? = nil, birthDate: XSDate? = nil,
                citizenship: String? = nil, gender: XSInteger? = nil, email: String? = nil) {
        self.givenNames = givenNames
        self.familyName = familyName
        self.globalID = globalID
        self.birthDate = birthDate
        self.citizenship = citizenship
        self.gender = gender
        self.email = email
    }

    static let known: Set<QName> = Set(["given-names", "family-name", "global-id", "birth-date", "citizenship", "gender", "email"].map { QName($0) })

    init(_ node: Node, ignored: inout [String]) throws(LADecodingError) {
        var r = try ChildReader(node, known: Self.known, ignored: &ignored)
        givenNames = try r.optional("given-names")?.string()
        familyName = try r.optional("family-name")?.string()
        globalID = try r.optional("global-id")?.string()
        birthDate = try r.optional("birth-date")?.value("an xs:date (YYYY-MM-DD)", XSDate.init)
        citizenship = try r.optional("citizenship")?.restricted("an ewp:CountryCode (two capital letters)", SimpleTypes.isCountryCode)
        gender = try r.optional("gender")?.value("an ewp:Gender (0, 1, 2 or 9)") { t in
            XSInteger(t).flatMap { [0, 1, 2, 9].contains($0.value) ? $0 : nil }
        }
        email = try r.optional("email")?.restricted("an ewp:Email", SimpleTypes.isEmail)
        try r.finish()
    }

    var element: XElement {
        LAWriter.element("student", [
            LAWriter.leaf("given-names", givenNames), LAWriter.leaf("family-name", familyName),
            LAWriter.leaf("global-id", globalID), LAWriter.leaf("birth-date", birthDate?.text),
            LAWriter.leaf("citizenship", citizenship), LAWriter.leaf("gender", gender?.text), LAWriter.leaf("email", email),
        ])
    }
}

/// `student-language-skill`: the level in the main language of instruction that the student has
/// or agrees to acquire by the start of the study period.
public struct StudentLanguageSkill: Sendable, Hashable {
    /// `language` (`xs:language`, BCP 47).
    public var language: String
    /// `cefr-level` (`ewp:CefrLevel`: A1 … C2, or NS for a native speaker).
    public var cefrLevel: String

    public init(language: String, cefrLevel: String) {
        self.language = language
        self.cefrLevel = cefrLevel
    }

    /// The level as a comparable value (nil only for a value the schema rejects).
    public var level: CEFRLevel? { CEFRLevel(rawValue: cefrLevel) }

    static let known: Set<QName> = [QName("language"), QName("cefr-level")]

    init(_ node: Node, ignored: inout [String]) throws(LADecodingError) {
        var r = try ChildReader(node, known: Self.known, ignored: &ignored)
        language = try r.required("language").restricted("an xs:language (BCP 47 code)", SimpleTypes.isLanguage)
        cefrLevel = try r.required("cefr-level").restricted("an ewp:CefrLevel (A1, A2, B1, B2, C1, C2 or NS)", SimpleTypes.isCefrLevel)
        try r.finish()
    }

    var element: XElement {
        LAWriter.element("student-language-skill", [LAWriter.leaf("language", language), LAWriter.leaf("cefr-level", cefrLevel)])
    }
}

/// A CEFR level, ordered; a native speaker (`NS`) is above C2.
public enum CEFRLevel: String, Sendable, CaseIterable, Comparable {
    case a1 = "A1", a2 = "A2", b1 = "B1", b2 = "B2", c1 = "C1", c2 = "C2", nativeSpeaker = "NS"

    public static func < (a: CEFRLevel, b: CEFRLevel) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
