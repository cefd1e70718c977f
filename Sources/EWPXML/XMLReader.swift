/// Parses untrusted XML with `HardenedParser`'s hardening, either into an `XElement` tree or as a
/// stream of events. Both are the same SAX2 parse: the tree is one `XMLEventHandler`
/// (`SAXTreeBuilder`), and no libxml2 document is built.
public enum XMLReader {
    public static let defaultMaxBytes = 32 * 1024 * 1024

    /// Hardened: no network, no DTD, no entity expansion (any DOCTYPE is rejected), size limit,
    /// namespace-aware. Errors carry the line number where libxml2 knows it.
    public static func parse(_ bytes: [UInt8], maxBytes: Int = defaultMaxBytes) throws(XMLProblem) -> XElement {
        var builder = SAXTreeBuilder()
        try stream(bytes, maxBytes: maxBytes, into: &builder)
        guard let root = builder.root else { throw XMLProblem("document has no root element") }
        return root
    }

    /// Streams the document's events into `handler`, with exactly the hardening of `parse` (the
    /// same parser and options). For large documents read once, without building a tree.
    /// Throws for malformed, refused (DOCTYPE) or too large input; events delivered before the
    /// problem was found stay delivered, so a handler must not act on them before this returns.
    public static func stream<H: XMLEventHandler>(_ bytes: [UInt8], maxBytes: Int = defaultMaxBytes,
                                                  into handler: inout H) throws(XMLProblem) {
        try HardenedParser.stream(bytes, maxBytes: maxBytes, into: &handler)
    }
}
