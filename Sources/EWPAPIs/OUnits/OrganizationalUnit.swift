import EWPXML

/// One `ounit` of an Organizational Units v2 `ounits-response` (a faculty, department, or the
/// root unit standing for the whole HEI). Ids are immutable surrogate keys; codes are what people see.
public struct OrganizationalUnit: Sendable, Equatable, Codable {
    public var id: String
    public var code: String
    public var names: [LocalizedText]
    public var abbreviation: String?
    public var parentID: String?
    public var streetAddress: FlexibleAddress?
    public var mailingAddress: FlexibleAddress?
    public var websiteURLs: [LocalizedText]?
    public var logoURL: String?
    public var mobilityFactsheetURLs: [LocalizedText]?
    public var contacts: [Contact]?

    public init(id: String, code: String, names: [LocalizedText], abbreviation: String? = nil, parentID: String? = nil,
                streetAddress: FlexibleAddress? = nil, mailingAddress: FlexibleAddress? = nil, websiteURLs: [LocalizedText]? = nil,
                logoURL: String? = nil, mobilityFactsheetURLs: [LocalizedText]? = nil, contacts: [Contact]? = nil) {
        self.id = id
        self.code = code
        self.names = names
        self.abbreviation = abbreviation
        self.parentID = parentID
        self.streetAddress = streetAddress
        self.mailingAddress = mailingAddress
        self.websiteURLs = websiteURLs
        self.logoURL = logoURL
        self.mobilityFactsheetURLs = mobilityFactsheetURLs
        self.contacts = contacts
    }

    enum CodingKeys: String, CodingKey {
        case id = "ounit_id", code = "ounit_code", names, abbreviation, parentID = "parent_ounit_id"
        case streetAddress = "street_address", mailingAddress = "mailing_address", websiteURLs = "website_urls"
        case logoURL = "logo_url", mobilityFactsheetURLs = "mobility_factsheet_urls", contacts
    }

    /// The `ounit` element, in the order of response.xsd.
    public var element: XElement {
        let ns = InstitutionNamespace.ounitsResponse
        var children = [XElement("ounit-id", namespace: ns, text: id), XElement("ounit-code", namespace: ns, text: code)]
        children += LocalizedText.elements(names, "name", namespace: ns)
        children += XElement.optional("abbreviation", namespace: ns, abbreviation)
        children += XElement.optional("parent-ounit-id", namespace: ns, parentID)
        children += FlexibleAddress.elements(street: streetAddress, mailing: mailingAddress)
        children += LocalizedText.elements(websiteURLs, "website-url", namespace: ns)
        children += XElement.optional("logo-url", namespace: ns, logoURL)
        children += LocalizedText.elements(mobilityFactsheetURLs, "mobility-factsheet-url", namespace: ns)
        children += (contacts ?? []).map(\.element)
        return XElement("ounit", namespace: ns, children: children)
    }
}
