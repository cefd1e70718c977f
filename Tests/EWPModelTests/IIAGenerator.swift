/// SplitMix64: a small, fast, seedable generator (the same seed gives the same IIAs).
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Generates IIAs v7 `iias-get-response` documents as XML text, every IIA valid against the
/// official get-response XSD, covering every element and attribute the schema allows in an `iia`
/// (contacts with phones and addresses included), `not-yet-defined`, `v6-value`,
/// `terminated-as-a-whole`, unmapped partners, `xsi:` attributes, and unusual but valid text:
/// spaces, tabs, CR/LF, accents, emoji, escapes, character references, CDATA, comments and
/// processing instructions inside values, several namespace prefixes, compact or indented layout.
struct IIAGenerator {
    static let iiasNS = Fixtures.iiasNS
    static let contactNS = Fixtures.contactNS
    static let phoneNS = "https://github.com/erasmus-without-paper/ewp-specs-types-phonenumber/tree/stable-v1"
    static let addressNS = "https://github.com/erasmus-without-paper/ewp-specs-types-address/tree/stable-v1"
    static let commonNS = "https://github.com/erasmus-without-paper/ewp-specs-architecture/blob/stable-v1/common-types.xsd"
    static let xsNS = "http://www.w3.org/2001/XMLSchema"

    var random: SeededRandom
    /// Element prefix for the IIAs namespace ("" or "i:") and for contacts ("c:" or "k:"), and
    /// the layout, chosen per IIA.
    private var ns = ""
    private var cns = "c:"
    private var newline = "\n"
    private var out = ""
    private var depth = 0

    init(seed: UInt64) { random = SeededRandom(seed: seed) }

    /// A whole get-response with `count` IIAs: the document, and each IIA's own XML text.
    mutating func response(count: Int) -> (document: String, iias: [String]) {
        let iias = (0..<count).map { _ in iia() }
        let document = """
        <?xml version="1.0" encoding="UTF-8"?>
        <iias-get-response xmlns="\(Self.iiasNS)" xmlns:i="\(Self.iiasNS)" xmlns:c="\(Self.contactNS)" \
        xmlns:p="\(Self.phoneNS)" xmlns:a="\(Self.addressNS)" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
        <!-- \(count) generated IIAs -->
        \(iias.joined(separator: "\n"))
        </iias-get-response>

        """
        return (document, iias)
    }

    // MARK: - Randomness

    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &random) < p }
    mutating func pick<T>(_ xs: [T]) -> T { xs[Int.random(in: 0..<xs.count, using: &random)] }
    mutating func times(_ r: ClosedRange<Int>) -> Int { Int.random(in: r, using: &random) }

    // MARK: - Writing

    private mutating func indent() { out += newline.isEmpty ? "" : newline + String(repeating: pick(["  ", "\t"]), count: depth) }

    private mutating func maybeComment() {
        if chance(0.04) { indent(); out += pick(["<!-- comment -->", "<!---->", "<?ewp-note between elements?>"]) }
    }

    /// `<name attrs>` on a new line; `attrs` is source text starting with a space (or empty).
    private mutating func open(_ name: String, _ attrs: String = "") {
        maybeComment()
        indent()
        out += "<\(name)\(attrs)>"
        depth += 1
    }

    private mutating func close(_ name: String) {
        depth -= 1
        indent()
        out += "</\(name)>"
    }

    /// A leaf whose content is `value` (XML source text, already escaped).
    private mutating func leaf(_ name: String, _ value: String, _ attrs: String = "") {
        maybeComment()
        indent()
        if value.isEmpty, chance(0.5) { out += "<\(name)\(attrs)/>"; return }
        out += "<\(name)\(attrs)>\(value)</\(name)>"
    }

    private mutating func element(_ name: String, _ attrs: String = "", _ body: (inout IIAGenerator) -> Void) {
        open(name, attrs)
        body(&self)
        close(name)
    }

    /// ` name="value"` with a random quote style and spacing.
    private mutating func attribute(_ name: String, _ value: String) -> String {
        let q = pick(["\"", "'"])
        return " \(name)\(pick(["=", " = ", "=\n  "]))\(q)\(value)\(q)"
    }

    /// An `xsi:type` (sometimes with a local namespace declaration and `xsi:schemaLocation`, in
    /// random order) naming `type` in namespace `typeNS`.
    private mutating func xsiType(_ type: String, _ typeNS: String) -> String {
        guard chance(0.06) else { return "" }
        var parts = [" xmlns:tn=\"\(typeNS)\"", attribute("xsi:type", "tn:\(type)")]
        if chance(0.4) { parts.append(attribute("xsi:schemaLocation", "urn:example:a urn:example:b")) }
        parts.shuffle(using: &random)
        return parts.joined()
    }

    // MARK: - Values (XML source text)

    static let textPieces = [
        "Social and behavioural sciences", "Łódź", "Zürich", "São Paulo", "Ελληνικά", "日本語", "😀", "naïve café",
        " ", "  ", "\t", "\n", "\r\n", "&#13;", "&#9;", "&#xA0;", "&#10;", "&amp;", "&lt;", "&gt;", ">", "&quot;", "'",
        "\"", "&apos;", "&#38;", "&#x3C;", "&#233;", "&#x1F600;", "<![CDATA[a < b & c]]>", "<![CDATA[]]>",
        "<!-- note -->", "<?ewp keep?>", "_x_", "@_", "a=b", "__x.y.z=", "_iia-id_2=", "_@terminated-as-a-whole@_", "&amp;#38;",
    ]

    /// Free text for `xs:string` elements: anything, empty included.
    mutating func freeText() -> String {
        (0..<times(0...4)).map { _ in pick(Self.textPieces) }.joined()
    }

    /// A value that is one of `plain` most of the time, else free text around it.
    mutating func text(_ plain: [String]) -> String {
        chance(0.7) ? pick(plain) : freeText() + pick(plain) + freeText()
    }

    /// `ewp:AsciiPrintableIdentifier`: 1 to 64 characters from `!` to `~`, written in many ways.
    mutating func identifier() -> String {
        let first = pick(["0f7a5682-faf7-49a7-9cc7-ec486c49a281", "1954991", "ID_42", "140", "x", "&amp;", "&#65;", "<![CDATA[x<y]]>"])
        let more = ["&lt;", ">", "_", "@", "=", "'", "\"", "&#38;", "<!--c-->", "~!#$%^*()+", "a_b", "<?pi?>"]
        return first + (0..<times(0...2)).map { _ in pick(more) }.joined()
    }

    mutating func heiID() -> String {
        pick(["uw.edu.pl", "hibo.no", "université-paris.fr", "a&amp;b.example.eu", " spaced.example.org ", "x&lt;y.example.com",
              "\n  uni.example.es\n", "uw.edu.pl<!-- c -->", "<![CDATA[cdata.example.it]]>"])
    }

    mutating func academicYear() -> String {
        let y = times(2014...2029)
        let same = chance(0.1)
        return pick(["\(y)/\(same ? y : y + 1)", "\(y)<!--y-->/\(y + 1)", "&#50;\(String(y).dropFirst())/\(y + 1)"])
    }

    mutating func boolean() -> String { pick(["true", "false", "1", "0", " true ", "\nfalse\n"]) }
    mutating func positiveInteger() -> String { pick(["1", "2", " 3 ", "+4", "007", "\n5\t", "10", "12345678901234567890"]) }
    mutating func decimal() -> String { pick(["5", "5.5", "10.25", " 3.50 ", "+2", "0.01", "007.10", "12"]) }
    mutating func eqfLevel() -> String { pick(["5", "6", "7", "8", "+6", "07"]) }  // libxml2 refuses " 8 " for the byte-derived EqfLevel
    mutating func isced() -> String { pick(["0314", "0411", "0613", "10<!--x-->22", "&#48;031"]) }
    /// `not-yet-defined` or `terminated-as-a-whole`: absent most of the time; `" true"` is valid
    /// for the XSD (boolean collapses whitespace) but is not `true` for the stylesheet.
    mutating func flag(_ name: String, _ p: Double) -> String {
        chance(p) ? attribute(name, pick(["true", "1", "false", "0", " true", "true "])) : ""
    }

    // MARK: - The IIA

    mutating func iia() -> String {
        out = ""
        depth = 1
        ns = chance(0.3) ? "i:" : ""
        newline = pick(["\n", "\n", "\r\n", ""])
        let localContactPrefix = chance(0.25)
        cns = localContactPrefix ? "k:" : "c:"
        let iiaAttrs = localContactPrefix ? " xmlns:k=\"\(Self.contactNS)\"" : ""
        element("\(ns)iia", iiaAttrs) { g in
            g.partner(first: true)
            g.partner(first: false)
            g.leaf("\(g.ns)in-effect", g.boolean())
            g.element("\(g.ns)cooperation-conditions", g.flag("terminated-as-a-whole", 0.2)) { g in
                // Now and then no cooperation condition at all (the schema allows it).
                let counts = g.chance(0.05) ? [0, 0, 0, 0] : [g.times(0...3), g.times(0...2), g.times(0...2), g.times(0...2)]
                for (kind, count) in zip(MobilityKind.allCases, counts) {
                    for _ in 0..<count { g.spec(kind) }
                }
            }
            g.leaf("\(g.ns)iia-hash", String((0..<64).map { _ in "0123456789abcdef".randomElement(using: &g.random)! }))
            if g.chance(0.3) { g.leaf("\(g.ns)pdf-file", g.text(["4a483112-d306-4e77-87ff-05b823fb0e0f"])) }
        }
        return out
    }

    private mutating func partner(first: Bool) {
        element("\(ns)partner") { g in
            g.leaf("\(g.ns)hei-id", first ? "uw.edu.pl" : g.heiID())
            if g.chance(0.4) { g.leaf("\(g.ns)ounit-id", g.identifier()) }
            // The first partner always has its iia-id; the second is unmapped about a third of the time.
            if first || g.chance(0.65) { g.leaf("\(g.ns)iia-id", g.identifier()) }
            if first || g.chance(0.5) { g.leaf("\(g.ns)iia-code", g.text(["983/E+/III14&amp;15", "2014/E+/PL/4104B", ""])) }
            if g.chance(0.5) { g.contact("\(g.ns)signing-contact") }
            if g.chance(0.5) { g.leaf("\(g.ns)signing-date", g.pick(["2024-02-01", "2023-12-31Z", "2022-06-15+02:00"])) }
            for _ in 0..<g.times(0...2) { g.contact("\(g.cns)contact") }
        }
    }

    enum MobilityKind: CaseIterable {
        case studies, traineeship, teacher, training
        var element: String {
            switch self {
            case .studies: "student-studies-mobility-spec"
            case .traineeship: "student-traineeship-mobility-spec"
            case .teacher: "staff-teacher-mobility-spec"
            case .training: "staff-training-mobility-spec"
            }
        }
        var isStudent: Bool { self == .studies || self == .traineeship }
        /// Student studies and staff teaching require at least one recommended language skill.
        var languageSkills: ClosedRange<Int> { self == .studies || self == .teacher ? 1...3 : 0...2 }
    }

    private mutating func spec(_ kind: MobilityKind) {
        element("\(ns)\(kind.element)") { g in
            let n = g.ns
            g.leaf("\(n)sending-hei-id", g.heiID(), g.xsiType("string", Self.xsNS))
            if g.chance(0.5) { g.leaf("\(n)sending-ounit-id", g.identifier()) }
            for _ in 0..<g.times(0...2) { g.contact("\(n)sending-contact", g.xsiType("Contact", Self.contactNS)) }
            g.leaf("\(n)receiving-hei-id", g.heiID())
            if g.chance(0.5) { g.leaf("\(n)receiving-ounit-id", g.identifier()) }
            for _ in 0..<g.times(0...2) { g.contact("\(n)receiving-contact") }
            g.leaf("\(n)receiving-first-academic-year-id", g.academicYear(), g.xsiType("AcademicYearId", "https://github.com/erasmus-without-paper/ewp-specs-types-academic-term/tree/stable-v1"))
            g.leaf("\(n)receiving-last-academic-year-id", g.academicYear())
            g.leaf("\(n)mobilities-per-year", g.positiveInteger(), g.flag("not-yet-defined", 0.15))
            for _ in 0..<g.times(kind.languageSkills) {
                g.element("\(n)recommended-language-skill", g.flag("not-yet-defined", 0.15)) { g in
                    g.leaf("\(n)language", g.pick(["en", "pl", " de ", "pt-BR", "sr-Latn-RS", "\nno\n"]), g.xsiType("language", Self.xsNS))
                    if g.chance(0.6) { g.leaf("\(n)cefr-level", g.pick(["A1", "A2", "B1", "B2", "C1", "C2"])) }
                    if g.chance(0.3) { g.subjectArea() }
                }
            }
            for _ in 0..<g.times(0...3) { g.subjectArea() }
            if g.chance(0.4) { g.leaf("\(n)other-info-terms", g.freeText()) }
            if kind.isStudent {
                if g.chance(0.6) { g.leaf("\(n)total-months-per-year", g.decimal()) }
                g.leaf("\(n)blended", g.boolean(), g.xsiType("boolean", Self.xsNS))
                for _ in 0..<g.times(0...3) { g.leaf("\(n)eqf-level", g.eqfLevel(), g.xsiType("EqfLevel", Self.commonNS)) }
            } else if g.chance(0.6) {
                g.leaf("\(n)total-days-per-year", g.decimal())
            }
        }
    }

    private mutating func subjectArea() {
        element("\(ns)subject-area", xsiType("SubjectArea", Self.iiasNS)) { g in
            let v6 = g.chance(0.15) ? g.attribute("v6-value", g.pick(["031", "03", "0", "&#49;2"])) : ""
            g.leaf("\(g.ns)isced-f-code", g.isced(), v6)
            if g.chance(0.6) { g.leaf("\(g.ns)isced-clarification", g.chance(0.3) ? "" : g.freeText()) }
        }
    }

    private mutating func lang() -> String { chance(0.5) ? attribute("xml:lang", pick(["en", "pl", "no", "fr-CA"])) : "" }

    /// A `c:Contact` (every element the contact, phone and address schemas allow).
    private mutating func contact(_ name: String, _ attrs: String = "") {
        element(name, attrs) { g in
            let c = g.cns
            for _ in 0..<g.times(1...2) { g.leaf("\(c)contact-name", g.text(["Sylwia Nowak", "José Álvarez", "Office &amp; Co"]), g.lang()) }
            for _ in 0..<g.times(0...2) { g.leaf("\(c)person-given-names", g.text(["Sylwia", "Ødegård"]), g.lang()) }
            for _ in 0..<g.times(0...1) { g.leaf("\(c)person-family-name", g.text(["Nowak", "O'Brien"]), g.lang()) }
            if g.chance(0.3) { g.leaf("\(c)person-gender", g.pick(["0", "1", "2", "9"])) }
            for _ in 0..<g.times(0...2) { g.phone("p:phone-number") }
            for _ in 0..<g.times(0...1) { g.phone("p:fax-number") }
            for _ in 0..<g.times(0...2) { g.leaf("\(c)email", g.pick(["email@example.com", "a.b+c@uni.example.pl", "x&amp;y@z.example"])) }
            if g.chance(0.3) { g.address("a:street-address") }
            if g.chance(0.3) { g.address("a:mailing-address") }
            for _ in 0..<g.times(0...1) { g.leaf("\(c)role-description", g.freeText(), g.lang()) }
        }
    }

    private mutating func phone(_ name: String) {
        element(name) { g in
            if g.chance(0.7) { g.leaf("p:e164", g.pick(["+48221234567", "+4722000000"])) }
            if g.chance(0.3) { g.leaf("p:ext", g.pick(["123", "45"])) }
            if g.chance(0.4) { g.leaf("p:other-format", g.text(["(0) 22 123 45 67", "ext. 12"])) }
        }
    }

    private mutating func address(_ name: String) {
        element(name) { g in
            for _ in 0..<g.times(0...1) { g.leaf("a:recipientName", g.text(["Erasmus Office"])) }
            if g.chance(0.5) {
                for _ in 0..<g.times(0...4) { g.leaf("a:addressLine", g.text(["ul. Krakowskie Przedmieście 26/28"])) }
            } else {
                if g.chance(0.6) { g.leaf("a:buildingNumber", "26") }
                if g.chance(0.4) { g.leaf("a:buildingName", g.text(["Pałac Kazimierzowski"])) }
                if g.chance(0.6) { g.leaf("a:streetName", g.text(["Krakowskie Przedmieście"])) }
                if g.chance(0.3) { g.leaf("a:unit", "4B") }
                if g.chance(0.3) { g.leaf("a:floor", "2") }
                if g.chance(0.3) { g.leaf("a:postOfficeBox", "PO 12") }
                for _ in 0..<g.times(0...2) { g.leaf("a:deliveryPointCode", "DP-1") }
            }
            if g.chance(0.6) { g.leaf("a:postalCode", "00-927") }
            if g.chance(0.6) { g.leaf("a:locality", g.text(["Warszawa"])) }
            if g.chance(0.3) { g.leaf("a:region", g.text(["Mazowieckie"])) }
            if g.chance(0.6) { g.leaf("a:country", g.pick(["PL", "NO"])) }
        }
    }
}
