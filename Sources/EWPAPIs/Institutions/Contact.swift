import EWPXML

/// The `PhoneNumber` of ewp-specs-types-phonenumber: E.164 (`+48123456789`, no extension), an
/// extension, or (discouraged) another format. In `Manifest/manifest.json` a plain string is the E.164 number.
public struct PhoneNumber: Sendable, Equatable, Codable {
    public var e164: String?
    public var ext: String?
    public var otherFormat: String?

    public init(e164: String? = nil, ext: String? = nil, otherFormat: String? = nil) {
        self.e164 = e164
        self.ext = ext
        self.otherFormat = otherFormat
    }

    enum CodingKeys: String, CodingKey { case e164, ext, otherFormat = "other_format" }

    public init(from decoder: any Decoder) throws {
        if let number = try? decoder.singleValueContainer().decode(String.self) {
            self.init(e164: number)
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(e164: try container.decodeIfPresent(String.self, forKey: .e164),
                  ext: try container.decodeIfPresent(String.self, forKey: .ext),
                  otherFormat: try container.decodeIfPresent(String.self, forKey: .otherFormat))
    }

    /// `phone-number` or `fax-number`.
    public func element(_ name: String) -> XElement {
        let ns = InstitutionNamespace.phoneNumber
        return XElement(name, namespace: ns, children: XElement.optional("e164", namespace: ns, e164)
            + XElement.optional("ext", namespace: ns, ext) + XElement.optional("other-format", namespace: ns, otherFormat))
    }
}

/// The `contact` of ewp-specs-types-contact: at least one name, then person names, gender (ISO
/// 5218: 0, 1, 2, 9), phones, faxes, e-mails, addresses and role descriptions.
public struct Contact: Sendable, Equatable, Codable {
    public var names: [LocalizedText]
    public var givenNames: [LocalizedText]?
    public var familyNames: [LocalizedText]?
    public var gender: Int?
    public var phones: [PhoneNumber]?
    public var faxes: [PhoneNumber]?
    public var emails: [String]?
    public var streetAddress: FlexibleAddress?
    public var mailingAddress: FlexibleAddress?
    public var roleDescriptions: [LocalizedText]?

    public init(names: [LocalizedText], givenNames: [LocalizedText]? = nil, familyNames: [LocalizedText]? = nil, gender: Int? = nil,
                phones: [PhoneNumber]? = nil, faxes: [PhoneNumber]? = nil, emails: [String]? = nil,
                streetAddress: FlexibleAddress? = nil, mailingAddress: FlexibleAddress? = nil, roleDescriptions: [LocalizedText]? = nil) {
        self.names = names
        self.givenNames = givenNames
        self.familyNames = familyNames
        self.gender = gender
        self.phones = phones
        self.faxes = faxes
        self.emails = emails
        self.streetAddress = streetAddress
        self.mailingAddress = mailingAddress
        self.roleDescriptions = roleDescriptions
    }

    enum CodingKeys: String, CodingKey {
        case names, givenNames = "given_names", familyNames = "family_names", gender, phones, faxes, emails
        case streetAddress = "street_address", mailingAddress = "mailing_address", roleDescriptions = "role_descriptions"
    }

    public var element: XElement {
        let ns = InstitutionNamespace.contact
        var children = LocalizedText.elements(names, "contact-name", namespace: ns)
        children += LocalizedText.elements(givenNames, "person-given-names", namespace: ns)
        children += LocalizedText.elements(familyNames, "person-family-name", namespace: ns)
        children += XElement.optional("person-gender", namespace: ns, gender.map(String.init))
        children += (phones ?? []).map { $0.element("phone-number") }
        children += (faxes ?? []).map { $0.element("fax-number") }
        children += XElement.each("email", namespace: ns, emails)
        children += FlexibleAddress.elements(street: streetAddress, mailing: mailingAddress)
        children += LocalizedText.elements(roleDescriptions, "role-description", namespace: ns)
        return XElement("contact", namespace: ns, children: children)
    }
}
