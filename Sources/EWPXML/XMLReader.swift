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

    /// `parse`, keeping the bytes of every element at `depth` (0: the root, 1: its children) in its
    /// `verbatim`, made standalone (the namespace declarations it inherits are added to its start
    /// tag), for documents stored and served byte for byte (an XML signature inside must verify).
    /// Nothing is kept when the document is not UTF-8 (libxml2 converts it).
    public static func parse(_ bytes: [UInt8], maxBytes: Int = defaultMaxBytes, keepingBytesAtDepth depth: Int) throws(XMLProblem) -> XElement {
        var builder = SAXTreeBuilder()
        let kept = try withUnsafeMutablePointer(to: &builder) { b throws(XMLProblem) in
            try HardenedParser.stream(bytes, maxBytes: maxBytes,
                                      driver: SAXEventDriver(onStart: { b.pointee.startElement(namespace: $0, name: $1, attributes: $2) },
                                                             onEnd: { b.pointee.endElement(namespace: $0, name: $1) },
                                                             onText: { b.pointee.text($0) }),
                                      keepingBytesAtDepth: depth)
        }
        guard var root = builder.root else { throw XMLProblem("document has no root element") }
        if var kept {
            kept.reverse()
            root.attachVerbatim(atDepth: depth, from: &kept)
        }
        return root
    }

    /// `parse` for outside data in async code: a document larger than `XMLParseThreads.threshold`
    /// is parsed on a parse thread, never on Swift's cooperative pool.
    public static func parseOffPool(_ bytes: [UInt8], maxBytes: Int = defaultMaxBytes) async throws(XMLProblem) -> XElement {
        try await XMLParseThreads.run(size: bytes.count) {
            Result { () throws(XMLProblem) -> XElement in try parse(bytes, maxBytes: maxBytes) }
        }.get()
    }

    /// Streams the document's events into `handler`, with exactly the hardening of `parse` (the
    /// same parser and options). For large documents read once, without building a tree.
    /// Throws for malformed, refused (DOCTYPE) or too large input; events delivered before the
    /// problem was found stay delivered, so a handler must not act on them before this returns.
    ///
    /// Inlinable so that the three event closures are specialised for `H` in the caller's module
    /// (direct calls to the handler instead of generic witness calls for every event).
    @inlinable
    public static func stream<H: XMLEventHandler>(_ bytes: [UInt8], maxBytes: Int = defaultMaxBytes,
                                                  into handler: inout H) throws(XMLProblem) {
        let failure = withUnsafeMutablePointer(to: &handler) { h in
            streamEvents(bytes, maxBytes: maxBytes,
                         onStart: { h.pointee.startElement(namespace: $0, name: $1, attributes: $2) },
                         onEnd: { h.pointee.endElement(namespace: $0, name: $1) },
                         onText: { h.pointee.text($0) })
        }
        if let failure { throw failure }
    }

    /// The non-generic part of `stream`; the closures are only called during this call.
    @usableFromInline
    static func streamEvents(_ bytes: [UInt8], maxBytes: Int,
                             onStart: @escaping (String, String, [XAttribute]) -> Void,
                             onEnd: @escaping (String, String) -> Void,
                             onText: @escaping (String) -> Void) -> XMLProblem? {
        do {
            try HardenedParser.stream(bytes, maxBytes: maxBytes,
                                      driver: SAXEventDriver(onStart: onStart, onEnd: onEnd, onText: onText))
            return nil
        } catch {
            return error
        }
    }
}
