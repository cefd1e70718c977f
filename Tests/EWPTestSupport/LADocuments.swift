/// OMobility LAs v1 documents for import, server and process tests: semester learning agreements
/// (Tables A and B, 30 ECTS each, September to January) that pass every error-level Erasmus+
/// guideline rule, in the states an LA goes through.
public enum LADocuments {
    public static let namespace = "https://github.com/erasmus-without-paper/ewp-specs-api-omobility-las/blob/stable-v1/endpoints/get-response.xsd"
    public static let academicTerm = "https://github.com/erasmus-without-paper/ewp-specs-types-academic-term/tree/stable-v2"
    public static let updateNamespace = "https://github.com/erasmus-without-paper/ewp-specs-api-omobility-las/blob/stable-v1/endpoints/update-request.xsd"

    /// Where the LA stands.
    public enum Stage: Sendable {
        /// No first version yet: the changes proposal `id` is the proposed first version.
        case proposedFirstVersion(proposalID: String)
        /// The first version signed by all three parties, nothing pending.
        case signedFirstVersion
        /// The signed first version and a proposal `id` of changes (one Table A row replaced).
        case changesProposed(proposalID: String)
    }

    /// One `la` element (default namespace: the get-response's).
    public static func la(_ omobilityID: String, sending: String, receiving: String, stage: Stage,
                          year: String = "2026/2027", globalID: String = "urn:schac:personalUniqueCode:int:esi:test:1",
                          replacement: String = "Distributed Systems", recognizedECTS: String = "30", provisions: Bool = true) -> String {
        let original = original(recognizedECTS: recognizedECTS)
        var tables = ""
        switch stage {
        case .proposedFirstVersion(let id):
            tables = "<changes-proposal id=\"\(id)\">\(original)\(studentAndSending)</changes-proposal>"
        case .signedFirstVersion:
            tables = "<first-version>\(original)\(studentAndSending)\(receivingSignature)</first-version>"
        case .changesProposed(let id):
            tables = "<first-version>\(original)\(studentAndSending)\(receivingSignature)</first-version>"
                + "<changes-proposal id=\"\(id)\"><components-studied>"
                + "<component status=\"deleted\" reason-code=\"timetable-conflict\"><title>Databases</title>\(term)\(ects("15"))</component>"
                + "<component status=\"inserted\" reason-code=\"substituting-deleted\"><title>\(replacement)</title>\(term)\(ects("15"))</component>"
                + "</components-studied>\(studentAndSending)</changes-proposal>"
        }
        return """
            <la><omobility-id>\(omobilityID)</omobility-id>\
            <sending-hei><hei-id>\(sending)</hei-id><ounit-name>Faculty of Science</ounit-name><contact-person><given-names>Anna</given-names>\
            <family-name>Sender</family-name><email>anna@\(sending)</email></contact-person></sending-hei>\
            <receiving-hei><hei-id>\(receiving)</hei-id><contact-person><given-names>Bruno</given-names><family-name>Receiver</family-name>\
            <email>bruno@\(receiving)</email></contact-person></receiving-hei>\
            <receiving-academic-year-id>\(year)</receiving-academic-year-id>\
            <student><given-names>Chloe</given-names><family-name>Student</family-name><global-id>\(globalID)</global-id>\
            <birth-date>2003-02-28</birth-date><citizenship>FR</citizenship><gender>2</gender><email>chloe@\(sending)</email></student>\
            <start-date>\(year.prefix(4))-09-01</start-date><end-date>\(year.suffix(4))-01-31</end-date>\
            <eqf-level-studied-at-departure>6</eqf-level-studied-at-departure><isced-f-code>0613</isced-f-code>\
            <student-language-skill><language>en</language><cefr-level>B2</cefr-level></student-language-skill>\
            \(tables)\(provisions ? "<provisions-url>https://\(sending)/provisions</provisions-url>" : "")</la>
            """
    }

    /// `la(…)` declaring the prefix it uses on itself, so that it stands inside any answer (what a
    /// fake partner serves).
    public static func standaloneLA(_ omobilityID: String, sending: String, receiving: String, stage: Stage, provisions: Bool = true) -> String {
        la(omobilityID, sending: sending, receiving: receiving, stage: stage, provisions: provisions)
            .replacingOccurrences(of: "<la>", with: "<la xmlns:trm=\"\(academicTerm)\">")
    }

    /// An `omobility-las-get-response` holding these `la` elements.
    public static func response(_ las: [String]) -> String {
        "<omobility-las-get-response xmlns=\"\(namespace)\" xmlns:trm=\"\(academicTerm)\">\(las.joined())</omobility-las-get-response>"
    }

    /// An `omobility-las-update-request` approving (comment nil) or commenting on a proposal.
    public static func update(sending: String, omobilityID: String, proposalID: String, comment: String? = nil,
                              signature: Bool = true, extra: String = "") -> String {
        let element = comment == nil ? "approve-proposal-v1" : "comment-proposal-v1"
        let sig = signature ? """
            <signature><la:signer-name>Bruno Receiver</la:signer-name><la:signer-position>Coordinator</la:signer-position>\
            <la:signer-email>bruno@receiving.example</la:signer-email><la:timestamp>2026-06-20T10:00:00+02:00</la:timestamp>\
            <la:signer-app>Receiving SIS</la:signer-app></signature>
            """ : ""
        return """
            <omobility-las-update-request xmlns="\(updateNamespace)" xmlns:la="\(namespace)"><sending-hei-id>\(sending)</sending-hei-id>\
            \(extra)<\(element)><omobility-id>\(omobilityID)</omobility-id><changes-proposal-id>\(proposalID)</changes-proposal-id>\
            \(comment.map { "<comment>\($0)</comment>" } ?? "")\(sig)</\(element)></omobility-las-update-request>
            """
    }

    static let term = "<term-id><trm:term-number>1</trm:term-number><trm:total-terms>2</trm:total-terms></term-id>"

    static func ects(_ value: String) -> String { "<credit><scheme>ects</scheme><value>\(value)</value></credit>" }

    static func original(recognizedECTS: String) -> String {
        "<components-studied>"
            + "<component><los-code>DB</los-code><title>Databases</title>\(term)\(ects("15"))</component>"
            + "<component><los-code>AI</los-code><title>Artificial Intelligence</title>\(term)\(ects("15"))</component>"
            + "</components-studied><components-recognized>"
            + "<component><title>Semester abroad</title>\(term)\(ects(recognizedECTS))</component>"
            + "</components-recognized>"
    }

    static let studentAndSending = "<student-signature><timestamp>2026-05-02T10:00:00Z</timestamp></student-signature>"
        + "<sending-hei-signature><signer-name>Anna Sender</signer-name><signer-position>Erasmus coordinator</signer-position>"
        + "<signer-email>anna@sending.example</signer-email><timestamp>2026-05-03T10:00:00Z</timestamp></sending-hei-signature>"

    static let receivingSignature = "<receiving-hei-signature><signer-name>Bruno Receiver</signer-name><signer-position>Coordinator</signer-position>"
        + "<signer-email>bruno@receiving.example</signer-email><timestamp>2026-05-10T10:00:00Z</timestamp></receiving-hei-signature>"
}
