import EWPXML

/// `sending-hei` / `receiving-hei` (type `MobilityInstitution`).
public struct MobilityInstitution: Sendable, Hashable {
    /// `hei-id`: SCHAC id, immutable per mobility.
    public var heiID: String
    /// `ounit-name`: MUST be given for the sending HEI (schema annotation).
    public var ounitName: String?
    /// `ounit-id` (`ewp:AsciiPrintableIdentifier`).
    public var ounitID: String?
    public var contactPerson: ContactPerson

    public init(heiID: String, ounitName: String? = nil, ounitID: String? = nil, contactPerson: ContactPerson) {
        self.heiID = heiID
        self.ounitName = ounitName
        self.ounitID = ounitID
        self.contactPerson = contactPerson
    }

    static let known: Set<QName> = [QName("hei-id"), QName("ounit-name"), QName("ounit-id"), QName("contact-person")]

    init(_ node: Node, ignored: inout [String]) throws(LADecodingError) {
        var r = try ChildReader(node, known: Self.known, ignored: &ignored)
        heiID = try r.required("hei-id").string()
        ounitName = try r.optional("ounit-name")?.string()
        ounitID = try r.optional("ounit-id")?.restricted("an ewp:AsciiPrintableIdentifier (1 to 64 printable ASCII characters)",
                                                            SimpleTypes.isAsciiPrintableIdentifier)
        contactPerson = try ContactPerson(r.required("contact-person"), ignored: &ignored)
        try r.finish()
    }

    func element(_ name: String) -> XElement {
        LAWriter.element(name, [LAWriter.leaf("hei-id", heiID), LAWriter.leaf("ounit-name", ounitName),
                                LAWriter.leaf("ounit-id", ounitID), contactPerson.element])
    }
}

/// `contact-person` of a mobility institution.
public struct ContactPerson: Sendable, Hashable {
    public var givenNames: String
    public var familyName: String
    public var email: String
    public var phoneNumber: PhoneNumber?

    public init(givenNames: String, familyName: String, email: String, phoneNumber: PhoneNumber? = nil) {
        self.givenNames = givenNames
        self.familyName = familyName
        self.email = email
        self.phoneNumber = phoneNumber
    }

    static let known: Set<QName> = [QName("given-names"), QName("family-name"), QName("email"),
                                    QName("phone-number", LANamespace.phoneNumber)]

    init(_ node: Node, ignored: inout [String]) throws(LADecodingError) {
        var r = try ChildReader(node, known: Self.known, ignored: &ignored)
        givenNames = try r.required("given-names").string()
        familyName = try r.required("family-name").string()
        email = try r.required("email").restricted("an ewp:Email", SimpleTypes.isEmail)
        phoneNumber = try r.optional("phone-number", LANamespace.phoneNumber).map { n throws(LADecodingError) in
            try PhoneNumber(n, ignored: &ignored)
        }
        try r.finish()
    }

    var element: XElement {
        LAWriter.element("contact-person", [LAWriter.leaf("given-names", givenNames), LAWriter.leaf("family-name", familyName),
                                            LAWriter.leaf("email", email), phoneNumber?.element])
    }
}

/// `p:phone-number` (phone number types v1).
public struct PhoneNumber: Sendable, Hashable {
    /// `e164`: `+` and up to 15 digits.
    public var e164: String?
    /// `ext`: the schema gives it no type (`xs:anyType`), so the element is kept whole, as read.
    public var ext: XElement?
    public var otherFormat: String?

    public init(e164: String? = nil, ext: String? = nil, otherFormat: String? = nil) {
        self.e164 = e164
        self.ext = ext.map { XElement("ext", namespace: LANamespace.phoneNumber, text: $0) }
        self.otherFormat = otherFormat
    }

    static let known: Set<QName> = [QName("e164", LANamespace.phoneNumber), QName("ext", LANamespace.phoneNumber),
                                    QName("other-format", LANamespace.phoneNumber)]

    init(_ node: Node, ignored: inout [String]) throws(LADecodingError) {
        var r = try ChildReader(node, known: Self.known, ignored: &ignored)
        e164 = try r.optional("e164", LANamespace.phoneNumber)?.restricted("an E.164 number (+ and 1 to 15 digits)", SimpleTypes.isE164)
        ext = r.optional("ext", LANamespace.phoneNumber)?.element
        otherFormat = try r.optional("other-format", LANamespace.phoneNumber)?.string()
        try r.finish()
    }

    var element: XElement {
        LAWriter.element("phone-number", [LAWriter.leaf("e164", e164, namespace: LANamespace.phoneNumber), ext,
                                          LAWriter.leaf("other-format", otherFormat, namespace: LANamespace.phoneNumber)],
                         namespace: LANamespace.phoneNumber)
    }
}
