import EWPXML

/// The `FlexibleAddress` of ewp-specs-types-address (`street-address`, `mailing-address`): either
/// up to four `addressLines` or the structured parts, never both; then postal code, locality,
/// region and a two-letter upper-case country code.
public struct FlexibleAddress: Sendable, Equatable, Codable {
    public var recipientNames: [String]?
    public var addressLines: [String]?
    public var buildingNumber: String?
    public var buildingName: String?
    public var streetName: String?
    public var unit: String?
    public var floor: String?
    public var postOfficeBox: String?
    public var deliveryPointCodes: [String]?
    public var postalCode: String?
    public var locality: String?
    public var region: String?
    public var country: String?

    public init(recipientNames: [String]? = nil, addressLines: [String]? = nil, buildingNumber: String? = nil,
                buildingName: String? = nil, streetName: String? = nil, unit: String? = nil, floor: String? = nil,
                postOfficeBox: String? = nil, deliveryPointCodes: [String]? = nil, postalCode: String? = nil,
                locality: String? = nil, region: String? = nil, country: String? = nil) {
        self.recipientNames = recipientNames
        self.addressLines = addressLines
        self.buildingNumber = buildingNumber
        self.buildingName = buildingName
        self.streetName = streetName
        self.unit = unit
        self.floor = floor
        self.postOfficeBox = postOfficeBox
        self.deliveryPointCodes = deliveryPointCodes
        self.postalCode = postalCode
        self.locality = locality
        self.region = region
        self.country = country
    }

    enum CodingKeys: String, CodingKey {
        case recipientNames = "recipient_names", addressLines = "address_lines", buildingNumber = "building_number"
        case buildingName = "building_name", streetName = "street_name", unit, floor, postOfficeBox = "post_office_box"
        case deliveryPointCodes = "delivery_point_codes", postalCode = "postal_code", locality, region, country
    }

    /// `street-address` or `mailing-address`.
    public func element(_ name: String) -> XElement {
        let ns = InstitutionNamespace.address
        var children = XElement.each("recipientName", namespace: ns, recipientNames)
        children += XElement.each("addressLine", namespace: ns, addressLines)
        for (name, value) in [("buildingNumber", buildingNumber), ("buildingName", buildingName), ("streetName", streetName),
                              ("unit", unit), ("floor", floor), ("postOfficeBox", postOfficeBox)] {
            children += XElement.optional(name, namespace: ns, value)
        }
        children += XElement.each("deliveryPointCode", namespace: ns, deliveryPointCodes)
        for (name, value) in [("postalCode", postalCode), ("locality", locality), ("region", region), ("country", country)] {
            children += XElement.optional(name, namespace: ns, value)
        }
        return XElement(name, namespace: ns, children: children)
    }

    /// The street and mailing address elements that are set, in schema order.
    static func elements(street: FlexibleAddress?, mailing: FlexibleAddress?) -> [XElement] {
        [street?.element("street-address"), mailing?.element("mailing-address")].compactMap { $0 }
    }
}
