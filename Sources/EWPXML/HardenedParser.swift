internal import CLibXML2

/// The one way EWPXML turns untrusted bytes into a libxml2 document (for validation; `XMLReader`
/// uses the same options with SAX callbacks instead of a document).
/// - `XML_PARSE_NONET`: never fetch anything over the network.
/// - no `XML_PARSE_NOENT` (entities are not substituted), no `XML_PARSE_DTDLOAD` / `DTDVALID`.
/// - ANY `<!DOCTYPE>` is refused, and the parse stops at it, before the internal subset is read:
///   EWP documents have no DTD, so this blocks XXE and entity-expansion ("billion laughs") attacks.
/// - a byte-size limit checked before parsing; libxml2's default depth/text limits stay in place
///   (no `XML_PARSE_HUGE`).
/// - parser messages are collected (with line numbers), never printed.
enum HardenedParser {
    static let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_COMPACT.rawValue)

    /// Parses `bytes` and runs `body` with the document, which is freed afterwards.
    static func withDocument<T>(_ bytes: [UInt8], maxBytes: Int,
                                _ body: (UnsafeMutablePointer<xmlDoc>) throws(XMLProblem) -> T) throws(XMLProblem) -> T {
        XMLSetup.ensureInitialized()
        try checkSize(bytes, maxBytes: maxBytes)
        guard let ctxt = xmlNewParserCtxt() else { throw XMLProblem("libxml2 could not allocate a parser") }
        defer { xmlFreeParserCtxt(ctxt) }
        ctxt.pointee.sax.pointee.internalSubset = refuseDoctype

        let collector = ErrorCollector()
        let doc = try collector.capturing { () throws(XMLProblem) -> xmlDocPtr? in
            bytes.withUnsafeBufferPointer { buffer in
                buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    xmlCtxtReadMemory(ctxt, $0, Int32(buffer.count), nil, nil, options)
                }
            }
        }
        guard let doc else { throw parseFailure(ctxt, collector) }
        defer { xmlFreeDoc(doc) }
        if sawDoctype(ctxt) || doc.pointee.intSubset != nil || doc.pointee.extSubset != nil {
            throw doctypeProblem(collector)
        }
        guard ctxt.pointee.wellFormed != 0 else { throw parseFailure(ctxt, collector) }
        guard xmlDocGetRootElement(doc) != nil else { throw XMLProblem("document has no root element") }
        return try body(doc)
    }

    static func checkSize(_ bytes: [UInt8], maxBytes: Int) throws(XMLProblem) {
        guard bytes.count <= maxBytes, bytes.count <= Int(Int32.max) else {
            throw XMLProblem("document is \(bytes.count) bytes, more than the limit of \(maxBytes) bytes")
        }
        guard !bytes.isEmpty else { throw XMLProblem("document is empty", line: 1) }
    }

    private static func parseFailure(_ ctxt: xmlParserCtxtPtr, _ collector: ErrorCollector) -> XMLProblem {
        if sawDoctype(ctxt) { return doctypeProblem(collector) }
        return collector.first ?? XMLProblem("document is not well-formed XML")
    }

    static func doctypeProblem(_ collector: ErrorCollector) -> XMLProblem {
        XMLProblem("DOCTYPE declarations are not allowed (EWP documents have no DTD)",
                   line: collector.first?.line ?? 1)
    }

    /// `_private` of the parser context is ours to use; the DOCTYPE hook marks it.
    static let doctypeMarker = 0xD0C7

    private static func sawDoctype(_ ctxt: xmlParserCtxtPtr) -> Bool {
        ctxt.pointee._private == UnsafeMutableRawPointer(bitPattern: doctypeMarker)
    }
}

/// SAX hook called when `<!DOCTYPE name …` has been read, before any internal-subset
/// declaration is parsed: mark the context and halt the parser.
let refuseDoctype: internalSubsetSAXFunc = { userData, _, _, _ in
    guard let userData else { return }
    let ctxt = userData.assumingMemoryBound(to: xmlParserCtxt.self)
    ctxt.pointee._private = UnsafeMutableRawPointer(bitPattern: HardenedParser.doctypeMarker)
    xmlStopParser(ctxt)
}
