/// IIAs v7 get-response documents for tests (import, get, index): valid against the official
/// get-response.xsd unless a test breaks them on purpose. Built as text so tests can also write
/// what our own types would refuse.
public enum IIADocuments {
    public static let namespace = "https://github.com/erasmus-without-paper/ewp-specs-api-iias/blob/stable-v7/endpoints/get-response.xsd"
    public static let contactNamespace = "https://github.com/erasmus-without-paper/ewp-specs-types-contact/tree/stable-v1"
    public static let officialSchema = RepositoryPaths.spec("ewp-specs-api-iias/endpoints/get-response.xsd")

    /// One student-studies mobility spec from `sending` to `receiving` over the receiving years `years`.
    public static func studies(from sending: String, to receiving: String, years: (String, String) = ("2024/2025", "2026/2027"),
                               mobilities: Int = 2, isced: String = "0314") -> String {
        """
        <student-studies-mobility-spec>
          <sending-hei-id>\(sending)</sending-hei-id>
          <sending-contact><c:contact-name>Sending Coordinator</c:contact-name><c:email>out@\(sending)</c:email></sending-contact>
          <receiving-hei-id>\(receiving)</receiving-hei-id>
          <receiving-first-academic-year-id>\(years.0)</receiving-first-academic-year-id>
          <receiving-last-academic-year-id>\(years.1)</receiving-last-academic-year-id>
          <mobilities-per-year>\(mobilities)</mobilities-per-year>
          <recommended-language-skill><language>en</language><cefr-level>B2</cefr-level></recommended-language-skill>
          <subject-area><isced-f-code>\(isced)</isced-f-code><isced-clarification></isced-clarification></subject-area>
          <total-months-per-year>5</total-months-per-year>
          <blended>false</blended>
          <eqf-level>7</eqf-level>
        </student-studies-mobility-spec>
        """
    }

    /// One staff-teacher mobility spec.
    public static func teaching(from sending: String, to receiving: String, years: (String, String) = ("2025/2026", "2025/2026")) -> String {
        """
        <staff-teacher-mobility-spec>
          <sending-hei-id>\(sending)</sending-hei-id>
          <receiving-hei-id>\(receiving)</receiving-hei-id>
          <receiving-first-academic-year-id>\(years.0)</receiving-first-academic-year-id>
          <receiving-last-academic-year-id>\(years.1)</receiving-last-academic-year-id>
          <mobilities-per-year>1</mobilities-per-year>
          <recommended-language-skill><language>de</language></recommended-language-skill>
          <total-days-per-year>8</total-days-per-year>
        </staff-teacher-mobility-spec>
        """
    }

    /// An `iia` of `hei` (first partner, with `id` and a code) with `partner`, whose own id is
    /// `partnerID` (nil: not mapped yet). `conditions` default to studies both ways and teaching.
    public static func iia(hei: String, id: String, code: String? = nil, partner: String, partnerID: String? = nil,
                           inEffect: Bool = true, conditions: String? = nil, hash: String = String(repeating: "0", count: 64)) -> String {
        let specs = conditions ?? studies(from: hei, to: partner) + studies(from: partner, to: hei, years: ("2024/2024", "2024/2024"))
            + teaching(from: hei, to: partner)
        return """
        <iia>
          <partner>
            <hei-id>\(hei)</hei-id>
            <iia-id>\(id)</iia-id>
            <iia-code>\(code ?? "CODE/\(id)")</iia-code>
            <signing-contact><c:contact-name>Rector</c:contact-name><c:person-given-names>Anna</c:person-given-names><c:person-family-name>Nowak</c:person-family-name></signing-contact>
            <signing-date>2024-03-01</signing-date>
          </partner>
          <partner>
            <hei-id>\(partner)</hei-id>\(partnerID.map { "\n    <iia-id>\($0)</iia-id>" } ?? "")
            <c:contact><c:contact-name>Partner Office</c:contact-name><c:email>iro@\(partner)</c:email></c:contact>
          </partner>
          <in-effect>\(inEffect)</in-effect>
          <cooperation-conditions>
            \(specs)
          </cooperation-conditions>
          <iia-hash>\(hash)</iia-hash>
        </iia>
        """
    }

    /// An `iias-get-response` holding `iias` (their text).
    public static func response(_ iias: [String]) -> [UInt8] {
        Array("""
        <?xml version="1.0" encoding="UTF-8"?>
        <iias-get-response xmlns="\(namespace)" xmlns:c="\(contactNamespace)">
        \(iias.joined(separator: "\n"))
        </iias-get-response>
        """.utf8)
    }
}
