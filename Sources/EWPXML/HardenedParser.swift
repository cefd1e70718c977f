internal import CLibXML2

/// The one way EWPXML parses untrusted bytes, for `XMLReader` (SAX events into an
/// `XMLEventHandler`, the `XElement` tree builder being one) and for `XSDSchema.validate`
/// (a libxml2 document):
/// - `XML_PARSE_NONET`: never fetch anything over the network.
/// - no `XML_PARSE_NOENT` (entities are not substituted), no `XML_PARSE_DTDLOAD` / `DTDVALID`.
/// - ANY `<!DOCTYPE>` is refused, and the parse stops at it, before the internal subset is read:
///   EWP documents have no DTD, so this blocks XXE and entity-expansion ("billion laughs") attacks.
/// - a byte-size limit and `XMLShapeLimits.standard` (attributes per element, elements) checked
///   before parsing; libxml2's default depth/text limits stay in place (no `XML_PARSE_HUGE`).
/// - namespace errors (an undeclared prefix) make the document unacceptable, like well-formedness
///   errors.
/// - parser messages are collected (with line numbers), never printed.
enum HardenedParser {
    static let options = Int32(XML_PARSE_NONET.rawValue)

    /// Parses `bytes` as SAX events into `driver`; no libxml2 document is built. With
    /// `keepingBytesAtDepth`, returns the standalone bytes of each element at that depth (0: the
    /// root), in document order; nil when they cannot be kept (the input is not UTF-8).
    @discardableResult
    static func stream(_ bytes: [UInt8], maxBytes: Int, driver: SAXEventDriver,
                       keepingBytesAtDepth depth: Int? = nil) throws(XMLProblem) -> [[UInt8]]? {
        let pointer = UnsafeMutablePointer<SAXEventDriver>.allocate(capacity: 1)
        pointer.initialize(to: driver)
        defer { pointer.deinitialize(count: 1); pointer.deallocate() }
        var kept: [[UInt8]]?
        _ = try run(bytes, maxBytes: maxBytes, driver: pointer, keepingBytesAtDepth: depth, kept: &kept)
        return kept
    }

    /// Parses `bytes` into a libxml2 document, which the caller owns (and must free).
    static func document(_ bytes: [UInt8], maxBytes: Int) throws(XMLProblem) -> UnsafeMutablePointer<xmlDoc> {
        var kept: [[UInt8]]?
        guard let document = try run(bytes, maxBytes: maxBytes, driver: nil, keepingBytesAtDepth: nil, kept: &kept) else {
            throw XMLProblem("document is not well-formed XML")
        }
        return document
    }

    /// With a `driver`, the SAX events go there and no libxml2 document is built (the result is
    /// nil); otherwise the caller owns (and must free) the returned, well-formed document.
    private static func run(_ bytes: [UInt8], maxBytes: Int, driver: UnsafeMutablePointer<SAXEventDriver>?,
                            keepingBytesAtDepth depth: Int?, kept: inout [[UInt8]]?) throws(XMLProblem)
        -> UnsafeMutablePointer<xmlDoc>? {
        XMLSetup.ensureInitialized()
        guard bytes.count <= maxBytes, bytes.count <= Int(Int32.max) else {
            throw XMLProblem("document is \(bytes.count) bytes, more than the limit of \(maxBytes) bytes")
        }
        guard !bytes.isEmpty else { throw XMLProblem("document is empty", line: 1) }
        if let problem = bytes.withUnsafeBufferPointer({ XMLShapeLimits.standard.problem(in: $0) }) { throw problem }

        let session = UnsafeMutablePointer<ParseSession>.allocate(capacity: 1)
        session.initialize(to: ParseSession(driver: driver))
        defer { session.deinitialize(count: 1); session.deallocate() }
        let collector = ErrorCollector()
        let (wellFormed, document, keptBytes) = try collector.capturing { () throws(XMLProblem) in
            try bytes.withUnsafeBufferPointer { buffer throws(XMLProblem) in
                if let depth { session.pointee.keep = KeptBytes(depth: depth, source: buffer) }
                defer { session.pointee.keep = nil }   // it points into `buffer`
                let (wellFormed, document) = try parse(buffer, session: session, buildTree: driver != nil)
                let keep = session.pointee.keep
                return (wellFormed, document, keep.flatMap { $0.usable ? $0.ranges.map($0.standalone) : nil })
            }
        }
        kept = keptBytes
        if let line = session.pointee.doctypeLine {
            if let document { xmlFreeDoc(document) }
            throw XMLProblem("DOCTYPE declarations are not allowed (EWP documents have no DTD)", line: line)
        }
        guard wellFormed, driver != nil || document != nil else {
            if let document { xmlFreeDoc(document) }
            throw collector.first ?? XMLProblem("document is not well-formed XML")
        }
        return document
    }

    /// `xmlCreateMemoryParserCtxt` + `xmlParseDocument` (not `xmlCtxtReadMemory`, which resets
    /// the context): our SAX hooks and the `_private` session pointer stay in place.
    private static func parse(_ buffer: UnsafeBufferPointer<UInt8>, session: UnsafeMutablePointer<ParseSession>,
                              buildTree: Bool) throws(XMLProblem) -> (Bool, UnsafeMutablePointer<xmlDoc>?) {
        let start = UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self)
        guard let ctxt = xmlCreateMemoryParserCtxt(start, Int32(buffer.count)) else {
            throw XMLProblem("libxml2 could not allocate a parser")
        }
        defer {
            if let doc = ctxt.pointee.myDoc { xmlFreeDoc(doc) }   // not handed over: free it
            xmlFreeParserCtxt(ctxt)
        }
        let sax = ctxt.pointee.sax!
        sax.pointee.internalSubset = saxRefuseDoctype
        if buildTree {
            sax.pointee.startElementNs = saxStartElement
            sax.pointee.endElementNs = saxEndElement
            sax.pointee.characters = saxCharacters
            sax.pointee.cdataBlock = saxCharacters
            sax.pointee.ignorableWhitespace = saxCharacters
            sax.pointee.comment = nil
            sax.pointee.processingInstruction = nil
            sax.pointee.reference = nil
        }
        ctxt.pointee._private = UnsafeMutableRawPointer(session)
        _ = xmlCtxtUseOptions(ctxt, options)
        let wellFormed = xmlParseDocument(ctxt) == 0 && ctxt.pointee.wellFormed != 0 && ctxt.pointee.nsWellFormed != 0
        var document: UnsafeMutablePointer<xmlDoc>? = nil
        if !buildTree, wellFormed, session.pointee.doctypeLine == nil {
            document = ctxt.pointee.myDoc
            ctxt.pointee.myDoc = nil
        }
        return (wellFormed, document)
    }
}

/// State of one parse, reached by the SAX callbacks through the context's `_private` pointer.
/// A struct at an address we allocate (not a class): class stored properties pay for Swift's
/// dynamic exclusivity checks on every access, about a tenth of a large parse.
struct ParseSession {
    var doctypeLine: Int?
    let driver: UnsafeMutablePointer<SAXEventDriver>?
    var keep: KeptBytes? = nil
}

/// The SAX callbacks: global `let`s (C function pointers cannot capture). `ctx` is the parser
/// context (its `userData` is itself); its `_private` holds the session.
private func session(_ ctx: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<ParseSession>? {
    guard let ctx, let p = ctx.assumingMemoryBound(to: xmlParserCtxt.self).pointee._private else { return nil }
    return p.assumingMemoryBound(to: ParseSession.self)
}

/// Called when `<!DOCTYPE name …` has been read, before any internal-subset declaration is
/// parsed: record where, and halt the parser.
let saxRefuseDoctype: internalSubsetSAXFunc = { ctx, _, _, _ in
    guard let ctx, let s = session(ctx) else { return }
    let ctxt = ctx.assumingMemoryBound(to: xmlParserCtxt.self)
    s.pointee.doctypeLine = ctxt.pointee.input.map { Int($0.pointee.line) } ?? 1
    xmlStopParser(ctxt)
}

let saxStartElement: startElementNsSAX2Func = { ctx, localName, _, uri, namespaceCount, namespaces, attributeCount, _, attributes in
    guard let localName else { return }
    if let ctx, let s = session(ctx), s.pointee.keep != nil {
        s.pointee.keep!.start(ctxt: ctx.assumingMemoryBound(to: xmlParserCtxt.self), namespaceCount: Int(namespaceCount), namespaces: namespaces)
    }
    session(ctx)?.pointee.driver?.pointee.start(localName: localName, uri: uri, attributeCount: Int(attributeCount), attributes: attributes)
}

let saxEndElement: endElementNsSAX2Func = { ctx, localName, _, uri in
    guard let localName else { return }
    session(ctx)?.pointee.driver?.pointee.end(localName: localName, uri: uri)
    if let ctx, let s = session(ctx), s.pointee.keep != nil {
        s.pointee.keep!.end(ctxt: ctx.assumingMemoryBound(to: xmlParserCtxt.self))
    }
}

let saxCharacters: charactersSAXFunc = { ctx, ch, len in
    guard let ch, len > 0 else { return }
    session(ctx)?.pointee.driver?.pointee.characters(UnsafeBufferPointer(start: ch, count: Int(len)))
}
