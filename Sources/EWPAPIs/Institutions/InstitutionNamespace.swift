import EWPXML

/// The namespaces of the Institutions v2, Organizational Units v2 and Mobility Factsheet v1
/// documents and of the shared types they use (address, contact, phone number).
public enum InstitutionNamespace {
    private static let github = "https://github.com/erasmus-without-paper/"

    public static let institutionsEntry = github + "ewp-specs-api-institutions/blob/stable-v2/manifest-entry.xsd"
    public static let institutionsResponse = github + "ewp-specs-api-institutions/tree/stable-v2"
    public static let ounitsEntry = github + "ewp-specs-api-ounits/blob/stable-v2/manifest-entry.xsd"
    public static let ounitsResponse = github + "ewp-specs-api-ounits/tree/stable-v2"
    public static let factsheetEntry = github + "ewp-specs-api-factsheet/blob/stable-v1/manifest-entry.xsd"
    public static let factsheetResponse = github + "ewp-specs-api-factsheet/tree/stable-v1"

    public static let address = github + "ewp-specs-types-address/tree/stable-v1"
    public static let contact = github + "ewp-specs-types-contact/tree/stable-v1"
    public static let phoneNumber = github + "ewp-specs-types-phonenumber/tree/stable-v1"

    /// Prefixes for writing these documents readably (as the specs' examples do).
    public static let prefixes: [String: String] = [address: "a", contact: "c", phoneNumber: "p"]

    /// A manifest entry with http-security, url and the API's limits, in this order.
    static func manifestEntry(_ name: String, namespace ns: String, version: String, url: String,
                              limits: [(String, Int)]) -> XElement {
        var children = [HTTPSecurityOptions.element(inEntryNamespace: ns), XElement("url", namespace: ns, text: url)]
        children += limits.map { XElement($0.0, namespace: ns, text: String($0.1)) }
        return XElement(name, namespace: ns, attributes: [XAttribute("version", namespace: "", value: version)], children: children)
    }
}

extension XElement {
    /// A text element, or nothing when `text` is nil.
    static func optional(_ name: String, namespace: String, _ text: String?) -> [XElement] {
        text.map { [XElement(name, namespace: namespace, text: $0)] } ?? []
    }

    /// One text element per value.
    static func each(_ name: String, namespace: String, _ values: [String]?) -> [XElement] {
        (values ?? []).map { XElement(name, namespace: namespace, text: $0) }
    }
}
