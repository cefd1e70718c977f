/// A realistic IIAs v7 get-response holding one IIA: two partners with signing contacts, and
/// `conditions` cooperation conditions cycling through the four mobility types, each with sending
/// and receiving contacts, two recommended language skills, two subject areas and other terms.
enum RealisticIIA {
    static let ns = "https://github.com/erasmus-without-paper/ewp-specs-api-iias/blob/stable-v7/endpoints/get-response.xsd"
    static let contactNS = "https://github.com/erasmus-without-paper/ewp-specs-types-contact/tree/stable-v1"
    static let phoneNS = "https://github.com/erasmus-without-paper/ewp-specs-types-phonenumber/tree/stable-v1"

    /// The declared `iia-hash` is a placeholder: it is not part of the text-to-hash.
    static func document(conditions: Int) -> String {
        let specs = ["student-studies-mobility-spec", "student-traineeship-mobility-spec",
                     "staff-teacher-mobility-spec", "staff-training-mobility-spec"]
        // Schema order: all specs of one type before the next type.
        let perType = (0..<4).map { t in (0..<conditions).filter { $0 % 4 == t }.count }
        var body = ""
        var n = 0
        for (t, count) in perType.enumerated() {
            for _ in 0..<count {
                body += spec(specs[t], index: n)
                n += 1
            }
        }
        return """
        <?xml version="1.0" encoding="UTF-8"?>
        <iias-get-response xmlns="\(ns)" xmlns:c="\(contactNS)" xmlns:p="\(phoneNS)">
          <iia>
            <partner>
              <hei-id>uw.edu.pl</hei-id>
              <ounit-id>140</ounit-id>
              <iia-id>0f7a5682-faf7-49a7-9cc7-ec486c49a281</iia-id>
              <iia-code>983/E+/III14&amp;15</iia-code>
        \(contact("signing-contact", "Sylwia Nowak"))
              <signing-date>2024-02-01</signing-date>
            </partner>
            <partner>
              <hei-id>hibo.no</hei-id>
              <iia-id>1954991</iia-id>
              <iia-code>2014/E+/PL/4104B</iia-code>
        \(contact("signing-contact", "Monica Turner"))
            </partner>
            <in-effect>true</in-effect>
            <cooperation-conditions>
        \(body)    </cooperation-conditions>
            <iia-hash>87b33170d7a6c6d894215641f39e7b7de36501265479e5ab3922f32d5b225033</iia-hash>
          </iia>
        </iias-get-response>
        """
    }

    static func contact(_ element: String, _ name: String) -> String {
        let parts = name.split(separator: " ")
        return """
                <\(element)>
                  <c:contact-name xml:lang="en">\(name)</c:contact-name>
                  <c:person-given-names>\(parts[0])</c:person-given-names>
                  <c:person-family-name>\(parts[1])</c:person-family-name>
                  <p:phone-number><p:e164>+48221234567</p:e164></p:phone-number>
                  <c:email>\(parts[1].lowercased())@example.com</c:email>
                </\(element)>
        """
    }

    static func spec(_ name: String, index: Int) -> String {
        let outgoing = index % 2 == 0
        let (sending, receiving) = outgoing ? ("uw.edu.pl", "hibo.no") : ("hibo.no", "uw.edu.pl")
        let student = name.hasPrefix("student")
        let languages = [("en", "B2"), ("no", "B1")].map {
            "          <recommended-language-skill><language>\($0.0)</language><cefr-level>\($0.1)</cefr-level></recommended-language-skill>\n"
        }.joined()
        let subjects = ["0314", "0411"].map {
            "          <subject-area><isced-f-code>\($0)</isced-f-code><isced-clarification>Field \(index) – \($0)</isced-clarification></subject-area>\n"
        }.joined()
        let extension_ = student
            ? "          <total-months-per-year>\(5 + index % 5)</total-months-per-year>\n          <blended>false</blended>\n          <eqf-level>6</eqf-level>\n          <eqf-level>7</eqf-level>\n"
            : "          <total-days-per-year>\(5 + index % 10)</total-days-per-year>\n"
        return """
              <\(name)>
                <sending-hei-id>\(sending)</sending-hei-id>
                <sending-ounit-id>ou-\(index)</sending-ounit-id>
        \(contact("sending-contact", "Anna Kowalska"))
                <receiving-hei-id>\(receiving)</receiving-hei-id>
        \(contact("receiving-contact", "Ola Nordmann"))
                <receiving-first-academic-year-id>2024/2025</receiving-first-academic-year-id>
                <receiving-last-academic-year-id>2028/2029</receiving-last-academic-year-id>
                <mobilities-per-year>\(1 + index % 4)</mobilities-per-year>
        \(languages)\(subjects)          <other-info-terms>Nominations by 30 April; transcripts within 5 weeks.</other-info-terms>
        \(extension_)      </\(name)>

        """
    }
}
