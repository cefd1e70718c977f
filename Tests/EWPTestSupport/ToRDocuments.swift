/// IMobility ToRs get responses for tests: v2 with EMREX ELMO v1 and v3 with ELMO v2, each valid
/// against our XSDs and the official ones (checked in EWPAPIsTests). One learning opportunity per
/// transcript; `grade` changes the content, `issuer` (nil: none) the ELMO issuer's SCHAC id.
public enum ToRDocuments {
    public static let v2Namespace = "https://github.com/erasmus-without-paper/ewp-specs-api-imobility-tors/blob/stable-v2/endpoints/get-response.xsd"
    public static let v3Namespace = "https://github.com/erasmus-without-paper/ewp-specs-api-imobility-tors/blob/stable-v3/endpoints/get-response.xsd"

    /// A whole `imobility-tors-get-response` of ToRs v2 with one `tor` per id.
    public static func v2(_ ids: [String], issuer: String? = "node.test.example", grade: String = "B") -> String {
        document(v2Namespace, ids.map { v2Tor($0, issuer: issuer, grade: grade) })
    }

    /// A whole `imobility-tors-get-response` of ToRs v3 with one `tor` per id.
    public static func v3(_ ids: [String], issuer: String? = "node.test.example", grade: String = "B", year: String = "2024/2025") -> String {
        document(v3Namespace, ids.map { v3Tor($0, issuer: issuer, grade: grade, year: year) })
    }

    /// One v2 `tor` element in the response's default namespace.
    public static func v2Tor(_ id: String, issuer: String? = "node.test.example", grade: String = "B") -> String {
        """
        <tor><omobility-id>\(id)</omobility-id><elmo xmlns="https://github.com/emrex-eu/elmo-schemas/tree/v1">\
        <generatedDate>2025-02-28T12:00:00+01:00</generatedDate><learner><citizenship>PL</citizenship>\
        <identifier type="esi">urn:schac:personalUniqueCode:int:esi:sending.example:\(id)</identifier>\
        <givenNames>Jan</givenNames><familyName>Nowak</familyName><bday>2001-02-03</bday></learner>\
        <report>\(issuerElement(issuer, countryType: ""))\(opportunity(grade, loiIdentifier: ""))\
        <issueDate>2025-02-28T07:00:00+01:00</issueDate></report></elmo>\
        <gradeConversionTable><iscedTable iscedCode="0613"><gradeFrequency label="\(grade)" percentage="30.5"/></iscedTable></gradeConversionTable></tor>
        """
    }

    /// One v3 `tor` element in the response's default namespace.
    public static func v3Tor(_ id: String, issuer: String? = "node.test.example", grade: String = "B", year: String = "2024/2025") -> String {
        let alpha2 = " type=\"ISO 3166-1 alpha-2\""
        return """
        <tor><omobility-id>\(id)</omobility-id><receiving-academic-year-id>\(year)</receiving-academic-year-id>\
        <elmo xmlns="https://github.com/emrex-eu/elmo-schemas/tree/v2"><generatedDate>2025-02-28T12:00:00+01:00</generatedDate>\
        <learner><citizenship\(alpha2)>PL</citizenship>\
        <identifier type="esi">urn:schac:personalUniqueCode:int:esi:sending.example:\(id)</identifier>\
        <givenNames>Jan</givenNames><familyName>Nowak</familyName><alternativeName>Jan Nowak</alternativeName>\
        <dateOfBirth>2001-02-03</dateOfBirth></learner>\
        <report>\(issuerElement(issuer, countryType: alpha2))\(opportunity(grade, loiIdentifier: "<identifier type=\"ewp-loi-id\">CRI/1</identifier>"))\
        <issueDate>2025-02-28T07:00:00+01:00</issueDate></report></elmo></tor>
        """
    }

    static func document(_ namespace: String, _ tors: [String]) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<imobility-tors-get-response xmlns=\"\(namespace)\">\n"
            + tors.map { "  " + $0 + "\n" }.joined() + "</imobility-tors-get-response>\n"
    }

    static func issuerElement(_ issuer: String?, countryType: String) -> String {
        // ELMO v1 allows an issuer without identifier; v2 requires one (a PIC stands in).
        let identifier = issuer.map { "<identifier type=\"schac\">\($0)</identifier>" } ?? "<identifier type=\"pic\">999572294</identifier>"
        return "<issuer><country\(countryType)>ES</country>\(identifier)<title xml:lang=\"en\">Node University</title><url>https://node.test.example/</url></issuer>"
    }

    static func opportunity(_ grade: String, loiIdentifier: String) -> String {
        """
        <learningOpportunitySpecification><identifier type="ewp-los-id">CR/1</identifier>\
        <title xml:lang="en">Distributed Systems</title><type>Course</type><iscedCode>0613</iscedCode>\
        <specifies><learningOpportunityInstance>\(loiIdentifier)<start>2024-10-01</start><date>2025-02-10</date>\
        <status>passed</status><resultLabel>\(grade)</resultLabel><credit><scheme>ects</scheme><value>6</value></credit>\
        </learningOpportunityInstance></specifies></learningOpportunitySpecification>
        """
    }
}
