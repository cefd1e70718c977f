internal import CLibXML2

/// Parses untrusted XML into an `XElement` tree (see `HardenedParser` for the hardening).
public enum XMLReader {
    public static let defaultMaxBytes = 32 * 1024 * 1024

    /// Hardened: no network, no DTD, no entity expansion (any DOCTYPE is rejected), size limit,
    /// namespace-aware. Errors carry the line number where libxml2 knows it.
    public static func parse(_ bytes: [UInt8], maxBytes: Int = defaultMaxBytes) throws(XMLProblem) -> XElement {
        try HardenedParser.withDocument(bytes, maxBytes: maxBytes) { doc throws(XMLProblem) in
            var builder = TreeBuilder()
            return builder.element(xmlDocGetRootElement(doc)!)
        }
    }
}
