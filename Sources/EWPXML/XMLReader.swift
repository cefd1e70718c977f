/// Parses untrusted XML into an `XElement` tree, with `HardenedParser`'s hardening; the tree is
/// built from SAX events, without a libxml2 document (see `SAXTreeBuilder`).
public enum XMLReader {
    public static let defaultMaxBytes = 32 * 1024 * 1024

    /// Hardened: no network, no DTD, no entity expansion (any DOCTYPE is rejected), size limit,
    /// namespace-aware. Errors carry the line number where libxml2 knows it.
    public static func parse(_ bytes: [UInt8], maxBytes: Int = defaultMaxBytes) throws(XMLProblem) -> XElement {
        let (session, _) = try HardenedParser.run(bytes, maxBytes: maxBytes, buildTree: true)
        guard let root = session.builder.root else { throw XMLProblem("document has no root element") }
        return root
    }
}
