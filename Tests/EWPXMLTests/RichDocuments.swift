import EWPXML

/// Documents that use every element and attribute of their schema at least once, where the
/// official examples leave some out (RichDocumentsTests checks that nothing is left out), so the
/// agreement tests mutate every part of the schema.
enum RichDocuments {
    static let gh = "https://github.com/erasmus-without-paper/"
    static let ewp = NS.ewp
    static let contact = gh + "ewp-specs-types-contact/tree/stable-v1"
    static let address = gh + "ewp-specs-types-address/tree/stable-v1"
    static let phone = gh + "ewp-specs-types-phonenumber/tree/stable-v1"
    static let iias = gh + "ewp-specs-api-iias/blob/stable-v7/endpoints/get-response.xsd"
    static let institutions = gh + "ewp-specs-api-institutions/tree/stable-v2"
    static let ounits = gh + "ewp-specs-api-ounits/tree/stable-v2"
    static let registry = NS.registry
    static let las = gh + "ewp-specs-api-omobility-las/blob/stable-v1/endpoints/get-response.xsd"
    static let term2 = gh + "ewp-specs-types-academic-term/tree/stable-v2"

    /// A leaf element; `lang` sets xml:lang.
    static func e(_ name: String, _ ns: String, _ text: String, lang: String? = nil, attributes: [XAttribute] = []) -> XElement {
        var attributes = attributes
        if let lang { attributes.append(XAttribute("lang", namespace: NS.xml, value: lang)) }
        return XElement(name, namespace: ns, attributes: attributes, text: text)
    }

    static func e(_ name: String, _ ns: String, attributes: [XAttribute] = [], _ children: [XElement]) -> XElement {
        XElement(name, namespace: ns, attributes: attributes, children: children)
    }

    static func phoneNumber(_ name: String = "phone-number", e164: String = "+48221234567", ext: String? = "123") -> XElement {
        var children = [e("e164", phone, e164)]
        if let ext { children.append(e("ext", phone, ext)) }
        children.append(e("other-format", phone, "+48 22 123 45 67 ext. 123"))
        return e(name, phone, children)
    }

    /// A street address in the detailed form, a mailing address in the line form.
    static func streetAddress() -> XElement {
        e("street-address", address, [
            e("recipientName", address, "International Relations Office"),
            e("buildingNumber", address, "26/28"), e("buildingName", address, "Pałac Kazimierzowski"),
            e("streetName", address, "Krakowskie Przedmieście"), e("unit", address, "12"), e("floor", address, "2"),
            e("postOfficeBox", address, "PO 7"), e("deliveryPointCode", address, "DP-1"),
            e("postalCode", address, "00-927"), e("locality", address, "Warszawa"), e("region", address, "Mazowieckie"),
            e("country", address, "PL"),
        ])
    }

    static func mailingAddress() -> XElement {
        e("mailing-address", address, [
            e("addressLine", address, "University of Warsaw"), e("addressLine", address, "Krakowskie Przedmieście 26/28"),
            e("postalCode", address, "00-927"), e("locality", address, "Warszawa"), e("country", address, "PL"),
        ])
    }

    /// The children of a contact (type c:Contact), every element used.
    static func contactChildren() -> [XElement] {
        [
            e("contact-name", contact, "Anna Kowalska", lang: "pl"),
            e("person-given-names", contact, "Anna", lang: "en"),
            e("person-family-name", contact, "Kowalska"),
            e("person-gender", contact, "2"),
            phoneNumber(), phoneNumber("fax-number", ext: nil),
            e("email", contact, "anna.kowalska@uw.edu.pl"),
            streetAddress(), mailingAddress(),
            e("role-description", contact, "Institutional coordinator\nfor Erasmus+", lang: "en"),
        ]
    }

    static func subjectArea(_ name: String = "subject-area", v6Value: String? = nil) -> XElement {
        let attributes = v6Value.map { [XAttribute("v6-value", value: $0)] } ?? []
        return e(name, iias, [e("isced-f-code", iias, "0613", attributes: attributes), e("isced-clarification", iias, "Software development")])
    }

    static func mobilitySpec(_ name: String, staff: Bool) -> XElement {
        let notYetDefined = [XAttribute("not-yet-defined", value: "true")]
        var children = [
            e("sending-hei-id", iias, "uw.edu.pl"), e("sending-ounit-id", iias, "ou-1"),
            e("sending-contact", iias, contactChildren()),
            e("receiving-hei-id", iias, "uma.es"), e("receiving-ounit-id", iias, "ou-9"),
            e("receiving-contact", iias, [e("contact-name", contact, "Juan García")]),
            e("receiving-first-academic-year-id", iias, "2024/2025"), e("receiving-last-academic-year-id", iias, "2028/2029"),
            e("mobilities-per-year", iias, "4", attributes: name.hasPrefix("student-studies") ? notYetDefined : []),
            e("recommended-language-skill", iias, attributes: name.hasPrefix("staff-teacher") ? notYetDefined : [], [
                e("language", iias, "es"), e("cefr-level", iias, "B2"), subjectArea(v6Value: "061"),
            ]),
            subjectArea(), e("other-info-terms", iias, "Nominations by 30 April."),
        ]
        children += staff ? [e("total-days-per-year", iias, "5.5")]
                          : [e("total-months-per-year", iias, "10.25"), e("blended", iias, "true"), e("eqf-level", iias, "7")]
        return e(name, iias, children)
    }

    /// An IIAs v7 get response with one IIA using every element and attribute.
    static func iiasGetResponse() -> XElement {
        e("iias-get-response", iias, [
            e("iia", iias, [
                e("partner", iias, [
                    e("hei-id", iias, "uw.edu.pl"), e("ounit-id", iias, "ou-1"), e("iia-id", iias, "iia-1"),
                    e("iia-code", iias, "2024/E+/1"), e("signing-contact", iias, contactChildren()),
                    e("signing-date", iias, "2024-03-01"), e("contact", contact, contactChildren()),
                ]),
                e("partner", iias, [e("hei-id", iias, "uma.es"), e("iia-id", iias, "0f7a5682-faf7-49a7-9cc7-ec486c49a281")]),
                e("in-effect", iias, "true"),
                e("cooperation-conditions", iias, attributes: [XAttribute("terminated-as-a-whole", value: "true")], [
                    mobilitySpec("student-studies-mobility-spec", staff: false),
                    mobilitySpec("student-traineeship-mobility-spec", staff: false),
                    mobilitySpec("staff-teacher-mobility-spec", staff: true),
                    mobilitySpec("staff-training-mobility-spec", staff: true),
                ]),
                e("iia-hash", iias, String(repeating: "0123456789abcdef", count: 4)),
                e("pdf-file", iias, "file-1"),
            ]),
        ])
    }

    static func institutionsResponse() -> XElement {
        let i = institutions
        return e("institutions-response", i, [
            e("hei", i, [
                e("hei-id", i, "uw.edu.pl"),
                e("other-id", i, "PL WARSZAW01", attributes: [XAttribute("type", value: "erasmus")]),
                e("name", i, "University of Warsaw", lang: "en"), e("name", i, "Uniwersytet Warszawski", lang: "pl"),
                e("abbreviation", i, "UW"), streetAddress(), mailingAddress(),
                e("website-url", i, "https://www.uw.edu.pl/", lang: "pl"),
                e("logo-url", i, "https://www.uw.edu.pl/logo.png"),
                e("mobility-factsheet-url", i, "https://www.uw.edu.pl/factsheet", lang: "en"),
                e("course-catalogue-url", i, "http://usosweb.uw.edu.pl/catalogue"),
                e("contact", contact, contactChildren()),
                e("root-ounit-id", i, "ou-1"), e("ounit-id", i, "ou-1"), e("ounit-id", i, "ou-2"),
            ]),
        ])
    }

    static func ounitsResponse() -> XElement {
        let o = ounits
        return e("ounits-response", o, [
            e("ounit", o, [
                e("ounit-id", o, "ou-2"), e("ounit-code", o, "WMIM"),
                e("name", o, "Faculty of Mathematics, Informatics and Mechanics", lang: "en"),
                e("abbreviation", o, "MIM"), e("parent-ounit-id", o, "ou-1"), streetAddress(), mailingAddress(),
                e("website-url", o, "https://www.mimuw.edu.pl/"), e("logo-url", o, "https://www.mimuw.edu.pl/logo.svg"),
                e("mobility-factsheet-url", o, "https://www.mimuw.edu.pl/factsheet", lang: "en"),
                e("contact", contact, contactChildren()),
            ]),
        ])
    }

    /// The official factsheet example with the one element it leaves out (an accessibility description).
    static func factsheetResponse() throws -> XElement {
        var root = try XMLReader.parse(try TestPaths.bytes(TestPaths.specs + "/ewp-specs-api-factsheet/response-example.xml"))
        let ns = root.namespace
        guard let i = root.children[0].children.firstIndex(where: { $0.name == "accessibility" }) else { return root }
        root.children[0].children[i].children.insert(e("description", ns, "Step-free access to all lecture halls."), at: 2)
        return root
    }

    /// The official Courses example with what it leaves out (los-code, ounit-id, eqfLevelProvided).
    static func coursesResponse() throws -> XElement {
        var root = try XMLReader.parse(try TestPaths.bytes(TestPaths.specs + "/ewp-specs-api-courses/response-example.xml"))
        let ns = root.namespace
        root.children[0].children.insert(contentsOf: [e("los-code", ns, "MAT1100"), e("ounit-id", ns, "ou-7")], at: 1)
        if let i = root.children[0].children.firstIndex(where: { $0.name == "iscedCode" }) {
            root.children[0].children.insert(e("eqfLevelProvided", ns, "6"), at: i + 1)
        }
        return root
    }

    // MARK: OMobility LAs v1

    static func component(_ id: Int, status: String? = nil, recognized: Bool = false, virtual: Bool = false) -> XElement {
        var attributes: [XAttribute] = []
        if let status {
            attributes = [XAttribute("status", value: status),
                          XAttribute("reason-code", value: status == "inserted" ? "substituting-deleted" : "timetable-conflict"),
                          XAttribute("reason-text", value: "Reason for change \(id)")]
        }
        var children = [
            e("los-id", las, "CR/course-\(id)"), e("los-code", las, "C\(id)"), e("title", las, "Component \(id)"),
            e("loi-id", las, "CRI/instance-\(id)"),
            e("term-id", las, [e("term-number", term2, "1"), e("total-terms", term2, "2")]),
            e("credit", las, [e("scheme", las, "ects"), e("value", las, "7.5")]),
        ]
        if recognized { children.append(e("recognition-conditions", las, "Passed exam")) }
        if virtual { children.append(e("short-description", las, "Online seminar")) }
        return e("component", las, attributes: attributes, children)
    }

    static func signature(_ name: String, student: Bool = false) -> XElement {
        let signer = student ? [] : [e("signer-name", las, "Anna Kowalska"), e("signer-position", las, "Coordinator"),
                                     e("signer-email", las, "anna.kowalska@uw.edu.pl")]
        return e(name, las, signer + [e("timestamp", las, "2024-03-01T12:00:00+01:00"), e("signer-app", las, "ewp-node")])
    }

    /// A ListOf_Components with every list; changes mark their components.
    static func components(_ name: String, changes: Bool, receivingSignature: Bool = true) -> [XElement] {
        let status: (Int) -> String? = { changes ? ($0 % 2 == 0 ? "inserted" : "deleted") : nil }
        return [
            e("components-studied", las, [component(1, status: status(1)), component(2, status: status(2))]),
            e("components-recognized", las, [component(3, status: status(3), recognized: true)]),
            e("virtual-components", las, [component(4, status: status(4), virtual: true)]),
            e("blended-mobility-components", las, [component(5, virtual: true)]),
            e("short-term-doctoral-components", las, [component(6)]),
            signature("student-signature", student: true), signature("sending-hei-signature"),
        ] + (receivingSignature ? [signature("receiving-hei-signature")] : [])
    }

    static func mobilityInstitution(_ name: String, hei: String) -> XElement {
        e(name, las, [
            e("hei-id", las, hei), e("ounit-name", las, "Faculty of Informatics"), e("ounit-id", las, "ou-1"),
            e("contact-person", las, [e("given-names", las, "Anna"), e("family-name", las, "Kowalska"),
                                      e("email", las, "anna.kowalska@\(hei)"), phoneNumber()]),
        ])
    }

    static func student() -> XElement {
        e("student", las, [
            e("given-names", las, "Jan"), e("family-name", las, "Nowak"),
            e("global-id", las, "urn:schac:personalUniqueCode:int:esi:uw.edu.pl:123"), e("birth-date", las, "2001-02-03"),
            e("citizenship", las, "PL"), e("gender", las, "1"), e("email", las, "jan.nowak@example.org"),
        ])
    }

    /// An OMobility LAs v1 get response with one LA using every element and attribute.
    static func omobilityLAsGetResponse() -> XElement {
        e("omobility-las-get-response", las, [
            e("la", las, [
                e("omobility-id", las, "om-1"),
                mobilityInstitution("sending-hei", hei: "uw.edu.pl"), mobilityInstitution("receiving-hei", hei: "uma.es"),
                e("receiving-academic-year-id", las, "2024/2025"), student(),
                e("start-date", las, "2024-10-01"), e("end-date", las, "2025-02-28"),
                e("eqf-level-studied-at-departure", las, "6"), e("isced-f-code", las, "0613"),
                e("isced-clarification", las, "Software"),
                e("student-language-skill", las, [e("language", las, "es"), e("cefr-level", las, "B2")]),
                e("first-version", las, components("first-version", changes: false)),
                e("approved-changes", las, components("approved-changes", changes: true)),
                e("changes-proposal", las, attributes: [XAttribute("id", value: "proposal-1")],
                  components("changes-proposal", changes: true, receivingSignature: false) + [student()]),
                e("learning-outcomes-url", las, "https://uma.es/catalogue"), e("provisions-url", las, "http://uma.es/provisions"),
            ]),
        ])
    }

    // MARK: EMREX ELMO v1

    /// The official ELMO example with the learner details it leaves out (place and name of birth,
    /// current address, gender).
    static func elmo() throws -> XElement {
        var root = try XMLReader.parse(try TestPaths.bytes(TestPaths.specs + "/elmo-schemas/example.xml"))
        let ns = root.namespace
        guard let l = root.children.firstIndex(where: { $0.name == "learner" }),
              let bday = root.children[l].children.firstIndex(where: { $0.name == "bday" }) else { return root }
        var address = streetAddress()
        address.name = "currentAddress"
        address.namespace = ns
        root.children[l].children.insert(contentsOf: [
            e("placeOfBirth", ns, "Kraków"), e("birthName", ns, "Nowak"), address, e("gender", ns, "9"),
        ], at: bday + 1)
        return root
    }

    // MARK: IMobility ToRs v3 with EMREX ELMO v2

    static let elmo1 = "https://github.com/emrex-eu/elmo-schemas/tree/v1"
    static let elmo2 = "https://github.com/emrex-eu/elmo-schemas/tree/v2"
    static let tors3 = gh + "ewp-specs-api-imobility-tors/blob/stable-v3/endpoints/get-response.xsd"

    /// `e` and its descendants moved from namespace `from` to `to`.
    static func renamespaced(_ e: XElement, from: String, to: String) -> XElement {
        var e = e
        if e.namespace == from { e.namespace = to }
        e.children = e.children.map { renamespaced($0, from: from, to: to) }
        return e
    }

    /// ELMO v2 requires an identifier on every learning opportunity specification and has no credit level.
    static func identified(_ e: XElement) -> XElement {
        var e = e
        if e.name == "credit" { e.children.removeAll { $0.name == "level" } }
        if e.name == "learningOpportunitySpecification", !e.children.contains(where: { $0.name == "identifier" }) {
            e.children.insert(self.e("identifier", elmo2, "los-\(e.children.count)", attributes: [XAttribute("type", value: "local")]), at: 0)
        }
        e.children = e.children.map(identified)
        return e
    }

    /// A ToR v3 get response: the official ELMO v1 example (with RichDocuments.elmo's learner)
    /// turned into ELMO v2 (typed citizenship and issuer country, an alternative name, identified
    /// learning opportunities, credits without level).
    static func torsV3GetResponse() throws -> XElement {
        var elmo = identified(renamespaced(try RichDocuments.elmo(), from: elmo1, to: elmo2))
        let type = [XAttribute("type", value: "ISO 3166-1 alpha-2")]
        if let l = elmo.children.firstIndex(where: { $0.name == "learner" }) {
            for (i, child) in elmo.children[l].children.enumerated() where child.name == "citizenship" {
                elmo.children[l].children[i].attributes = type
            }
            if let family = elmo.children[l].children.firstIndex(where: { $0.name == "familyName" }) {
                elmo.children[l].children.insert(e("alternativeName", elmo2, "Войцех Ригельский", lang: "ru"), at: family + 1)
            }
        }
        for r in elmo.children.indices where elmo.children[r].name == "report" {
            for (i, child) in elmo.children[r].children[0].children.enumerated() where child.name == "country" {
                elmo.children[r].children[0].children[i].attributes = type
            }
        }
        return e("imobility-tors-get-response", tors3, [
            e("tor", tors3, [e("omobility-id", tors3, "om-1"), e("receiving-academic-year-id", tors3, "2024/2025"), elmo]),
        ])
    }
}
