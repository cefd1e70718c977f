import EWPXML

/// One `hei` of an Institutions v2 `institutions-response`: the HEI's ids, names, addresses,
/// websites, contacts and the ids of its organizational units (the root one first when the units
/// form a tree).
public struct Institution: Sendable, Equatable {
    /// An `other-id` (registry `OtherHeiId`): `erasmus`, `erasmus-charter`, `pic`, `previous-schac` or a custom type.
    public struct OtherID: Sendable, Equatable, Codable {
        public var type: String
        public var value: String
        public init(type: String, value: String) {
            self.type = type
            self.value = value
        }
    }

    public var heiID: String
    public var otherIDs: [OtherID]
    public var names: [LocalizedText]
    public var abbreviation: String?
    public var streetAddress: FlexibleAddress?
    public var mailingAddress: FlexibleAddress?
    public var websiteURLs: [LocalizedText]
    public var logoURL: String?
    public var mobilityFactsheetURLs: [LocalizedText]
    public var courseCatalogueURLs: [LocalizedText]
    public var contacts: [Contact]
    public var rootOUnitID: String?
    public var ounitIDs: [String]

    public init(heiID: String, otherIDs: [OtherID] = [], names: [LocalizedText], abbreviation: String? = nil,
                streetAddress: FlexibleAddress? = nil, mailingAddress: FlexibleAddress? = nil, websiteURLs: [LocalizedText] = [],
                logoURL: String? = nil, mobilityFactsheetURLs: [LocalizedText] = [], courseCatalogueURLs: [LocalizedText] = [],
                contacts: [Contact] = [], rootOUnitID: String? = nil, ounitIDs: [String] = []) {
        self.heiID = heiID
        self.otherIDs = otherIDs
        self.names = names
        self.abbreviation = abbreviation
        self.streetAddress = streetAddress
        self.mailingAddress = mailingAddress
        self.websiteURLs = websiteURLs
        self.logoURL = logoURL
        self.mobilityFactsheetURLs = mobilityFactsheetURLs
        self.courseCatalogueURLs = courseCatalogueURLs
        self.contacts = contacts
        self.rootOUnitID = rootOUnitID
        self.ounitIDs = ounitIDs
    }

    /// The `hei` element, in the order of response.xsd.
    public var element: XElement {
        let ns = InstitutionNamespace.institutionsResponse
        var children = [XElement("hei-id", namespace: ns, text: heiID)]
        children += otherIDs.map { XElement("other-id", namespace: ns, attributes: [XAttribute("type", value: $0.type)], text: $0.value) }
        children += LocalizedText.elements(names, "name", namespace: ns)
        children += XElement.optional("abbreviation", namespace: ns, abbreviation)
        children += FlexibleAddress.elements(street: streetAddress, mailing: mailingAddress)
        children += LocalizedText.elements(websiteURLs, "website-url", namespace: ns)
        children += XElement.optional("logo-url", namespace: ns, logoURL)
        children += LocalizedText.elements(mobilityFactsheetURLs, "mobility-factsheet-url", namespace: ns)
        children += LocalizedText.elements(courseCatalogueURLs, "course-catalogue-url", namespace: ns)
        children += contacts.map(\.element)
        children += XElement.optional("root-ounit-id", namespace: ns, rootOUnitID)
        children += XElement.each("ounit-id", namespace: ns, ounitIDs)
        return XElement("hei", namespace: ns, children: children)
    }
}
