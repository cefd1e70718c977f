/// The namespaces of an OMobility LAs v1 `omobility-las-get-response` (OMobility LAs API v1
/// endpoints/get.md).
public enum LANamespace {
    /// The get-response namespace: `la` and everything inside it, except what follows.
    public static let getResponse = "https://github.com/erasmus-without-paper/ewp-specs-api-omobility-las/blob/stable-v1/endpoints/get-response.xsd"
    /// Academic term v2: the children of `term-id` (`term-number`, `total-terms`).
    public static let academicTerm = "https://github.com/erasmus-without-paper/ewp-specs-types-academic-term/tree/stable-v2"
    /// Phone number v1: `contact-person/p:phone-number` and its children.
    public static let phoneNumber = "https://github.com/erasmus-without-paper/ewp-specs-types-phonenumber/tree/stable-v1"

    /// The prefixes the official example uses (`trm`) and the schema's own (`p`).
    public static let conventionalPrefixes = [academicTerm: "trm", phoneNumber: "p"]
}
